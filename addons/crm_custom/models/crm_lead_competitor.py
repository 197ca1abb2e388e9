# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class CrmLeadCompetitor(models.Model):
    """A competitor met in one deal, and how we beat it there."""

    _name = "crm.lead.competitor"
    _description = "Competitor in a deal"
    _order = "lead_id, id"

    lead_id = fields.Many2one("crm.lead", required=True, ondelete="cascade", index=True)
    competitor_id = fields.Many2one(
        "crm.competitor", required=True, ondelete="restrict", index=True
    )
    advantage = fields.Text(
        string="Our advantage",
        help="Why the customer should choose us over this competitor, "
        "e.g. a configurable solution.",
    )

    _sql_constraints = [
        (
            "lead_competitor_uniq",
            "UNIQUE(lead_id, competitor_id)",
            "This competitor is already listed on the lead.",
        ),
    ]
