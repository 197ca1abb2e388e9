# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models


class CrmLeadWorkflowTask(models.Model):
    """Workflow tasks marked "Customer Must Act" are done by the customer:
    each becomes a step of the requests of its lead."""

    _inherit = "crm.lead.workflow.task"

    portal_step_ids = fields.One2many(
        "crm.portal.step", "workflow_task_id", string="Customer Steps"
    )

    @api.model_create_multi
    def create(self, vals_list):
        tasks = super().create(vals_list)
        tasks.filtered("customer_action")._crm_portal_create_steps()
        return tasks

    def write(self, vals):
        res = super().write(vals)
        if vals.get("state") == "done":
            # Done by staff in the back end: the customer has nothing left to do.
            self.sudo().portal_step_ids.filtered(lambda s: s.state == "open").write(
                {"state": "done", "date_done": fields.Datetime.now(), "done_user_id": self.env.uid}
            )
        return res

    def _crm_portal_create_steps(self):
        """One step per customer task and open request of its lead that has
        none for it yet (sudo: tasks are created by the workflow for any user)."""
        Step = self.env["crm.portal.step"].sudo()
        values = []
        for task in self.sudo().filtered(lambda t: t.customer_action and t.state == "todo"):
            requests = task.lead_id.portal_request_ids.filtered(lambda r: not r.is_closed)
            for request in requests - task.portal_step_ids.request_id:
                line = task.template_line_id
                values.append(
                    {
                        "name": task.name,
                        "request_id": request.id,
                        "workflow_task_id": task.id,
                        "kind": line.portal_step_kind or "approve",
                        "description": line.portal_step_description,
                        "field_names": line.portal_step_field_names,
                        "date_deadline": task.date_deadline,
                    }
                )
        return Step.create(values)
