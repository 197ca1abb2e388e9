# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Campaign cost and conversion report against hand-computed figures."""

from odoo import Command
from odoo.tests import tagged

from odoo.addons.account.tests.common import AccountTestInvoicingCommon


@tagged("post_install", "-at_install")
class TestCampaignCost(AccountTestInvoicingCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        company = cls.company_data["company"]
        cls.campaign = cls.env["utm.campaign"].create(
            {"name": "Fair", "crm_budget": 1200, "crm_actual_cost": 1000}
        )
        cls.quiet = cls.env["utm.campaign"].create({"name": "Quiet", "crm_actual_cost": 300})
        team = cls.env["crm.team"].create({"name": "Campaign team", "company_id": company.id})
        _new_stage, won_stage = cls.env["crm.stage"].create(
            [
                {"name": "Campaign new", "team_id": team.id, "sequence": 1},
                {"name": "Campaign won", "team_id": team.id, "is_won": True, "sequence": 9},
            ]
        )
        Lead = cls.env["crm.lead"]

        def lead(name, **values):
            return Lead.create(
                {
                    "name": name,
                    "campaign_id": cls.campaign.id,
                    "team_id": team.id,
                    "company_id": company.id,
                    **values,
                }
            )

        # 4 leads: 3 with a contact, 2 opportunities, 1 won for 3000, 1 lost.
        lead("Plain lead", type="lead")
        lead("Contact lead", type="lead", partner_id=cls.partner_a.id)
        lost = lead("Lost opp", type="opportunity", partner_id=cls.partner_b.id)
        lost.action_set_lost()
        cls.won = lead(
            "Won opp", type="opportunity", partner_id=cls.partner_a.id, expected_revenue=3000
        )
        cls.won.stage_id = won_stage
        # 1 lead for the quiet campaign, nothing won.
        Lead.create({"name": "Quiet lead", "campaign_id": cls.quiet.id, "company_id": company.id})
        # 2500 invoiced on the won opportunity; a draft invoice does not count.
        for amount, post in ((2500, True), (999, False)):
            invoice = cls.env["account.move"].create(
                {
                    "move_type": "out_invoice",
                    "partner_id": cls.partner_a.id,
                    "opportunity_id": cls.won.id,
                    "invoice_line_ids": [
                        Command.create(
                            {"name": "Deal", "quantity": 1, "price_unit": amount, "tax_ids": []}
                        )
                    ],
                }
            )
            if post:
                invoice.action_post()

    def _row(self, campaign):
        rows = self.env["utm.campaign"]._crm_cost_report()
        return next(row for row in rows if row["key"] == campaign)

    def test_hand_computed_figures(self):
        row = self._row(self.campaign)
        expected = {
            "leads": 4,
            "contacts": 3,
            "opportunities": 2,
            "won": 1,
            "conversion_rate": 25.0,
            "cost": 1000,
            "cost_per_lead": 250.0,
            "cost_per_conversion": 1000.0,
            "won_revenue": 3000.0,
            "invoiced_revenue": 2500.0,
            "roi": 150.0,
        }
        for key, value in expected.items():
            with self.subTest(key=key):
                self.assertAlmostEqual(row[key], value, places=2)
        self.assertAlmostEqual(row["cost_per_contact"], 333.33, places=2)

    def test_campaign_without_conversion(self):
        row = self._row(self.quiet)
        self.assertEqual((row["leads"], row["won"], row["invoiced_revenue"]), (1, 0, 0.0))
        self.assertEqual(row["cost_per_lead"], 300)
        self.assertEqual(row["cost_per_conversion"], 0.0)
        self.assertEqual(row["roi"], -100.0)

    def test_opportunity_shows_invoiced_amount(self):
        self.assertEqual(self.won.invoiced_amount, 2500)

    def test_report_screen_per_campaign_and_source(self):
        report = self.env["crm.campaign.cost.report"].create({"groupby": "campaign"})
        report.action_refresh()
        line = report.line_ids.filtered(lambda line: line.name == "Fair")
        self.assertEqual((line.leads, line.won, line.invoiced_revenue, line.roi), (4, 1, 2500, 150))
        report.groupby = "source"
        report.action_refresh()
        self.assertNotIn("Fair", report.line_ids.mapped("name"))
        self.assertNotIn("Quiet", report.line_ids.mapped("name"))
