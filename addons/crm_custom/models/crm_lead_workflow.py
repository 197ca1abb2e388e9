# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Leads of workflow-driven teams: tasks, progress, stage following the
progress, rules for moves by hand and the stage history of every lead."""

import logging

from psycopg2 import sql

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

_logger = logging.getLogger(__name__)

# Context key carrying the cause of a stage move made by the code itself.
MOVE_CAUSE = "crm_stage_move_cause"

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
    _inherit = "crm.lead"

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

    def action_workflow_next_task_done(self):
        """Kanban card button: complete the lead's next task; the card then
        shows in the stage holding the new progress."""
        self.workflow_next_task_id.action_done()
        return {"type": "ir.actions.client", "tag": "soft_reload"}

    # ------------------------------------------------------------------
    # Tasks and automatic moves
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
            lead.with_context(**{MOVE_CAUSE: "workflow"}).write({"stage_id": target.id})
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
        ranges, params, low = [], [], None
        for index, stage in enumerate(stages):
            high = None if index == len(stages) - 1 else stage.progress
            ranges.append(sql.SQL("(%s, %s, %s::numeric, %s::numeric)"))
            params += [stage.id, index, low, high]
            low = stage.progress
        query = sql.SQL(
            """
            WITH ranges(stage_id, pos, low, high) AS (VALUES {ranges}),
            moved AS (
                SELECT lead.id, lead.stage_id AS old_stage_id, ranges.stage_id AS new_stage_id,
                       ranges.pos >= COALESCE(reached.pos, -1) AS further
                  FROM crm_lead lead
                  JOIN ranges
                    ON (ranges.low IS NULL OR lead.workflow_progress > ranges.low)
                   AND (ranges.high IS NULL OR lead.workflow_progress <= ranges.high)
                  LEFT JOIN ranges reached ON reached.stage_id = lead.furthest_stage_id
                 WHERE lead.team_id = %s AND lead.active
                   AND lead.stage_id IS DISTINCT FROM ranges.stage_id
                   AND lead.stage_id NOT IN (SELECT id FROM crm_stage WHERE is_won)
            ),
            updated AS (
                UPDATE crm_lead lead
                   SET stage_id = moved.new_stage_id, date_last_stage_update = %s,
                       furthest_stage_id = CASE WHEN moved.further THEN moved.new_stage_id
                                                ELSE lead.furthest_stage_id END,
                       write_date = %s, write_uid = %s
                  FROM moved WHERE lead.id = moved.id
            ),
            closed AS (
                UPDATE crm_lead_stage_history history SET date_out = %s
                  FROM moved WHERE history.lead_id = moved.id AND history.date_out IS NULL
            )
            INSERT INTO crm_lead_stage_history
                   (lead_id, team_id, stage_id, previous_stage_id, date_in, cause, user_id,
                    create_uid, create_date, write_uid, write_date)
            SELECT moved.id, %s, moved.new_stage_id, moved.old_stage_id, %s, 'threshold', %s,
                   %s, %s, %s, %s
              FROM moved
            """
        ).format(ranges=sql.SQL(", ").join(ranges))
        now, uid = self.env.cr.now(), self.env.uid
        self.env.flush_all()
        self.env.cr.execute(
            query, params + [team.id, now, now, uid, now, team.id, now, uid, uid, now, uid, now]
        )
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
    # Moves by hand
    # ------------------------------------------------------------------
    def _workflow_check_manual_move(self, new_stage):
        """Refuse a move by hand the team's setting does not allow; return the
        cause to record."""
        is_manager = self.env.user.has_group("sales_team.group_sale_manager")
        for lead in self:
            team = lead.team_id
            stages = team._pipeline_stages()
            if new_stage not in stages or lead.stage_id not in stages:
                continue
            if team.workflow_manual_move == "manager" and is_manager:
                continue
            old_index = stages.ids.index(lead.stage_id.id)
            new_index = stages.ids.index(new_stage.id)
            if new_index < old_index:
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
    # A team with stages of its own has them as its whole pipeline
    # ------------------------------------------------------------------
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

    # ------------------------------------------------------------------
    # ORM hooks: tasks on entering a team, checks and history on every move
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        leads = super().create(vals_list)
        leads._stage_history_open(cause=self.env.context.get(MOVE_CAUSE, "create"))
        leads._workflow_generate_tasks()
        leads._workflow_sync_stage()
        return leads

    def write(self, vals):
        cause = self.env.context.get(MOVE_CAUSE)
        if "stage_id" in vals and not cause:
            new_stage = self.env["crm.stage"].browse(vals["stage_id"])
            driven = self.filtered(
                lambda lead: lead.team_id.workflow_connected and lead.stage_id != new_stage
            )
            if "team_id" not in vals:
                driven._workflow_check_manual_move(new_stage)
        tracked = "stage_id" in vals or "team_id" in vals
        before = {lead.id: lead.stage_id for lead in self} if tracked else {}
        res = super().write(vals)
        moved = self.browse()
        if tracked:
            moved = self.filtered(lambda lead: lead.stage_id != before.get(lead.id))
            if moved:
                moved._stage_history_open(cause=cause or "manual", previous=before)
                if not cause:
                    for lead in moved.filtered("team_id.workflow_connected"):
                        lead._message_log(body=_("Moved by hand in a workflow-driven team."))
        if "team_id" in vals:
            # Another team, another pipeline: what the lead reached there
            # (leads that also moved had it recomputed with their history).
            (self - moved)._funnel_recompute_furthest_stage()
            self._workflow_generate_tasks()
            self._workflow_sync_stage()
        return res

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

    def _stage_history_open(self, cause, previous=None):
        previous = previous or {}
        History = self.env["crm.lead.stage.history"].sudo()
        # The transaction's time, as the set-based recompute uses: rows of one
        # transaction then sort by id.
        now = self.env.cr.now()
        leads = self.filtered("stage_id")
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
        leads._funnel_recompute_furthest_stage()
