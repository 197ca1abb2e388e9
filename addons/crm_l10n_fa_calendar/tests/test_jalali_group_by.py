# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date

import jdatetime

from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged
from odoo.tests.common import TransactionCase

from ..models.jalali_day import FIRST_YEAR, LAST_YEAR


@tagged("post_install", "-at_install")
class TestJalaliGroupBy(TransactionCase):
    """The table of Jalali months grouping joins against, and grouping any
    model's dates by Jalali month for a web client that asks for it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user = new_test_user(cls.env, login="jalali_group_user", groups="base.group_user")
        cls.portal = new_test_user(cls.env, login="jalali_group_portal", groups="base.group_portal")

    def _month(self, year, month):
        return self.env["jalali.day"].search(
            [("jalali_year", "=", year), ("jalali_month", "=", month)]
        )

    def test_table_of_days(self):
        Day = self.env["jalali.day"]
        days = (
            jdatetime.date(LAST_YEAR + 1, 1, 1).togregorian()
            - jdatetime.date(FIRST_YEAR, 1, 1).togregorian()
        ).days
        self.assertEqual(Day.search_count([]), days)
        azar = self._month(1405, 9)
        self.assertEqual((azar[0].day, azar[-1].day), (date(2026, 11, 22), date(2026, 12, 21)))
        self.assertEqual(set(azar.mapped("month_from")), {date(2026, 11, 22)})
        self.assertEqual(set(azar.mapped("quarter_from")), {date(2026, 9, 23)})
        self.assertEqual(set(azar.mapped("year_from")), {date(2026, 3, 21)})
        # Esfand has 30 days in the leap years 1403 and 1408, 29 in 1404.
        for year, length in ((1403, 30), (1404, 29), (1408, 30)):
            self.assertEqual(len(self._month(year, 12)), length, year)
        # Installing again adds nothing.
        Day.init()
        self.assertEqual(Day.search_count([]), days)

    def test_a_users_activities_by_jalali_month(self):
        partner = self.env["res.partner"].create({"name": "Jalali activities"})
        for deadline in ("2025-03-20", "2025-03-21", "2025-04-20"):
            self.env["mail.activity"].create(
                {
                    "res_model_id": self.env.ref("base.model_res_partner").id,
                    "res_id": partner.id,
                    "user_id": self.user.id,
                    "activity_type_id": self.env.ref("mail.mail_activity_data_todo").id,
                    "date_deadline": deadline,
                }
            )
        Activity = self.env["mail.activity"].with_user(self.user)
        domain = [("res_id", "=", partner.id), ("res_model", "=", "res.partner")]
        jalali = Activity.with_context(group_calendar="jalali", lang="en_US").read_group(
            domain, ["__count"], ["date_deadline:month"]
        )
        self.assertEqual(
            [(g["date_deadline:month"], g["date_deadline_count"]) for g in jalali],
            [("Esfand 1403", 1), ("Farvardin 1404", 2)],
        )
        gregorian = Activity.with_context(lang="en_US").read_group(
            domain, ["__count"], ["date_deadline:month"]
        )
        self.assertEqual(
            [g["date_deadline:month"] for g in gregorian], ["March 2025", "April 2025"]
        )

    def test_the_table_is_read_only(self):
        nowruz = self.env["jalali.day"].search([("day", "=", date(2026, 3, 21))])
        self.assertEqual(nowruz.with_user(self.user).month_from, date(2026, 3, 21))
        with self.assertRaises(AccessError):
            nowruz.with_user(self.user).write({"month_from": date(2026, 4, 1)})
        with self.assertRaises(AccessError):
            self.env["jalali.day"].with_user(self.user).create(
                {
                    "day": date(1900, 1, 1),
                    "month_from": date(1900, 1, 1),
                    "quarter_from": date(1900, 1, 1),
                    "year_from": date(1900, 1, 1),
                    "jalali_year": 1278,
                    "jalali_month": 10,
                }
            )
        with self.assertRaises(AccessError):
            nowruz.with_user(self.portal).read(["day"])
