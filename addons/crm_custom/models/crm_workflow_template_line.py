# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class CrmWorkflowTemplateLine(models.Model):
    _name = "crm.workflow.template.line"
    _inherit = ["crm.progress.mixin"]
    _description = "Sales Workflow Task Template"
    _order = "template_id, sequence, progress, id"

    template_id = fields.Many2one(
        "crm.workflow.template", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Task", required=True, translate=True)
    responsible = fields.Selection(
        [("salesperson", "Salesperson of the lead"), ("user", "A given user")],
        default="salesperson",
        required=True,
    )
    user_id = fields.Many2one("res.users", string="Responsible User")
    progress = fields.Float(
        required=True,
        help="The progress of the lead, from 0 to 100, once this task is done.",
    )
    deadline_days = fields.Integer(
        string="Deadline (days)",
        help="Days after the lead enters the workflow by which the task is due.",
    )
    customer_action = fields.Boolean(
        string="Customer Must Act",
        help="The task waits on the customer (e.g. signing the contract).",
    )
    tag_id = fields.Many2one("crm.tag", domain=[("kind", "=", "public")])

    @api.constrains("tag_id")
    def _check_tag_shared(self):
        for line in self:
            line.tag_id._crm_check_shared(_("The task %(task)s", task=line.name))

    def unlink(self):
        templates = self.template_id
        res = super().unlink()
        templates._check_has_tasks()
        return res

    @api.constrains("responsible", "user_id")
    def _check_user(self):
        for line in self:
            if line.responsible == "user" and not line.user_id:
                raise ValidationError(
                    _("Choose the user responsible for the task %(task)s.", task=line.name)
                )
