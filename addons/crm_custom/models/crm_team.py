# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class CrmTeam(models.Model):
    _inherit = "crm.team"

    workflow_connected = fields.Boolean(
        string="Connect the process to a workflow",
        help="When set, the leads of this team follow the tasks of the workflow: "
        "completing a task raises the lead's progress and the lead moves to the "
        "stage that holds that progress.",
    )
    workflow_template_id = fields.Many2one("crm.workflow.template", string="Workflow")
    workflow_manual_move = fields.Selection(
        [
            ("forward", "Forward only, over completed tasks"),
            ("manager", "Forward over completed tasks, or any move by a manager"),
        ],
        string="Manual Stage Moves",
        default="manager",
        required=True,
        help="Which moves by hand are allowed in a workflow-driven team.",
    )

    funnel_recompute_pending = fields.Boolean(
        string="Funnel being recomputed",
        readonly=True,
        copy=False,
        help="The order of this team's stages changed: the furthest stage its leads "
        "reached is being recomputed in the background.",
    )

    def _has_own_stages(self):
        self.ensure_one()
        return bool(self.env["crm.stage"].search_count([("team_id", "=", self.id)], limit=1))

    @api.model
    def _cron_funnel_recompute_furthest(self):
        """Background job: recompute the furthest stage of the leads of one
        team whose pipeline order changed; Odoo's cron runner calls it again,
        in a new transaction, while teams remain."""
        Team = self.with_context(active_test=False)
        team = Team.search([("funnel_recompute_pending", "=", True)], limit=1)
        if not team:
            return
        # on the shared stages, as leads without team
        Lead = self.env["crm.lead"]
        scope = Lead._funnel_leads_scope(team.ids, shared=not team._has_own_stages())
        Lead._funnel_recompute_furthest_stage(scope)
        team.funnel_recompute_pending = False
        remaining = Team.search_count([("funnel_recompute_pending", "=", True)])
        self.env["ir.cron"]._notify_progress(done=1, remaining=remaining)

    def _pipeline_stages(self):
        """The team's pipeline, in order: its own stages, or the shared ones
        when it has none (or for no team at all). The kanban, the status bar
        and stage pickers, the stage guard of writes, the default stage of new
        leads, the workflow's progress thresholds and the funnel all read this."""
        Stage = self.env["crm.stage"]
        shared = [("team_id", "=", False)]
        if not self:
            return Stage.search(shared, order="sequence, id")
        self.ensure_one()
        return Stage.search([("team_id", "=", self.id)], order="sequence, id") or Stage.search(
            shared, order="sequence, id"
        )

    @api.constrains("workflow_connected", "workflow_template_id")
    def _check_workflow(self):
        for team in self.filtered("workflow_connected"):
            if not team.workflow_template_id:
                raise ValidationError(
                    _("Choose the workflow that drives the sales team %(team)s.", team=team.name)
                )
            if not team.workflow_template_id.line_ids:
                raise ValidationError(
                    _(
                        "The workflow %(workflow)s has no tasks: add its tasks before "
                        "connecting the sales team %(team)s to it.",
                        workflow=team.workflow_template_id.name,
                        team=team.name,
                    )
                )
            team._pipeline_stages()._check_workflow_thresholds(team)

    def write(self, vals):
        res = super().write(vals)
        if {"workflow_connected", "workflow_template_id"} & set(vals):
            leads = self.env["crm.lead"].search(
                [("team_id", "in", self.filtered("workflow_connected").ids)]
            )
            leads._workflow_generate_tasks()
            leads._workflow_sync_stage()
        return res
