# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install", "crm_suite_http")
class TestRightToLeftTour(HttpCase):
    """A Persian and a Hebrew salesperson get a mirrored web client: the page
    is right-to-left and its stylesheet is the one rtlcss compiled."""

    def _rtl_user(self, lang):
        self.env["res.lang"]._activate_lang(lang)
        return new_test_user(
            self.env,
            login=f"tour_rtl_{lang.lower()}",
            groups="crm_custom.group_crm_sales_user",
            lang=lang,
        )

    def test_persian_user_gets_the_mirrored_stylesheet(self):
        user = self._rtl_user("fa_IR")
        self.start_tour("/odoo/crm", "crm_custom_rtl_mirrored", login=user.login)

    def test_hebrew_user_gets_the_mirrored_stylesheet(self):
        user = self._rtl_user("he_IL")
        self.start_tour("/odoo/crm", "crm_custom_rtl_mirrored", login=user.login)
