# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from unittest.mock import patch

from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tests.common import ChromeBrowser


@tagged("post_install", "-at_install", "crm_suite_http")
class TestRightToLeftTour(HttpCase):
    """The suite's main screens as a Persian and a Hebrew sales manager: the
    page is right-to-left with the stylesheet rtlcss compiled, nothing of ours
    overflows horizontally, the funnel's bars start on the right. Each screen
    is saved as a screenshot of the run (Odoo's --screenshots folder:
    .run/screenshots/<database>/screenshots/ with tests/run)."""

    def _rtl_user(self, lang):
        self.env["res.lang"]._activate_lang(lang)
        return new_test_user(
            self.env,
            login=f"tour_rtl_{lang.lower()}",
            groups="crm_custom.group_crm_sales_manager",
            lang=lang,
        )

    def _screens_data(self, user):
        team = self.env["crm.team"].create({"name": "RTL team", "member_ids": [(4, user.id)]})
        self.env["crm.stage"].create(
            [
                {"name": name, "team_id": team.id, "sequence": seq, "progress": progress}
                for seq, (name, progress) in enumerate(
                    [("شروع تماس و ارزیابی اولیه", 10), ("ارسال پیشنهاد", 50)], start=1
                )
            ]
        )
        partner = self.env["res.partner"].create(
            {"name": "Sadeghi Trading", "phone": "+972 52 123 4567"}
        )
        lead = self.env["crm.lead"].create(
            {
                "name": "RTL lead — سفارش عمده",
                "type": "opportunity",
                "team_id": team.id,
                "user_id": user.id,
                "partner_id": partner.id,
                "phone": "+972 52 123 4567",
                "expected_revenue": 1250000000,
            }
        )
        self.env["crm.tag"].create({"name": "RTL-tag پیشنهادی", "state": "proposed"})
        return lead

    def _tour(self, url, tour, user, screen):
        """Runs `tour` and saves a screenshot of what the user saw at its end."""
        stop = ChromeBrowser.stop

        def screenshot_then_stop(browser):
            try:
                browser.take_screenshot(prefix=f"rtl_{user.lang}_{screen}_").result(timeout=10)
            finally:
                stop(browser)

        with patch.object(ChromeBrowser, "stop", screenshot_then_stop):
            self.start_tour(url, tour, login=user.login)

    def _run_screens(self, lang):
        user = self._rtl_user(lang)
        lead = self._screens_data(user)
        self._tour("/odoo/crm", "crm_custom_rtl_mirrored", user, "navbar")
        self._tour(
            "/odoo/action-crm.crm_lead_action_pipeline", "crm_custom_rtl_pipeline", user, "pipeline"
        )
        self._tour(f"/odoo/crm/{lead.id}", "crm_custom_rtl_lead_form", user, "lead_form")
        self._tour(
            "/odoo/action-crm_custom.crm_funnel_client_action",
            "crm_custom_rtl_funnel",
            user,
            "funnel",
        )
        self._tour(
            "/odoo/action-crm_custom.crm_tag_action_moderation",
            "crm_custom_rtl_tag_moderation",
            user,
            "tag_moderation",
        )

    def test_persian_screens_are_mirrored(self):
        self._run_screens("fa_IR")

    def test_hebrew_screens_are_mirrored(self):
        self._run_screens("he_IL")
