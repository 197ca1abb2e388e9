# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import _, api, models
from odoo.exceptions import AccessError

# Who configures the CRM without being an administrator (configurators are
# sales managers too).
CRM_SETTINGS_GROUP = "sales_team.group_sale_manager"


class CrmSettings(models.TransientModel):
    """*CRM › Configuration › CRM Settings*: the CRM's own settings for the
    people who configure it. Odoo's *Settings* opens to administrators only
    (and saving it writes every setting of every app), so sales managers and
    CRM configurators get this page, which reads and writes nothing else."""

    _name = "crm.settings"
    _inherit = "crm.settings.mixin"
    _description = "CRM Settings"

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        params = self.env["ir.config_parameter"].sudo()
        for name, field in self._fields.items():
            if name in fields_list and getattr(field, "config_parameter", None):
                stored = params.get_param(field.config_parameter)
                if stored not in (None, False):
                    values[name] = field.convert_to_cache(stored, self)
        if "crm_lead_visibility" in fields_list:
            values["crm_lead_visibility"] = self.env["res.groups"]._crm_lead_visibility()
        return values

    def action_save(self):
        self.ensure_one()
        if not (self.env.su or self.env.user.has_group(CRM_SETTINGS_GROUP)):
            raise AccessError(
                _("Only sales managers and CRM configurators change the CRM settings.")
            )
        params = self.env["ir.config_parameter"].sudo()
        for name, field in self._fields.items():
            if getattr(field, "config_parameter", None):
                value = self[name]
                # As Odoo's settings do: a parameter switched off is removed.
                params.set_param(field.config_parameter, value if value else False)
        self.env["res.groups"]._crm_set_lead_visibility(self.crm_lead_visibility)
        return {"type": "ir.actions.client", "tag": "reload"}
