# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class CrmPhoneDialRequest(models.Model):
    """A number the user asked to dial on his own mobile, waiting for the app."""

    _name = "crm.phone.dial.request"
    _description = "Dial Request for the Mobile App"
    _order = "id"

    user_id = fields.Many2one("res.users", required=True, index=True, ondelete="cascade")
    number = fields.Char(required=True)
    name = fields.Char(string="Customer")
    call_id = fields.Many2one("crm.phone.call", ondelete="set null")
    state = fields.Selection(
        [("pending", "Pending"), ("done", "Dialled")],
        default="pending",
        required=True,
        index=True,
    )

    def _crm_api_dict(self):
        return [
            {
                "id": req.id,
                "number": req.number,
                "name": req.name or "",
                "requested_at": fields.Datetime.to_string(req.create_date) + "Z",
            }
            for req in self
        ]
