# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models

LEAD_VISIBILITY = [
    ("own", "Only their own leads (and unassigned ones)"),
    ("team", "The leads of their sales teams"),
    ("all", "All leads"),
]


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    crm_lead_visibility = fields.Selection(
        LEAD_VISIBILITY,
        string="Salespeople see",
        required=True,
        default="own",
        help="Which leads the members of the Sales / User role can see and edit. "
        "Sales managers always see every lead.",
    )

    @api.model
    def get_values(self):
        # The choice lives in the groups the Sales / User role implies.
        values = super().get_values()
        values["crm_lead_visibility"] = self.env["res.groups"]._crm_lead_visibility()
        return values

    def set_values(self):
        result = super().set_values()
        self.env["res.groups"]._crm_set_lead_visibility(self.crm_lead_visibility)
        return result
