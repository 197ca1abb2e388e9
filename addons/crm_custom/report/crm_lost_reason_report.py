# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models, tools
from odoo.tools import SQL


class CrmLostReasonReport(models.Model):
    """Failed-sale reasons: one row per lost opportunity and reason tag.

    An opportunity lost for two reasons is counted, with its whole amount,
    under each of them: the question is "how much did each reason cost us".
    """

    _name = "crm.lost.reason.report"
    _description = "Failed-Sale Reasons"
    _auto = False
    _order = "date_lost desc"
    _rec_name = "tag_id"

    tag_id = fields.Many2one("crm.tag", string="Reason", readonly=True)
    lead_id = fields.Many2one("crm.lead", string="Opportunity", readonly=True)
    user_id = fields.Many2one("res.users", string="Salesperson", readonly=True)
    team_id = fields.Many2one("crm.team", string="Sales Team", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    date_lost = fields.Datetime(string="Lost On", readonly=True)
    deal_count = fields.Integer(
        string="Lost Deals", readonly=True, help="Opportunities lost for this reason."
    )
    lost_amount = fields.Monetary(readonly=True, currency_field="company_currency")
    company_currency = fields.Many2one("res.currency", readonly=True)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
            CREATE OR REPLACE VIEW %s AS (
                SELECT
                    row_number() OVER (ORDER BY rel.lead_id, rel.tag_id) AS id,
                    rel.tag_id AS tag_id,
                    lead.id AS lead_id,
                    lead.user_id AS user_id,
                    lead.team_id AS team_id,
                    lead.company_id AS company_id,
                    COALESCE(lead.date_closed, lead.write_date) AS date_lost,
                    1 AS deal_count,
                    COALESCE(lead.expected_revenue, 0) AS lost_amount,
                    company.currency_id AS company_currency
                FROM crm_lead_lost_reason_tag_rel rel
                JOIN crm_lead lead ON lead.id = rel.lead_id
                LEFT JOIN res_company company ON company.id = lead.company_id
                WHERE lead.active = FALSE AND lead.probability = 0
            )""",
                SQL.identifier(self._table),
            )
        )
