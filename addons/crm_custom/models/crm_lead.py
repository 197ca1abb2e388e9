# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The lead of the CRM suite: qualification, status, invoices, the customer
history, the workflow of workflow-driven teams (tasks, progress, stage
following the progress, rules for moves by hand) and what the funnel reads
(stage history, furthest stage reached)."""

import logging

from lxml import etree

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL
from odoo.tools.sql import column_exists

_logger = logging.getLogger(__name__)

# The buttons of the lead form that only open something: a user who may read
# leads but not change them (the Accountant) sees these and no other button.
READ_ONLY_BUTTONS = (
    "action_view_invoices",
    "action_show_potential_duplicates",
    "action_view_tag_lost_reasons",
)
# Buttons of a read-only user's lead form that change other records than the
# lead (by their class: action buttons are named by an action id): an
# accountant links an invoice to the opportunity he only reads.
READ_ONLY_BUTTON_CLASSES = frozenset({"o_crm_link_invoice"})

# The answers that make a lead qualified (source 000, "custom fields"): the
# completeness score is the share of them that is filled in.
QUALIFICATION_FIELDS = (
    "has_budget",
    "budget_amount",
    "pain_points",
    "purchase_requirements",
    "desired_outcome",
    "urgency",
    "purchase_horizon",
    "decision_maker_count",
    "buying_process",
    "decision_role",
    "competitor_line_ids",
    "objection_ids",
)


# Context key carrying the cause of a stage move made by the code itself.
MOVE_CAUSE = "crm_stage_move_cause"


class MoveCause(str):
    """The cause of a stage move the code itself makes (workflow, threshold,
    team change). A ``str`` subclass: a context sent over RPC only holds plain
    JSON strings, so no client can claim a cause and skip the checks."""


def trusted_move_cause(env):
    cause = env.context.get(MOVE_CAUSE)
    return cause if isinstance(cause, MoveCause) else None


# The pipeline of a lead is its team's own stages, or the shared stages
# (without team) when the team has none — as the funnel and the workflow read it.
FURTHEST_STAGE_QUERY = """
WITH targets AS (
    SELECT lead.id, lead.team_id, lead.stage_id FROM crm_lead lead WHERE %(scope)s
), teams_with_stages AS (
    SELECT DISTINCT team_id FROM crm_stage WHERE team_id IS NOT NULL
), visits AS (
    SELECT history.lead_id, history.stage_id
      FROM crm_lead_stage_history history JOIN targets ON targets.id = history.lead_id
    UNION ALL
    SELECT targets.id, targets.stage_id FROM targets WHERE targets.stage_id IS NOT NULL
), furthest AS (
    SELECT DISTINCT ON (visits.lead_id) visits.lead_id, stage.id AS stage_id
      FROM visits
      JOIN targets ON targets.id = visits.lead_id
      JOIN crm_stage stage ON stage.id = visits.stage_id
     WHERE stage.team_id = targets.team_id
        OR (stage.team_id IS NULL AND NOT EXISTS (
                SELECT 1 FROM teams_with_stages own WHERE own.team_id = targets.team_id))
     ORDER BY visits.lead_id, stage.sequence DESC, stage.id DESC
), computed AS (
    SELECT targets.id, furthest.stage_id
      FROM targets LEFT JOIN furthest ON furthest.lead_id = targets.id
)
UPDATE crm_lead lead SET furthest_stage_id = computed.stage_id
  FROM computed
 WHERE lead.id = computed.id AND lead.furthest_stage_id IS DISTINCT FROM computed.stage_id
"""


class CrmLead(models.Model):
    _name = "crm.lead"
    _inherit = ["crm.lead", "crm.tagged.mixin", "crm.customer.history.mixin"]
    _crm_guarded_tag_fields = ("tag_ids", "lost_reason_tag_ids")
    _crm_lost_reason_tag_fields = ("lost_reason_tag_ids",)

    # ------------------------------------------------------------------
    # Fields
    # ------------------------------------------------------------------
    # Qualification (source 000): budget, need, timeline, decision makers,
    # authority, competitors, objections. The selections are not required:
    # a NOT NULL column would make the install rewrite every existing lead,
    # and an empty answer reads as "unknown" anyway.
    has_budget = fields.Selection(
        [("unknown", "Unknown"), ("yes", "Yes"), ("no", "No")],
        string="Has a budget",
        default="unknown",
        tracking=True,
    )
    budget_amount = fields.Monetary(
        string="Budget",
        currency_field="company_currency",
        tracking=True,
        help="The amount the prospect can spend, e.g. 1,000 million rials.",
    )
    pain_points = fields.Text(help="What hurts today, e.g. old technology.")
    purchase_requirements = fields.Text(help="What the purchase must bring, e.g. efficiency.")
    desired_outcome = fields.Text(help="What success looks like, e.g. better workflows.")
    urgency = fields.Selection(
        [("low", "Low"), ("medium", "Moderate"), ("high", "High"), ("immediate", "Immediate")],
        tracking=True,
    )
    expected_purchase_date = fields.Date(tracking=True)
    purchase_horizon = fields.Integer(
        string="Purchase within (months)",
        tracking=True,
        help="When the prospect expects to buy, in months from now, e.g. 3.",
    )
    decision_maker_count = fields.Integer(
        string="Number of decision makers", tracking=True, help="E.g. 2."
    )
    buying_process = fields.Char(
        tracking=True, help="How the decision is made, e.g. committee review."
    )
    decision_role = fields.Selection(
        [
            ("unknown", "Unknown"),
            ("decision_maker", "Decision maker"),
            ("influencer", "Influencer"),
            ("end_user", "End user"),
        ],
        string="Role in the decision",
        default="unknown",
        tracking=True,
    )
    competitor_line_ids = fields.One2many(
        "crm.lead.competitor", "lead_id", string="Competitors", copy=True
    )
    objection_ids = fields.One2many("crm.lead.objection", "lead_id", string="Objections", copy=True)
    qualification_score = fields.Integer(
        string="Qualification (%)",
        compute="_compute_qualification_score",
        store=True,
        aggregator="avg",
        help="Share of the qualification questions answered: budget, need, "
        "timeline, decision makers, authority, competitors and objections.",
    )
    status_id = fields.Many2one(
        "crm.lead.status",
        string="Lead Status",
        tracking=True,
        index="btree_not_null",
        ondelete="restrict",
        group_expand="_read_group_expand_status_ids",
    )
    status_offers_lost = fields.Boolean(related="status_id.offers_lost")
    lost_reason_tag_ids = fields.Many2many(
        "crm.tag",
        "crm_lead_lost_reason_tag_rel",
        "lead_id",
        "tag_id",
        string="Lost Reason Tags",
        help="Why the opportunity was lost, as tags of the common vocabulary offered "
        "as lost reasons (several may apply; the Failed-Sale Reasons report counts "
        "them). Odoo's Lost Reason holds the main one.",
    )

    invoice_ids = fields.One2many(
        "account.move",
        "opportunity_id",
        string="Invoices",
        groups="account.group_account_invoice",
    )
    invoice_count = fields.Integer(compute="_compute_invoice_amounts", compute_sudo=True)
    invoiced_amount = fields.Monetary(
        compute="_compute_invoice_amounts",
        compute_sudo=True,
        currency_field="company_currency",
        help="Total of the posted customer invoices linked to this opportunity, "
        "credit notes deducted.",
    )
    paid_amount = fields.Monetary(
        compute="_compute_invoice_amounts",
        compute_sudo=True,
        currency_field="company_currency",
        help="Part of the invoiced amount the customer has already paid.",
    )

    # Workflow and funnel
    workflow_task_ids = fields.One2many(
        "crm.lead.workflow.task", "lead_id", string="Workflow Tasks"
    )
    workflow_progress = fields.Float(
        string="Workflow Progress (%)",
        digits=(5, 2),
        compute="_compute_workflow_progress",
        store=True,
        help="The progress of the highest completed workflow task.",
    )
    workflow_driven = fields.Boolean(related="team_id.workflow_connected")
    # The team's pipeline is the only choice of every stage picker (status
    # bar, lists, mass edit): Odoo's domain adds the shared stages to a
    # team's own ones.
    stage_id = fields.Many2one(domain="[('id', 'in', pipeline_stage_ids)]")
    pipeline_stage_ids = fields.Many2many(
        "crm.stage",
        string="Pipeline",
        compute="_compute_pipeline_stage_ids",
        help="The stages of the lead's sales team: its own ones, or the shared "
        "stages when it has none.",
    )
    workflow_next_task_id = fields.Many2one(
        "crm.lead.workflow.task",
        string="Next Task",
        compute="_compute_workflow_next_task_id",
    )
    stage_history_ids = fields.One2many("crm.lead.stage.history", "lead_id")
    furthest_stage_id = fields.Many2one(
        "crm.stage",
        readonly=True,
        copy=False,
        help="The furthest stage of its sales team's pipeline this lead has reached, "
        "even if it went back since: the funnel counts it in every stage up to this one.",
    )

    # ------------------------------------------------------------------
    # ORM
    # ------------------------------------------------------------------
    def _auto_init(self):
        # At install, existing leads have answered no qualification question
        # and have no workflow task: their stored scores are 0. Creating the
        # columns with that default is instant in PostgreSQL, where letting
        # the ORM compute them would walk every lead (a million, in minutes).
        for column, column_type in (
            ("qualification_score", "int4"),
            ("workflow_progress", "numeric"),
        ):
            if not column_exists(self.env.cr, self._table, column):
                self.env.cr.execute(
                    SQL(
                        "ALTER TABLE %s ADD COLUMN %s %s DEFAULT 0",
                        SQL.identifier(self._table),
                        SQL.identifier(column),
                        SQL(column_type),
                    )
                )
        return super()._auto_init()

    @api.depends(*QUALIFICATION_FIELDS)
    def _compute_qualification_score(self):
        for lead in self:
            answered = sum(1 for name in QUALIFICATION_FIELDS if lead._is_answered(name))
            lead.qualification_score = round(100 * answered / len(QUALIFICATION_FIELDS))

    def _is_answered(self, field_name):
        value = self[field_name]
        if isinstance(value, models.BaseModel):
            return bool(value)
        # "unknown" is the default of the selections: not an answer yet.
        return bool(value) and value != "unknown"

    @api.depends("type")
    def _compute_invoice_amounts(self):
        # Salespeople have no right on invoices: the amounts are read as
        # superuser (compute_sudo) in one grouped query for the whole batch.
        groups = self.env["account.move"]._read_group(
            [
                ("opportunity_id", "in", self.ids),
                ("move_type", "in", self.env["account.move"].get_sale_types()),
                ("state", "=", "posted"),
            ],
            groupby=["opportunity_id"],
            aggregates=["__count", "amount_total_signed:sum", "amount_residual_signed:sum"],
        )
        figures = {lead.id: (count, total, residual) for lead, count, total, residual in groups}
        for lead in self:
            count, total, residual = figures.get(lead.id, (0, 0.0, 0.0))
            lead.invoice_count = count
            lead.invoiced_amount = total
            lead.paid_amount = total - residual

    @api.depends("team_id")
    def _compute_pipeline_stage_ids(self):
        pipelines = {}
        for lead in self:
            if lead.team_id not in pipelines:
                pipelines[lead.team_id] = lead.team_id._pipeline_stages()
            lead.pipeline_stage_ids = pipelines[lead.team_id]

    @api.depends("workflow_task_ids.state", "workflow_task_ids.progress")
    def _compute_workflow_progress(self):
        for lead in self:
            done = lead.workflow_task_ids.filtered(lambda task: task.state == "done")
            lead.workflow_progress = max(done.mapped("progress"), default=0.0)

    @api.depends("workflow_task_ids.state", "workflow_task_ids.sequence")
    def _compute_workflow_next_task_id(self):
        for lead in self:
            todo = lead.workflow_task_ids.filtered(lambda task: task.state == "todo")
            lead.workflow_next_task_id = todo.sorted(lambda t: (t.sequence, t.progress, t.id))[:1]

    @api.constrains("budget_amount", "purchase_horizon", "decision_maker_count")
    def _check_qualification_numbers(self):
        for lead in self:
            if lead.budget_amount < 0:
                raise ValidationError(
                    _("The budget of %(lead)s cannot be negative.", lead=lead.name)
                )
            if lead.purchase_horizon < 0:
                raise ValidationError(
                    _("The purchase horizon of %(lead)s cannot be negative.", lead=lead.name)
                )
            if lead.decision_maker_count < 0:
                raise ValidationError(
                    _(
                        "The number of decision makers of %(lead)s cannot be negative.",
                        lead=lead.name,
                    )
                )

    @api.model
    def _read_group_expand_status_ids(self, statuses, domain):
        return statuses.search([("active", "=", True)])

    @api.model
    def _read_group_stage_ids(self, stages, domain):
        """A team's kanban shows its pipeline (a loaded sales process, not
        Odoo's shared stages beside it) and any stage still holding its leads."""
        team = self.env["crm.team"].browse(self.env.context.get("default_team_id"))
        if not team:
            return super()._read_group_stage_ids(stages, domain)
        return (stages | team.sudo()._pipeline_stages()).sorted(
            lambda stage: (stage.sequence, stage.id)
        )

    def _stage_find(self, team_id=False, domain=None, order="sequence, id", limit=1):
        """New leads start in the first stage of their team's pipeline."""
        teams = self.team_id | self.env["crm.team"].browse(team_id or [])
        if len(teams) == 1 and order == "sequence, id":
            stages = teams._pipeline_stages().filtered_domain(domain or [])
            if stages:  # else Odoo's search, e.g. for a won stage the team lacks
                return stages[:limit] if limit else stages
        return super()._stage_find(team_id=team_id, domain=domain, order=order, limit=limit)

    @api.model
    def get_view(self, view_id=None, view_type="form", **options):
        result = super().get_view(view_id, view_type, **options)
        if view_type == "form" and not self.env["ir.model.access"].check(
            self._name, "write", raise_exception=False
        ):
            result["arch"] = self._read_only_form_arch(result["arch"])
        return result

    @api.model
    def _read_only_form_arch(self, arch):
        """The form as a read-only user meets it: no button that would end
        in an access error (Won, Lost, Log Customer Event, task buttons…),
        a status bar that is not clickable."""
        root = etree.fromstring(arch)
        for button in list(root.iter("button")):
            classes = set(button.get("class", "").split())
            if button.get("name") not in READ_ONLY_BUTTONS and not (
                classes & READ_ONLY_BUTTON_CLASSES
            ):
                button.getparent().remove(button)
        for field in root.xpath("//header/field[@name='stage_id']"):
            field.set("readonly", "True")
        return etree.tostring(root, encoding="unicode")

    @api.model_create_multi
    def create(self, vals_list):
        """New leads: in their team's pipeline, with their first stage history
        row, and with their team's workflow tasks (then the stage of their
        progress). The tag guard runs in ``crm.tagged.mixin``."""
        leads = super().create(vals_list)
        leads._check_stage_in_pipeline()
        leads._stage_history_open(cause=trusted_move_cause(self.env) or "create", new=True)
        leads._workflow_generate_tasks()
        leads._workflow_sync_stage()
        return leads

    def write(self, vals):
        """The one write of the lead, in named steps:

        1. before the write, the stage move is checked: in the pipeline of the
           team, allowed by the team's workflow (``_stage_check_move``);
        2. the write itself (the tag guard runs in ``crm.tagged.mixin``);
        3. the owner hears of a status somebody else changed
           (``_notify_owner_of_status_change``);
        4. after the write, the stage follows a team change, every move gets
           its stage history row, the workflow follows the new salesperson
           and the new team (``_stage_after_write``).
        """
        cause = trusted_move_cause(self.env)
        before = self._stage_snapshot(vals)
        self._stage_check_move(vals, cause)
        previous_status = {lead: lead.status_id for lead in self} if "status_id" in vals else {}
        res = super().write(vals)
        if previous_status:
            self._notify_owner_of_status_change(previous_status)
        self._stage_after_write(vals, cause, before)
        return res

    def _stage_snapshot(self, vals):
        """What the after-write steps compare with: stage, team and salesperson
        of each lead before the write (only those the values may change)."""
        # Odoo moves a lead to another team when its new salesperson is not
        # a member of its team: "user_id" changes the team too.
        team_may_change = "team_id" in vals or "user_id" in vals
        tracked = "stage_id" in vals or team_may_change
        return {
            "stage": {lead.id: lead.stage_id for lead in self} if tracked else {},
            "team": {lead.id: lead.team_id for lead in self} if team_may_change else {},
            "user": {lead.id: lead.user_id for lead in self} if "user_id" in vals else {},
        }

    def _stage_check_move(self, vals, cause):
        """Refuse, before the write, a stage outside the pipeline or a move by
        hand the team's workflow does not allow."""
        if "stage_id" not in vals:
            return
        team_may_change = "team_id" in vals or "user_id" in vals
        new_stage = self.env["crm.stage"].browse(vals["stage_id"])
        if not team_may_change:
            self._check_stage_in_pipeline(new_stage)  # else once the team is known
        if cause:
            return
        new_team = vals.get("team_id")
        # A lead that moves to another team meets that team's workflow
        # after the write (its tasks, then the stage of its progress).
        self.filtered(
            lambda lead: (
                lead.team_id.workflow_connected
                and lead.stage_id != new_stage
                and (new_team is None or new_team == lead.team_id.id)
            )
        )._workflow_check_manual_move(new_stage)

    def _stage_after_write(self, vals, cause, before):
        """Stage, stage history, funnel and workflow after the write."""
        stages_before, teams_before = before["stage"], before["team"]
        changed_team = self.filtered(
            lambda lead: lead.team_id != teams_before.get(lead.id, lead.team_id)
        )
        followed = self.browse()  # moved (and their history written) by the team change
        if "stage_id" in vals and teams_before:
            self._check_stage_in_pipeline()
        elif "stage_id" not in vals:
            followed = changed_team._stage_follow_team()
        moved = self.browse()
        if stages_before:
            moved = self.filtered(lambda lead: lead.stage_id != stages_before.get(lead.id))
            moved -= followed
            if moved:
                moved._stage_history_open(cause=cause or "manual", previous=stages_before)
                if not cause:
                    for lead in moved.filtered("team_id.workflow_connected"):
                        lead._message_log(body=_("Moved by hand in a workflow-driven team."))
        if before["user"]:
            self._workflow_follow_salesperson(before["user"])
        if changed_team:
            # Another team, another pipeline: what the lead reached there
            # (leads that also moved had it recomputed with their history).
            (changed_team - moved - followed)._funnel_recompute_furthest_stage()
            changed_team._workflow_generate_tasks()
            changed_team._workflow_sync_stage()

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_set_won(self):
        # Checked first: Odoo's scoring tables would refuse a read-only user
        # with an error about them, not about the lead.
        self.check_access("write")
        return super().action_set_won()

    def action_view_invoices(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "account.action_move_out_invoice_type"
        )
        action.update(
            {
                "name": _("Invoices of %(opportunity)s", opportunity=self.name),
                "domain": [("opportunity_id", "=", self.id)],
                "context": {
                    "default_move_type": "out_invoice",
                    "default_opportunity_id": self.id,
                    "default_partner_id": self.partner_id.id,
                },
            }
        )
        return action

    def action_view_tag_lost_reasons(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Lost Reason Tags"),
            "res_model": "crm.tag",
            "view_mode": "list,form",
            "domain": [("id", "in", self.lost_reason_tag_ids.ids)],
        }

    def action_workflow_next_task_done(self):
        """Kanban card button: complete the lead's next task; the card then
        shows in the stage holding the new progress."""
        self.workflow_next_task_id.action_done()
        return {"type": "ir.actions.client", "tag": "soft_reload"}

    # ------------------------------------------------------------------
    # Status
    # ------------------------------------------------------------------
    def _notify_owner_of_status_change(self, previous_status):
        """Tell the owner when somebody else changed the status of his lead:
        a note of the *Status Changed* subtype addressed to him, in his
        language. Posted at once (not as the tracking message, which Odoo
        writes at commit and not at all under ``tracking_disable``, as in
        imports): the owner hears of every change."""
        for lead in self:
            owner = lead.user_id
            if not owner or owner == self.env.user or lead.status_id == previous_status[lead]:
                continue
            # Written for the owner: in his language, statuses included.
            reader = lead.with_context(lang=owner.lang).env
            lead.message_post(
                body=reader._(
                    "%(user)s changed the status of your lead from %(old)s to %(new)s.",
                    user=self.env.user.name,
                    old=previous_status[lead].with_env(reader).name or reader._("none"),
                    new=lead.status_id.with_env(reader).name or reader._("none"),
                ),
                partner_ids=owner.partner_id.ids,
                subtype_xmlid="crm_custom.mt_lead_status_changed",
            )

    # ------------------------------------------------------------------
    # Workflow: tasks and automatic moves
    # ------------------------------------------------------------------
    def _workflow_generate_tasks(self):
        """Create the workflow's tasks for leads of workflow-driven teams that
        have none of that workflow yet (one create for the whole batch)."""
        Task = self.env["crm.lead.workflow.task"].sudo()
        values = []
        for lead in self.filtered(lambda lead: lead.team_id.workflow_connected):
            lines = lead.team_id.workflow_template_id.line_ids
            if lines and not (lead.workflow_task_ids.template_line_id & lines):
                values += [Task._prepare_from_template(lead, line) for line in lines]
        if values:
            Task.create(values)

    def _workflow_sync_stage(self, cause_tasks=None):
        """Put each workflow-driven lead in the stage holding its progress."""
        Stage = self.env["crm.stage"]
        stages_by_team = {}
        for lead in self.filtered(lambda lead: lead.active and lead.team_id.workflow_connected):
            team = lead.team_id
            if team not in stages_by_team:
                stages_by_team[team] = team._pipeline_stages()
            target = Stage._stage_for_progress(stages_by_team[team], lead.workflow_progress)
            if not target or target == lead.stage_id:
                continue
            previous = lead.stage_id
            lead._with_move_cause("workflow").write({"stage_id": target.id})
            tasks = (cause_tasks or self.env["crm.lead.workflow.task"]).filtered(
                lambda task, lead=lead: task.lead_id == lead
            )
            # Read by the salesperson of the lead (else the company's staff):
            # written in his language, not in that of whoever completed the task.
            reader = lead.with_context(
                lang=lead.user_id.lang or lead.company_id.partner_id.lang or self.env.lang
            ).env
            lead._message_log(
                body=reader._(
                    "Moved by the workflow from %(previous)s to %(stage)s: progress is "
                    "now %(progress)s %% (%(tasks)s).",
                    previous=previous.with_env(reader).name or "-",
                    stage=target.with_env(reader).name,
                    progress=lead.workflow_progress,
                    tasks=", ".join(
                        reader._(
                            "%(task)s %(state)s",
                            task=task.with_env(reader).name,
                            state=dict(task._fields["state"]._description_selection(reader))[
                                task.state
                            ],
                        )
                        for task in tasks
                    )
                    or reader._("stages or workflow changed"),
                )
            )

    @api.model
    def _workflow_recompute_team_stages(self, team):
        """Set-based recompute after a threshold change: one statement moves
        every open lead of ``team`` to the stage its progress falls in, closes
        and writes their stage history; no per-lead query."""
        stages = team._pipeline_stages()
        if not stages:
            return 0
        ranges, low = [], None
        for index, stage in enumerate(stages):
            high = None if index == len(stages) - 1 else stage.progress
            ranges.append(SQL("(%s, %s, %s::numeric, %s::numeric)", stage.id, index, low, high))
            low = stage.progress
        now, uid = self.env.cr.now(), self.env.uid
        query = SQL(
            """
            WITH ranges(stage_id, pos, low, high) AS (VALUES %(ranges)s),
            moved AS (
                SELECT lead.id, lead.stage_id AS old_stage_id, ranges.stage_id AS new_stage_id,
                       ranges.pos >= COALESCE(reached.pos, -1) AS further
                  FROM crm_lead lead
                  JOIN ranges
                    ON (ranges.low IS NULL OR lead.workflow_progress > ranges.low)
                   AND (ranges.high IS NULL OR lead.workflow_progress <= ranges.high)
                  LEFT JOIN ranges reached ON reached.stage_id = lead.furthest_stage_id
                 WHERE lead.team_id = %(team)s AND lead.active
                   AND lead.stage_id IS DISTINCT FROM ranges.stage_id
                   AND lead.stage_id NOT IN (SELECT id FROM crm_stage WHERE is_won)
            ),
            updated AS (
                UPDATE crm_lead lead
                   SET stage_id = moved.new_stage_id, date_last_stage_update = %(now)s,
                       furthest_stage_id = CASE WHEN moved.further THEN moved.new_stage_id
                                                ELSE lead.furthest_stage_id END,
                       write_date = %(now)s, write_uid = %(uid)s
                  FROM moved WHERE lead.id = moved.id
            ),
            closed AS (
                UPDATE crm_lead_stage_history history SET date_out = %(now)s
                  FROM moved WHERE history.lead_id = moved.id AND history.date_out IS NULL
            )
            INSERT INTO crm_lead_stage_history
                   (lead_id, team_id, stage_id, previous_stage_id, date_in, cause, user_id,
                    create_uid, create_date, write_uid, write_date)
            SELECT moved.id, %(team)s, moved.new_stage_id, moved.old_stage_id, %(now)s,
                   'threshold', %(uid)s, %(uid)s, %(now)s, %(uid)s, %(now)s
              FROM moved
            """,
            ranges=SQL(", ").join(ranges),
            team=team.id,
            now=now,
            uid=uid,
        )
        self.env.flush_all()
        self.env.cr.execute(query)
        count = self.env.cr.rowcount
        self.env.invalidate_all()
        if count:
            team._message_log(
                body=_(
                    "%(count)s leads moved to the stage holding their progress after "
                    "the stages' progress changed.",
                    count=count,
                )
            )
        _logger.info("Workflow stages recomputed for team %s: %s leads moved", team.id, count)
        return count

    # ------------------------------------------------------------------
    # Workflow: moves by hand
    # ------------------------------------------------------------------
    def _with_move_cause(self, cause):
        return self.with_context(**{MOVE_CAUSE: MoveCause(cause)})

    def _workflow_check_manual_move(self, new_stage):
        """Refuse a move the team's workflow does not allow, whatever path it
        comes from (status bar, kanban, *Won*, RPC)."""
        is_manager = self.env.user.has_group("sales_team.group_sale_manager")
        for lead in self:
            team = lead.team_id
            stages = team._pipeline_stages()
            if new_stage not in stages:
                continue  # refused by the pipeline guard after the write
            if team.workflow_manual_move == "manager" and is_manager:
                continue
            new_index = stages.ids.index(new_stage.id)
            if lead.stage_id in stages and new_index < stages.ids.index(lead.stage_id.id):
                raise UserError(
                    _(
                        "The lead %(lead)s follows the workflow of %(team)s: it goes back "
                        "to %(stage)s only when tasks are reopened.",
                        lead=lead.name,
                        team=team.name,
                        stage=new_stage.name,
                    )
                )
            threshold = stages[new_index - 1].progress if new_index else 0.0
            missing = lead.workflow_task_ids.filtered(
                lambda task, threshold=threshold: (
                    task.state == "todo" and task.progress <= threshold
                )
            )
            if missing:
                raise UserError(
                    _(
                        "The lead %(lead)s cannot move to %(stage)s yet: these tasks are "
                        "not done: %(tasks)s.",
                        lead=lead.name,
                        stage=new_stage.name,
                        tasks=", ".join(missing.mapped("name")),
                    )
                )

    # ------------------------------------------------------------------
    # Workflow: team and stage stay consistent
    # ------------------------------------------------------------------
    def _check_stage_in_pipeline(self, new_stage=None):
        """A lead's stage (or ``new_stage``, before a write) belongs to its
        team's pipeline: a team with stages of its own has exactly those."""
        pipelines = {}
        for lead in self:
            stage = new_stage if new_stage is not None else lead.stage_id
            team = lead.team_id
            if not stage:
                continue
            if team not in pipelines:
                pipelines[team] = team._pipeline_stages()
            pipeline = pipelines[team]
            if stage in pipeline:
                continue
            if stage.is_won and not any(pipeline.mapped("is_won")):
                raise UserError(
                    _(
                        "The pipeline of %(team)s has no won stage: a sales manager adds "
                        "one in CRM › Configuration › Stages before %(lead)s can be won.",
                        team=team.name,
                        lead=lead.name,
                    )
                )
            raise UserError(
                _(
                    "The stage %(stage)s is not in the pipeline of %(team)s (%(stages)s): "
                    "choose one of these stages, or change the lead's sales team first.",
                    stage=stage.name,
                    team=team.name or _("leads without a sales team"),
                    stages=", ".join(pipeline.mapped("name")),
                )
            )

    def _stage_follow_team(self):
        """Leads that changed team without being given a stage move into the
        new team's pipeline: a won lead to its won stage, others to the stage
        holding the progress of the stage they leave (the first stage when the
        new pipeline's stages carry no progress)."""
        Stage = self.env["crm.stage"]
        targets = {}
        for lead in self.filtered("stage_id"):
            pipeline = lead.team_id._pipeline_stages()
            if not pipeline or lead.stage_id in pipeline:
                continue
            won = pipeline.filtered("is_won")[:1]
            open_stages = pipeline.filtered(lambda stage: not stage.is_won) or pipeline
            if lead.stage_id.is_won and won:
                target = won
            elif not any(open_stages.mapped("progress")):
                target = open_stages[:1]
            else:
                target = Stage._stage_for_progress(open_stages, lead.stage_id.progress)
            targets.setdefault(target, self.browse())
            targets[target] |= lead
        for target, leads in targets.items():
            leads._with_move_cause("team").write({"stage_id": target.id})
        return self.browse().union(*targets.values())

    def _workflow_follow_salesperson(self, previous_users):
        """Open tasks whose responsible is "the salesperson of the lead" follow
        the lead to its new salesperson (tasks whose template line is gone:
        those the previous salesperson held)."""
        for lead in self:
            tasks = lead.sudo().workflow_task_ids.filtered(
                lambda task, lead=lead: (
                    task.state == "todo"
                    and (
                        task.template_line_id.responsible == "salesperson"
                        if task.template_line_id
                        else task.user_id == previous_users[lead.id]
                    )
                    and task.user_id != lead.user_id
                )
            )
            tasks.write({"user_id": lead.user_id.id})

    # ------------------------------------------------------------------
    # Funnel: stage history and furthest stage reached
    # ------------------------------------------------------------------
    @api.model
    def _funnel_leads_scope(self, team_ids, shared=False):
        """SQL condition on ``lead`` for ``_funnel_recompute_furthest_stage``:
        the leads of ``team_ids`` and, with ``shared``, the leads without a
        team (they are on the shared pipeline)."""
        scope = SQL("lead.team_id = ANY(%s)", list(team_ids))
        return SQL("(%s OR lead.team_id IS NULL)", scope) if shared else scope

    @api.model
    def _funnel_recompute_furthest_stage(self, scope=None):
        """Set the furthest stage of ``self`` — or of the leads matching the
        SQL condition ``scope`` on ``lead`` — from their stage history and
        current stage, in one statement: of the stages they visited in their
        team's pipeline, the latest in pipeline order."""
        if scope is None:
            if not self:
                return
            scope = SQL("lead.id = ANY(%s)", self.ids)
        self.env.flush_all()
        self.env.cr.execute(SQL(FURTHEST_STAGE_QUERY, scope=scope))
        self.env["crm.lead"].invalidate_model(["furthest_stage_id"])

    def _stage_history_open(self, cause, previous=None, new=False):
        """Open a stage history row for the current stage of the leads (and
        close their open one), then update the furthest stage they reached.

        ``new``: the leads were just created, have no history yet, and their
        stage (checked in their pipeline) is the furthest they reached.
        """
        previous = previous or {}
        History = self.env["crm.lead.stage.history"].sudo()
        # The transaction's time, as the set-based recompute uses: rows of one
        # transaction then sort by id.
        now = self.env.cr.now()
        leads = self.filtered("stage_id")
        if not new:
            History.search([("lead_id", "in", leads.ids), ("date_out", "=", False)]).write(
                {"date_out": now}
            )
        History.create(
            [
                {
                    "lead_id": lead.id,
                    "team_id": lead.team_id.id,
                    "stage_id": lead.stage_id.id,
                    "previous_stage_id": previous.get(lead.id, self.env["crm.stage"]).id,
                    "date_in": now,
                    "cause": cause,
                    "user_id": self.env.uid,
                }
                for lead in leads
            ]
        )
        if not new:
            leads._funnel_recompute_furthest_stage()
            return
        # Without the set-based recompute: it would flush the whole
        # transaction in the middle of every lead's creation (a web form).
        # sudo: like the recompute, whoever may create the lead sets it,
        # also a salesperson creating it for a colleague.
        untracked = leads.sudo().with_context(tracking_disable=True)
        for stage, stage_leads in untracked.grouped("stage_id").items():
            stage_leads.write({"furthest_stage_id": stage.id})
