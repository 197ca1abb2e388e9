# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models, tools
from odoo.tools import SQL

# Ratio measures: (numerator, denominator, factor). Summing ratios is
# meaningless, so each group's ratio is computed from its sums; a group without
# a denominator has no ratio (None, shown "—"), not 0.
RATIOS = {
    "conversion_rate": ("won_count", "lead_count", 100.0),
    "cost_per_lead": ("cost", "lead_count", 1.0),
    "cost_per_contact": ("cost", "contact_count", 1.0),
    "cost_per_conversion": ("cost", "won_count", 1.0),
}


class CrmCampaignReport(models.Model):
    """Campaign cost and conversion: one row per lead of a campaign (and one
    per campaign without leads, carrying its cost), so that the pivot, the
    graph and the list filter them by period, team or salesperson.

    A campaign's actual cost is spread evenly over its leads: a period, a
    source or a medium carries the share of the leads it brought."""

    _name = "crm.campaign.report"
    _description = "Campaign Cost and Conversion"
    _auto = False
    _order = "date desc"
    _rec_name = "campaign_id"

    campaign_id = fields.Many2one("utm.campaign", readonly=True)
    source_id = fields.Many2one("utm.source", readonly=True)
    medium_id = fields.Many2one("utm.medium", readonly=True)
    lead_id = fields.Many2one("crm.lead", readonly=True)
    team_id = fields.Many2one("crm.team", string="Sales Team", readonly=True)
    user_id = fields.Many2one("res.users", string="Salesperson", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    date = fields.Datetime(string="Lead Created On", readonly=True)
    lead_count = fields.Integer(string="Leads", readonly=True)
    contact_count = fields.Integer(
        string="Leads with a Contact", readonly=True, help="Leads linked to a customer."
    )
    opportunity_count = fields.Integer(string="Opportunities", readonly=True)
    won_count = fields.Integer(string="Won", readonly=True)
    cost = fields.Monetary(
        string="Campaign Cost",
        readonly=True,
        help="The campaign's actual cost, spread evenly over its leads.",
    )
    won_revenue = fields.Monetary(
        readonly=True,
        help="Expected revenue of the won opportunities.",
    )
    invoiced_revenue = fields.Monetary(
        readonly=True,
        help="Posted customer invoices and credit notes linked to the opportunities.",
    )
    revenue = fields.Monetary(
        string="Revenue for ROI",
        readonly=True,
        help="Per opportunity: its invoiced revenue where invoices are linked to it, "
        "otherwise its expected revenue if it is won.",
    )
    conversion_rate = fields.Float(
        string="Conversion (%)", readonly=True, help="Won opportunities per lead."
    )
    cost_per_lead = fields.Float(string="Cost per Lead", readonly=True)
    cost_per_contact = fields.Float(string="Cost per Contact", readonly=True)
    cost_per_conversion = fields.Float(
        string="Cost per Won Deal", readonly=True, help="Campaign cost per won opportunity."
    )
    roi = fields.Float(
        string="ROI (%)",
        readonly=True,
        help="(Revenue for ROI − Campaign Cost) / Campaign Cost. Revenue for ROI is "
        "the invoiced revenue of an opportunity where invoices are linked to it, "
        "otherwise the expected revenue of the won opportunity.",
    )

    @api.model
    def read_group(self, domain, fields, groupby, offset=0, limit=None, orderby=False, lazy=True):
        wanted = {spec.split(":")[0] for spec in fields}
        ratios = (set(RATIOS) | {"roi"}) & wanted
        if ratios:
            # The sums the ratios are made of.
            fields = list(fields) + [
                f"{name}:sum"
                for name in ("cost", "lead_count", "contact_count", "won_count", "revenue")
                if name not in wanted
            ]
        groups = super().read_group(domain, fields, groupby, offset, limit, orderby, lazy)
        for group in groups:
            for name in ratios:
                group[name] = self._group_ratio(group, name)
        return groups

    @api.model
    def _group_ratio(self, group, name):
        if name == "roi":
            cost = group.get("cost") or 0.0
            return ((group.get("revenue") or 0.0) - cost) / cost * 100 if cost else None
        numerator, denominator, factor = RATIOS[name]
        base = group.get(denominator) or 0
        return (group.get(numerator) or 0.0) / base * factor if base else None

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
            CREATE OR REPLACE VIEW %s AS (
                WITH invoiced AS (
                    SELECT move.opportunity_id AS lead_id,
                           SUM(move.amount_total_signed) AS amount
                      FROM account_move move
                     WHERE move.opportunity_id IS NOT NULL
                       AND move.state = 'posted'
                       AND move.move_type IN ('out_invoice', 'out_refund')
                  GROUP BY move.opportunity_id
                ), leads AS (
                    SELECT lead.*, COUNT(*) OVER (PARTITION BY lead.campaign_id) AS campaign_leads,
                           stage.is_won AND lead.active AS won
                      FROM crm_lead lead
                 LEFT JOIN crm_stage stage ON stage.id = lead.stage_id
                     WHERE lead.campaign_id IS NOT NULL
                )
                SELECT lead.id AS id,
                       lead.campaign_id, lead.source_id, lead.medium_id,
                       lead.id AS lead_id, lead.team_id, lead.user_id, lead.company_id,
                       campaign.crm_currency_id AS currency_id,
                       lead.create_date AS date,
                       1 AS lead_count,
                       (lead.partner_id IS NOT NULL)::int AS contact_count,
                       (lead.type = 'opportunity')::int AS opportunity_count,
                       COALESCE(lead.won, FALSE)::int AS won_count,
                       COALESCE(campaign.crm_actual_cost, 0) / lead.campaign_leads AS cost,
                       CASE WHEN lead.won THEN COALESCE(lead.expected_revenue, 0) ELSE 0 END
                           AS won_revenue,
                       COALESCE(invoiced.amount, 0) AS invoiced_revenue,
                       CASE WHEN invoiced.lead_id IS NOT NULL THEN invoiced.amount
                            WHEN lead.won THEN COALESCE(lead.expected_revenue, 0)
                            ELSE 0 END AS revenue,
                       NULL::float AS conversion_rate, NULL::float AS cost_per_lead,
                       NULL::float AS cost_per_contact, NULL::float AS cost_per_conversion,
                       NULL::float AS roi
                  FROM leads lead
                  JOIN utm_campaign campaign ON campaign.id = lead.campaign_id
             LEFT JOIN invoiced ON invoiced.lead_id = lead.id
                UNION ALL
                -- A campaign that brought no lead still cost what it cost.
                SELECT -campaign.id, campaign.id, NULL, NULL, NULL, NULL, campaign.user_id,
                       NULL::int, campaign.crm_currency_id, campaign.create_date,
                       0, 0, 0, 0, COALESCE(campaign.crm_actual_cost, 0), 0, 0, 0,
                       NULL, NULL, NULL, NULL, NULL
                  FROM utm_campaign campaign
                 WHERE NOT EXISTS (SELECT 1 FROM crm_lead lead WHERE lead.campaign_id = campaign.id)
            )""",
                SQL.identifier(self._table),
            )
        )
