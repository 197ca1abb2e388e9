# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class CrmWorkflowTemplate(models.Model):
    """A detailed sales workflow: an ordered list of small tasks, each one
    carrying the progress a lead reaches when the task is done."""

    _name = "crm.workflow.template"
    _description = "Sales Workflow"
    _order = "name, id"

    name = fields.Char(required=True, translate=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", default=lambda self: self.env.company)
    line_ids = fields.One2many(
        "crm.workflow.template.line", "template_id", string="Tasks", copy=True
    )
    task_count = fields.Integer(compute="_compute_task_count")

    @api.depends("line_ids")
    def _compute_task_count(self):
        for template in self:
            template.task_count = len(template.line_ids)

    @api.constrains("line_ids")
    def _check_has_tasks(self):
        teams = self.env["crm.team"].search(
            [("workflow_template_id", "in", self.ids), ("workflow_connected", "=", True)]
        )
        for team in teams:
            if not team.workflow_template_id.line_ids:
                raise ValidationError(
                    _(
                        "The workflow %(workflow)s drives the sales team %(team)s: "
                        "it must keep at least one task.",
                        workflow=team.workflow_template_id.name,
                        team=team.name,
                    )
                )


class CrmWorkflowTemplateLine(models.Model):
    _name = "crm.workflow.template.line"
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
        string="Progress (%)",
        digits=(5, 2),
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

    @api.constrains("progress")
    def _check_progress_range(self):
        for line in self:
            if not 0 <= line.progress <= 100:
                raise ValidationError(
                    _(
                        "The progress of the task %(task)s must be between 0 and 100 %%.",
                        task=line.name,
                    )
                )

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
