# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date

from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install", "crm_suite_http")
class TestJalaliTour(HttpCase):
    """A Persian user reads, picks and types dates in the Jalali calendar; the
    database stores the ISO date."""

    def setUp(self):
        super().setUp()
        self.env["res.lang"]._activate_lang("fa_IR")
        self.user = new_test_user(
            self.env, login="jalali_tour_user", groups="base.group_user", lang="fa_IR"
        )
        self.activity = self.env["mail.activity"].create(
            {
                "res_model_id": self.env.ref("base.model_res_partner").id,
                "res_id": self.user.partner_id.id,
                "user_id": self.user.id,
                "activity_type_id": self.env.ref("mail.mail_activity_data_todo").id,
                "summary": "Call back",
                "date_deadline": date(2026, 12, 1),
            }
        )

    def _url(self):
        return f"/odoo/mail.activity/{self.activity.id}"

    def test_pick_a_date_in_the_jalali_picker(self):
        self.start_tour(self._url(), "crm_l10n_fa_calendar_pick_date", login=self.user.login)
        self.assertEqual(self.activity.date_deadline, date(2026, 12, 11))  # 1405/09/20

    def test_type_a_jalali_date_in_persian_digits(self):
        self.start_tour(self._url(), "crm_l10n_fa_calendar_type_date", login=self.user.login)
        self.assertEqual(self.activity.date_deadline, date(2030, 3, 20))  # 1408/12/30

    def test_session_tells_the_web_client(self):
        self.authenticate(self.user.login, self.user.login)
        info = self.make_jsonrpc_request("/web/session/get_session_info")
        self.assertTrue(info["jalali_calendar"])
        self.user.date_calendar = "gregorian"
        info = self.make_jsonrpc_request("/web/session/get_session_info")
        self.assertFalse(info["jalali_calendar"])
