# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class CrmCompetitor(models.Model):
    """A company we meet in deals; reused across leads so it can be reported on."""

    _name = "crm.competitor"
    _description = "Competitor"
    _order = "name"

    name = fields.Char(required=True, translate=False)
    website = fields.Char()
    notes = fields.Text(help="What we know of this competitor: offer, prices, strengths.")
    active = fields.Boolean(default=True)
    lead_line_ids = fields.One2many("crm.lead.competitor", "competitor_id", string="Deals")
    lead_count = fields.Integer(compute="_compute_lead_count", string="Deals met in")

    _sql_constraints = [
        ("name_uniq", "UNIQUE(name)", "A competitor with this name already exists."),
    ]

    def _compute_lead_count(self):
        counts = dict(
            self.env["crm.lead.competitor"]._read_group(
                [("competitor_id", "in", self.ids)], ["competitor_id"], ["__count"]
            )
        )
        for competitor in self:
            competitor.lead_count = counts.get(competitor, 0)

    def action_view_leads(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("crm.crm_lead_all_leads")
        action.update(
            {
                "name": self.name,
                "domain": [("competitor_line_ids.competitor_id", "=", self.id)],
                "context": {"active_test": False},
            }
        )
        return action
