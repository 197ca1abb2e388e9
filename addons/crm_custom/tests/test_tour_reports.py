# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Each report screen and the pipeline cards as a person sees them, in
English and Persian, with a screenshot of each saved with the run."""

from odoo import Command
from odoo.tests import new_test_user, tagged

from .tour_screenshots import ScreenshotTourCase

LANGS = ("en_US", "fa_IR")


@tagged("post_install", "-at_install", "crm_suite_http")
class TestReportTours(ScreenshotTourCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("fa_IR")
        cls.env["ir.module.module"]._load_module_terms(["crm_custom"], ["fa_IR"], overwrite=True)
        cls.manager = new_test_user(
            cls.env,
            login="tour_report_manager",
            groups="crm_custom.group_crm_sales_manager",
            name="Tour report manager",
        )
        cls.accountant = new_test_user(
            cls.env,
            login="tour_report_accountant",
            groups="crm_custom.group_crm_accountant",
            name="Tour report accountant",
        )
        cls.team = cls.env["crm.team"].create(
            {"name": "Tour report team", "member_ids": [Command.link(cls.manager.id)]}
        )
        cls.stages = cls.env["crm.stage"].create(
            [
                {"name": name, "team_id": cls.team.id, "sequence": seq, "progress": progress}
                for seq, name, progress in (
                    (1, "Tour report first", 10),
                    (2, "Tour report second", 30),
                    (3, "Tour report a very long stage title that does not fit a column", 60),
                    (4, "Tour report won", 100),
                )
            ]
        )
        cls.stages[-1].is_won = True
        # A same-named stage of another team: never merged with ours.
        other = cls.env["crm.team"].create({"name": "Tour report other team"})
        cls.env["crm.stage"].create({"name": "Tour report first", "team_id": other.id})
        cls.campaign = cls.env["utm.campaign"].create(
            {"name": "Tour report campaign", "crm_actual_cost": 900}
        )
        cls.env["utm.campaign"].create({"name": "Tour report quiet campaign"})
        Lead = cls.env["crm.lead"]
        cls.leads = Lead.create(
            [
                {
                    "name": f"Tour report lead {n}",
                    "type": "opportunity",
                    "team_id": cls.team.id,
                    "user_id": cls.manager.id,
                    "campaign_id": cls.campaign.id,
                }
                for n in range(3)
            ]
        )
        cls.leads[1:].stage_id = cls.stages[1]
        tag = cls.env["crm.tag"].create({"name": "Tour report tag"})
        cls.leads.tag_ids = tag
        cls.leads[2].action_set_lost()
        cls._workflow_lead()
        cls._invoiced_deal()

    @classmethod
    def _workflow_lead(cls):
        template = cls.env["crm.workflow.template"].create(
            {
                "name": "Tour report workflow",
                "line_ids": [
                    Command.create({"sequence": 1, "name": "Tour report call", "progress": 40}),
                    Command.create({"sequence": 2, "name": "Tour report offer", "progress": 100}),
                ],
            }
        )
        team = cls.env["crm.team"].create(
            {
                "name": "Tour report workflow team",
            }
        )
        cls.env["crm.stage"].create(
            [
                {"name": name, "team_id": team.id, "sequence": seq, "progress": progress}
                for seq, name, progress in (
                    (1, "Tour report start", 20),
                    (2, "Tour report a very long stage title that does not fit a column", 60),
                    (3, "Tour report done", 100),
                )
            ]
        )
        team.write({"workflow_template_id": template.id, "workflow_connected": True})
        lead = cls.env["crm.lead"].create(
            {
                "name": "Tour report workflow lead",
                "type": "opportunity",
                "team_id": team.id,
                "user_id": cls.manager.id,
            }
        )
        lead.action_workflow_next_task_done()
        assert lead.workflow_progress == 40

    @classmethod
    def _invoiced_deal(cls):
        partner = cls.env["res.partner"].create({"name": "Tour report customer"})
        cls.deal = cls.env["crm.lead"].create(
            {
                "name": "Tour report invoiced deal",
                "type": "opportunity",
                "partner_id": partner.id,
                "phone": "+972 52 123 4567",
                "team_id": cls.team.id,
            }
        )
        invoice = cls.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": partner.id,
                "opportunity_id": cls.deal.id,
                "invoice_line_ids": [
                    Command.create(
                        {"name": "Tour report service", "quantity": 1, "price_unit": 500}
                    )
                ],
            }
        )
        invoice.action_post()

    def _run(self, url, tour, user):
        for lang in LANGS:
            with self.subTest(lang=lang):
                user.lang = lang
                self.start_tour_and_screenshot(url, f"{tour}_{lang[:2]}", login=user.login)

    def test_sales_funnel(self):
        self._run(
            "/odoo/action-crm_custom.crm_funnel_client_action",
            "crm_custom_report_funnel",
            self.manager,
        )

    def test_sales_funnel_analysis(self):
        self._run(
            "/odoo/action-crm_custom.crm_funnel_report_action_my_team",
            "crm_custom_report_funnel_analysis",
            self.manager,
        )

    def test_failed_sale_reasons(self):
        reason = self.env.ref("crm_custom.crm_tag_lost_need_mismatch")
        self.leads[1].write({"lost_reason_tag_ids": [Command.link(reason.id)]})
        self.leads[1].action_set_lost()
        self._run(
            "/odoo/action-crm_custom.crm_lost_reason_report_action",
            "crm_custom_report_lost_reasons",
            self.manager,
        )

    def test_tag_usage(self):
        self._run(
            "/odoo/action-crm_custom.crm_tag_usage_report_action",
            "crm_custom_report_tag_usage",
            self.manager,
        )

    def test_campaign_cost_and_conversion(self):
        self._run(
            "/odoo/action-crm_custom.crm_campaign_cost_report_action",
            "crm_custom_report_campaigns",
            self.manager,
        )

    def test_pipeline_cards(self):
        self._run(
            "/odoo/action-crm.crm_lead_action_pipeline",
            "crm_custom_report_pipeline_cards",
            self.manager,
        )

    def test_lead_form_as_accountant(self):
        self._run(f"/odoo/crm.lead/{self.deal.id}", "crm_custom_report_lead_form", self.accountant)
