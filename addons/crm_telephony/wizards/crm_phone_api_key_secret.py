# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class CrmPhoneApiKeySecret(models.TransientModel):
    _name = "crm.phone.api.key.secret"
    _description = "New Telephony API Secret"

    key_id = fields.Many2one("crm.phone.api.key", readonly=True)
    secret = fields.Char(readonly=True, help="Copy it now: it will not be shown again.")
