# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class CrmLeadObjection(models.Model):
    """An objection the prospect raised, and our answer to it."""

    _name = "crm.lead.objection"
    _description = "Objection of a lead"
    _order = "lead_id, sequence, id"

    lead_id = fields.Many2one("crm.lead", required=True, ondelete="cascade", index=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Objection", required=True, help="E.g. budget limits.")
    response = fields.Text(string="Our response", help="E.g. financing options.")
    resolved = fields.Boolean()
