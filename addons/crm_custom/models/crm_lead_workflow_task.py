# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import _, api, fields, models
from odoo.exceptions import AccessError


class CrmLeadWorkflowTask(models.Model):
    """One task of a lead's workflow. Kept when done (unlike an activity), so
    the lead's progress can be recomputed and the task reopened."""

    _name = "crm.lead.workflow.task"
    _inherit = ["crm.progress.mixin"]
    _description = "Lead Workflow Task"
    _order = "lead_id, sequence, progress, id"

    lead_id = fields.Many2one("crm.lead", required=True, ondelete="cascade", index=True)
    template_line_id = fields.Many2one("crm.workflow.template.line", ondelete="set null")
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Task", required=True)
    progress = fields.Float(required=True)
    user_id = fields.Many2one("res.users", string="Responsible", index=True)
    date_deadline = fields.Date(string="Deadline")
    customer_action = fields.Boolean(string="Customer Must Act")
    tag_id = fields.Many2one("crm.tag", domain=[("kind", "=", "public")])
    state = fields.Selection(
        [("todo", "To Do"), ("done", "Done")], default="todo", required=True, index=True
    )
    date_done = fields.Datetime(string="Done On", readonly=True)
    done_user_id = fields.Many2one("res.users", string="Done By", readonly=True)

    @api.constrains("tag_id")
    def _check_tag_shared(self):
        for task in self:
            task.tag_id._crm_check_shared(_("The task %(task)s", task=task.name))

    def _is_manager(self):
        return self.env.is_superuser() or self.env.user.has_group("sales_team.group_sale_manager")

    def _check_may_change(self):
        """Tasks are done or reopened by their responsible user, the lead's
        salesperson or a sales manager."""
        if self._is_manager():
            return
        for task in self:
            if self.env.user not in (task.user_id | task.lead_id.user_id):
                raise AccessError(
                    _(
                        "Only %(user)s, the salesperson of the lead or a sales manager "
                        "can change the task %(task)s.",
                        user=task.user_id.name or _("its responsible user"),
                        task=task.name,
                    )
                )

    def write(self, vals):
        # Every path (the buttons, a plain write over RPC) meets the same
        # rules: who completes or reopens, and a task stays on its lead.
        moves_lead = "lead_id" in vals and any(task.lead_id.id != vals["lead_id"] for task in self)
        if moves_lead and not self._is_manager():
            raise AccessError(_("Only a sales manager can move a task to another lead."))
        if {"state", "date_done", "done_user_id"} & set(vals):
            self._check_may_change()
            vals = {k: v for k, v in vals.items() if k not in ("date_done", "done_user_id")}
            if "state" in vals:
                done = vals["state"] == "done"
                vals["date_done"] = fields.Datetime.now() if done else False
                vals["done_user_id"] = self.env.uid if done else False
        changed = self.filtered(lambda task: task.state != vals["state"]) if "state" in vals else ()
        res = super().write(vals)
        if changed:
            changed.lead_id._workflow_sync_stage(cause_tasks=changed)
        return res

    def action_done(self):
        self._check_may_change()
        self.filtered(lambda task: task.state == "todo").write({"state": "done"})
        return True

    def action_reopen(self):
        self._check_may_change()
        self.filtered(lambda task: task.state == "done").write({"state": "todo"})
        return True

    @api.model
    def _prepare_from_template(self, lead, line):
        user = line.user_id if line.responsible == "user" else lead.user_id
        start = fields.Date.context_today(lead)
        return {
            "lead_id": lead.id,
            "template_line_id": line.id,
            "sequence": line.sequence,
            "name": line.name,
            "progress": line.progress,
            "user_id": user.id,
            "date_deadline": fields.Date.add(start, days=line.deadline_days),
            "customer_action": line.customer_action,
            "tag_id": line.tag_id.id,
        }
