# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models

from .crm_phone_call_log_mixin import CALL_READERS


class ResPartner(models.Model):
    _name = "res.partner"
    _inherit = ["res.partner", "crm.phone.e164.mixin", "crm.phone.call.log.mixin"]
    _crm_call_field = "partner_id"

    crm_phone_call_ids = fields.One2many(
        "crm.phone.call", "partner_id", string="Call Log", groups=CALL_READERS
    )

    def write(self, vals):
        result = super().write(vals)
        self._crm_renormalize_after_company_country(vals)
        return result

    def _crm_renormalize_after_company_country(self, vals):
        """A company's country is the country of its stored numbers that have
        none: read again those that could not be parsed before."""
        if "country_id" in vals and (
            self.env["res.company"].sudo().search_count([("partner_id", "in", self.ids)], limit=1)
        ):
            self._crm_request_renormalize()
