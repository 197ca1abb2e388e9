# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models

from .crm_phone_call_log_mixin import CALL_READERS


class CrmLead(models.Model):
    _name = "crm.lead"
    _inherit = ["crm.lead", "crm.phone.e164.mixin", "crm.phone.call.log.mixin"]
    _crm_call_field = "lead_id"

    crm_phone_call_ids = fields.One2many(
        "crm.phone.call", "lead_id", string="Call Log", groups=CALL_READERS
    )

    def _crm_phone_call_defaults(self):
        # A call logged on a lead is a call with its customer too.
        return dict(super()._crm_phone_call_defaults(), default_partner_id=self.partner_id.id)
