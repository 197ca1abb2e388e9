# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class CrmPortalFormUsage(models.Model):
    """Public form posts per key (a form, an IP on a form) and minute, shared
    by every Odoo worker (crm_custom's rate limiter, ``crm.rate.limit.mixin``,
    which the telephony API's per-key limit uses too)."""

    _name = "crm.portal.form.usage"
    _inherit = ["crm.rate.limit.mixin"]
    _description = "Public Form Posts per Minute"
    _log_access = False  # counters, not records anyone edits

    key = fields.Char(required=True, readonly=True)

    _sql_constraints = [
        ("key_window_unique", "UNIQUE(key, window_start)", "One counter per key and minute."),
    ]
