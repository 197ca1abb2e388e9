# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class CrmLeadStatus(models.Model):
    """The detailed status of a lead, beside its pipeline stage.

    A stage says where the deal is in the sales process; a status says what
    the salesperson knows of the contact (attempted to contact, hot, junk...).
    """

    _name = "crm.lead.status"
    _description = "Lead Status"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    color = fields.Integer()
    description = fields.Text(translate=True)
    offers_lost = fields.Boolean(
        string="Offer to mark as lost",
        help="Leads set to this status (e.g. junk or lost) offer to be marked "
        "as lost with a reason.",
    )
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("name_uniq", "UNIQUE(name)", "A lead status with this name already exists."),
    ]
