# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, models


# Odoo's settings model, extended (the mixin needs the list form of _inherit,
# which needs _name): not a new wizard.
class ResConfigSettings(models.TransientModel):  # pylint: disable=no-wizard-in-models
    _name = "res.config.settings"
    _inherit = ["res.config.settings", "crm.settings.mixin"]

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
