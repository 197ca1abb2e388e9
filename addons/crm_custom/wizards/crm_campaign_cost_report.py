# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models

GROUPINGS = {"campaign": "campaign_id", "source": "source_id", "medium": "medium_id"}


class CrmCampaignCostReport(models.TransientModel):
    """Campaign cost and conversion, per campaign, source or medium."""

    _name = "crm.campaign.cost.report"
    _description = "Campaign Cost and Conversion"

    groupby = fields.Selection(
        [("campaign", "Campaign"), ("source", "Source"), ("medium", "Medium")],
        string="Per",
        default="campaign",
        required=True,
    )
    line_ids = fields.One2many("crm.campaign.cost.report.line", "report_id", readonly=True)

    @api.onchange("groupby")
    def _onchange_groupby(self):
        self.line_ids = [(5, 0, 0)] + [(0, 0, values) for values in self._line_values()]

    def _line_values(self):
        rows = self.env["utm.campaign"]._crm_cost_report(GROUPINGS[self.groupby])
        keep = set(self.env["crm.campaign.cost.report.line"]._fields) - {"id", "report_id"}
        return [
            {"name": row["key"].display_name, **{k: v for k, v in row.items() if k in keep}}
            for row in rows
        ]

    def action_refresh(self):
        self._onchange_groupby()
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "current",
        }


class CrmCampaignCostReportLine(models.TransientModel):
    _name = "crm.campaign.cost.report.line"
    _description = "Campaign Cost and Conversion Line"
    _order = "leads desc, id"

    report_id = fields.Many2one("crm.campaign.cost.report", ondelete="cascade")
    name = fields.Char(string="Campaign, Source or Medium")
    leads = fields.Integer()
    contacts = fields.Integer()
    opportunities = fields.Integer()
    won = fields.Integer()
    conversion_rate = fields.Float(string="Conversion Rate (%)", digits=(16, 2))
    cost = fields.Float(digits="Account")
    cost_per_lead = fields.Float(digits="Account")
    cost_per_contact = fields.Float(digits="Account")
    cost_per_conversion = fields.Float(digits="Account")
    won_revenue = fields.Float(digits="Account")
    invoiced_revenue = fields.Float(digits="Account")
    roi = fields.Float(string="ROI (%)", digits=(16, 2))
