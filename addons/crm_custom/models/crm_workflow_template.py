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
