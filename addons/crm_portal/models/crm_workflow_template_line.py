# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class CrmWorkflowTemplateLine(models.Model):
    """What the customer does for a "Customer Must Act" task, in the portal."""

    _inherit = "crm.workflow.template.line"

    portal_step_kind = fields.Selection(
        [
            ("upload", "Send documents"),
            ("fields", "Correct the form"),
            ("approve", "Approve"),
        ],
        string="Customer Step",
        default="approve",
        help="For tasks the customer must do: what his portal asks of him.",
    )
    portal_step_description = fields.Text(
        string="Instructions to the Customer",
        translate=True,
        help="Shown to the customer with the step in his portal.",
    )
    portal_step_field_names = fields.Char(
        string="Fields to Correct",
        help="For a correction step: technical names of the request's fields, separated by commas.",
    )
