# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class CrmPhoneCallEvent(models.Model):
    """Applied call events: the idempotency ledger of the PBX/webhook feed."""

    _name = "crm.phone.call.event"
    _description = "Applied Call Event"
    _order = "id desc"

    event_id = fields.Char(required=True, index=True, readonly=True)
    call_id = fields.Many2one("crm.phone.call", ondelete="cascade", readonly=True)
    event_type = fields.Char(readonly=True)

    _sql_constraints = [
        ("event_id_unique", "UNIQUE(event_id)", "A call event is applied only once."),
    ]
