# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import new_test_user, tagged

from odoo.addons.crm_custom.tests.tour_screenshots import ScreenshotTourCase

from .common import set_create_dates


@tagged("post_install", "-at_install", "crm_suite_http")
class TestJalaliReportsTour(ScreenshotTourCase):
    """A Persian sales manager's pipeline grouped by month: the kanban
    columns, the pivot rows, the graph's bars and the list groups are Jalali
    months; the Sales Funnel compares Jalali months and quarters."""

    def setUp(self):
        super().setUp()
        self.env["res.lang"]._activate_lang("fa_IR")
        self.user = new_test_user(
            self.env,
            login="jalali_reports_manager",
            groups="crm_custom.group_crm_sales_manager",
            lang="fa_IR",
            tz="Asia/Tehran",
        )

    def test_pipeline_grouped_by_jalali_month(self):
        Lead = self.env["crm.lead"]
        leads = [
            Lead.create({"name": name, "type": "opportunity", "user_id": self.user.id})
            for name in ("Nowruz eve", "Nowruz day")
        ]
        # 1403/12/30 (the leap day of 1403) and 1404/01/01, in Tehran.
        set_create_dates(zip(leads, ("2025-03-20 12:00:00", "2025-03-21 08:00:00"), strict=True))
        action = self.env.ref("crm.crm_lead_action_pipeline")
        self.env["ir.filters"].create(
            {
                "name": "Nowruz by month",
                "model_id": "crm.lead",
                "action_id": action.id,
                "user_id": self.user.id,
                "is_default": True,
                "domain": "[('name', 'like', 'Nowruz')]",
                "context": "{'group_by': ['create_date:month']}",
            }
        )
        self.start_tour_and_screenshot(
            f"/odoo/action-{action.id}",
            "crm_custom_l10n_fa_calendar_pipeline_by_month",
            login=self.user.login,
        )

    def test_funnel_titles_in_jalali(self):
        self.start_tour_and_screenshot(
            "/odoo/action-crm_custom.crm_funnel_client_action",
            "crm_custom_l10n_fa_calendar_funnel",
            login=self.user.login,
        )

    def test_persian_digits_in_number_fields(self):
        self.user.persian_digits = True
        lead = self.env["crm.lead"].create(
            {
                "name": "Persian digits",
                "type": "opportunity",
                "user_id": self.user.id,
                "expected_revenue": 1250,
                "probability": 10,
            }
        )
        self.start_tour_and_screenshot(
            f"/odoo/crm/{lead.id}",
            "crm_custom_l10n_fa_calendar_persian_digits",
            login=self.user.login,
        )
        self.assertEqual(lead.expected_revenue, 123.5)
        self.assertEqual(lead.probability, 12.5)
