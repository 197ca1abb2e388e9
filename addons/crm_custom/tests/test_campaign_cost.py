# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Campaign cost and conversion report against hand-computed figures."""

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

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

    def _report_groups(self, user, groupby="campaign_id", domain=()):
        fields = ["lead_count", "won_count", "cost", "cost_per_lead", "cost_per_conversion"]
        fields += ["revenue", "roi", "conversion_rate"]
        Report = self.env["crm.campaign.report"].with_user(user)
        groups = Report.read_group(list(domain), fields, [groupby])
        return {group[groupby] and group[groupby][1]: group for group in groups}

    def test_report_per_campaign_as_a_sales_manager(self):
        manager = new_test_user(
            self.env, login="campaign_report_manager", groups="sales_team.group_sale_manager"
        )
        groups = self._report_groups(manager)
        fair, quiet = groups["Fair"], groups["Quiet"]
        self.assertEqual((fair["lead_count"], fair["won_count"]), (4, 1))
        self.assertAlmostEqual(fair["cost"], 1000)
        self.assertAlmostEqual(fair["cost_per_lead"], 250)
        self.assertAlmostEqual(fair["conversion_rate"], 25)
        # ROI from the invoiced revenue of the won opportunity (2500, not its 3000).
        self.assertAlmostEqual(fair["revenue"], 2500)
        self.assertAlmostEqual(fair["roi"], 150)
        # Nothing won: no cost per won deal (shown "—"), not 0.
        self.assertIsNone(quiet["cost_per_conversion"])
        self.assertAlmostEqual(quiet["roi"], -100)

    def test_campaign_without_leads_or_cost(self):
        self.env["utm.campaign"].create({"name": "Idle", "crm_actual_cost": 50})
        self.env["utm.campaign"].create({"name": "Free"})
        groups = self._report_groups(self.env.user)
        self.assertEqual(groups["Idle"]["lead_count"], 0)
        self.assertAlmostEqual(groups["Idle"]["cost"], 50)
        self.assertIsNone(groups["Idle"]["cost_per_lead"])
        self.assertIsNone(groups["Free"]["roi"])

    def test_period_filter(self):
        groups = self._report_groups(self.env.user, domain=[("date", "<", "2000-01-01")])
        self.assertNotIn("Fair", groups)

    def test_salesperson_cannot_read_the_report(self):
        salesperson = new_test_user(
            self.env, login="campaign_report_sales", groups="sales_team.group_sale_salesman"
        )
        with self.assertRaises(AccessError):
            self.env["crm.campaign.report"].with_user(salesperson).search([])
