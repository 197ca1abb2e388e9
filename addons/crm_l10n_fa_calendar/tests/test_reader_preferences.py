# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date, datetime

from odoo.tests import new_test_user, tagged
from odoo.tests.common import TransactionCase


# After every module is loaded: a database with Accounting has NOT NULL
# partner columns this addon does not know of at install time.
@tagged("post_install", "-at_install")
class TestReaderPreferences(TransactionCase):
    """Portal pages, emails and reports show Jalali dates to Persian readers,
    Gregorian ones to the others; the database keeps ISO dates."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("fa_IR")
        cls.env["res.lang"]._activate_lang("ru_RU")
        # A Russian-speaking member of staff who renders for others.
        cls.staff = new_test_user(
            cls.env, login="jalali_staff", groups="base.group_user", lang="ru_RU"
        )
        cls.portal_user = new_test_user(
            cls.env, login="jalali_portal", groups="base.group_portal", lang="fa_IR"
        )
        cls.view = cls.env["ir.ui.view"].create(
            {
                "name": "jalali test page",
                "type": "qweb",
                "arch": '<t t-name="jalali_test_page"><p>'
                "<span t-out=\"due\" t-options=\"{'widget': 'date'}\"/>|"
                "<span t-out=\"sent\" t-options=\"{'widget': 'datetime'}\"/></p></t>",
            }
        )

    def _render(self, env):
        values = {"due": date(2026, 12, 1), "sent": datetime(2025, 3, 20, 12, 0)}
        return str(env["ir.qweb"].with_context(tz="UTC")._render(self.view.id, values))

    def test_portal_page_of_a_persian_customer_in_jalali(self):
        html = self._render(self.env(user=self.portal_user, context={"lang": "fa_IR"}))
        self.assertIn("1405/09/10", html)
        self.assertIn("1403/12/30 12:00:00", html)

    def test_gregorian_for_a_persian_user_who_chose_it(self):
        self.portal_user.date_calendar = "gregorian"
        html = self._render(self.env(user=self.portal_user, context={"lang": "fa_IR"}))
        self.assertIn("2026/12/01", html)

    def test_persian_digits_for_a_user_who_chose_them(self):
        self.portal_user.with_user(self.portal_user).persian_digits = True
        self.assertIn(
            "۱۴۰۵/۰۹/۱۰", self._render(self.env(user=self.portal_user, context={"lang": "fa_IR"}))
        )

    def test_other_readers_read_gregorian(self):
        html = self._render(self.env(user=self.staff, context={"lang": "ru_RU"}))
        self.assertIn("01.12.2026", html)

    def test_email_to_a_persian_customer_in_jalali(self):
        customer = self.env["res.partner"].create({"name": "مشتری فارسی", "lang": "fa_IR"})
        template = self.env["mail.template"].create(
            {
                "name": "jalali test email",
                "model_id": self.env.ref("base.model_res_partner").id,
                "subject": "Since {{ format_date(object.create_date) }}",
                "body_html": '<p>Since <t t-out="format_date(object.create_date)"/></p>',
                "lang": "{{ object.lang }}",
            }
        )
        customer.create_date = datetime(2026, 12, 1, 9, 0)
        values = template.with_user(self.staff)._generate_template(
            customer.ids, ("subject", "body_html")
        )
        self.assertEqual(values[customer.id]["subject"], "Since 1405/09/10")
        self.assertIn("1405/09/10", values[customer.id]["body_html"])
        customer.lang = "ru_RU"
        values = template.with_user(self.staff)._generate_template(customer.ids, ("subject",))
        self.assertEqual(values[customer.id]["subject"], "Since 01.12.2026")

    def test_amounts_in_persian_digits_for_a_user_who_chose_them(self):
        self.portal_user.with_user(self.portal_user).persian_digits = True
        env = self.env(user=self.portal_user, context={"lang": "fa_IR"})
        html = env["ir.qweb.field.integer"].value_to_html(1250, {})
        self.assertEqual(html, "۱,۲۵۰")
        currency = self.env.ref("base.USD")
        html = env["ir.qweb.field.monetary"].value_to_html(1250.5, {"display_currency": currency})
        self.assertIn("۱,۲۵۰.۵۰", html)
        self.assertIn('class="oe_currency_value"', html, "markup kept as it is")
        staff_html = self.env(user=self.staff, context={"lang": "ru_RU"})[
            "ir.qweb.field.integer"
        ].value_to_html(1250, {})
        self.assertNotIn("۱", staff_html)

    def test_company_digits_for_persian_emails(self):
        self.env.company.persian_digits = True
        env = self.env(user=self.staff, context={"lang": "fa_IR"})
        self.assertIn("۱۴۰۵/۰۹/۱۰", self._render(env))

    def test_a_user_changes_only_his_own_preferences(self):
        other = new_test_user(self.env, login="jalali_other", groups="base.group_user")
        self.portal_user.with_user(self.portal_user).date_calendar = "gregorian"
        self.assertEqual(self.portal_user.date_calendar, "gregorian")
        with self.assertRaises(Exception):  # noqa: B017 - AccessError from the ORM
            other.with_user(self.portal_user).date_calendar = "jalali"
