# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import tagged

from odoo.addons.crm_custom.tests.common import CrmRolesCase

from .common import set_create_dates

JALALI = {"group_calendar": "jalali", "tz": "Asia/Tehran", "lang": "fa_IR"}


@tagged("post_install", "-at_install")
class TestJalaliGroupBy(CrmRolesCase):
    """Leads grouped by month, quarter and year in the graph, pivot and list
    views of a Persian salesperson fall in Jalali periods, around Nowruz of
    the leap years 1403 and 1408 and in his time zone."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("fa_IR")
        cls.salesperson.write({"lang": "fa_IR", "tz": "Asia/Tehran"})
        Lead = cls.env["crm.lead"]
        cls.leads = {}
        # (name, created at UTC, expected closing): Tehran is UTC+3:30.
        for name, created, deadline in [
            ("Nowruz 1403/12/30", "2025-03-20 12:00:00", "2025-03-20"),
            ("Nowruz 1404/01/01 Tehran midnight", "2025-03-20 21:00:00", "2025-03-21"),
            ("Nowruz 1404/01/01", "2025-03-21 08:00:00", "2025-03-21"),
            ("Nowruz 1408/12/30", "2030-03-20 08:00:00", "2030-03-20"),
            ("Nowruz 1409/01/01", "2030-03-21 08:00:00", "2030-03-21"),
        ]:
            lead = Lead.create(
                dict(
                    cls._lead_values(name, cls.salesperson, cls.team),
                    date_deadline=deadline,
                )
            )
            cls.leads[name] = (lead, created)
        set_create_dates(cls.leads.values())
        cls.domain = [("name", "like", "Nowruz")]
        cls.Lead = Lead.with_user(cls.salesperson)

    def _groups(self, groupby, context=None, **kwargs):
        return self.Lead.with_context(**(context or JALALI)).read_group(
            self.domain, ["__count"], [groupby], lazy=False, **kwargs
        )

    def _names(self, group):
        return set(self.Lead.search(group["__domain"]).mapped("name"))

    def test_months_of_a_datetime_in_the_users_time_zone(self):
        groups = self._groups("create_date:month")
        self.assertEqual(
            [(g["create_date:month"], g["__count"]) for g in groups],
            [("اسفند 1403", 1), ("فروردین 1404", 2), ("اسفند 1408", 1), ("فروردین 1409", 1)],
        )
        self.assertEqual(
            groups[1]["__range"]["create_date:month"],
            # Farvardin 1404 in Tehran: 2025-03-21 00:00 to 2025-04-21 00:00 (UTC+3:30).
            {"from": "2025-03-20 20:30:00", "to": "2025-04-20 20:30:00"},
        )
        self.assertEqual(
            self._names(groups[1]),
            {"Nowruz 1404/01/01 Tehran midnight", "Nowruz 1404/01/01"},
        )
        self.assertEqual(self._names(groups[2]), {"Nowruz 1408/12/30"})

    def test_months_quarters_years_of_a_date(self):
        months = self._groups("date_deadline:month")
        self.assertEqual(
            [(g["date_deadline:month"], g["__count"]) for g in months],
            [("اسفند 1403", 1), ("فروردین 1404", 2), ("اسفند 1408", 1), ("فروردین 1409", 1)],
        )
        # Esfand of the leap year 1408 has 30 days: 2030-02-19 to 2030-03-20.
        self.assertEqual(
            months[2]["__range"]["date_deadline:month"], {"from": "2030-02-19", "to": "2030-03-21"}
        )
        # In English: Persian month names need no translation, quarters do.
        english = dict(JALALI, lang="en_US")
        self.assertEqual(
            self._groups("date_deadline:month", context=english)[0]["date_deadline:month"],
            "Esfand 1403",
        )
        quarters = self._groups("date_deadline:quarter", context=english)
        self.assertEqual(
            [(g["date_deadline:quarter"], g["__count"]) for g in quarters],
            [("Q4 1403", 1), ("Q1 1404", 2), ("Q4 1408", 1), ("Q1 1409", 1)],
        )
        years = self._groups("date_deadline:year")
        self.assertEqual([g["date_deadline:year"] for g in years], ["1403", "1404", "1408", "1409"])
        self.assertEqual(
            years[0]["__range"]["date_deadline:year"], {"from": "2024-03-20", "to": "2025-03-21"}
        )

    def test_gregorian_without_the_context_key(self):
        groups = self._groups("date_deadline:month", context={"lang": "en_US"})
        self.assertEqual(
            [(g["date_deadline:month"], g["__count"]) for g in groups],
            [("March 2025", 3), ("March 2030", 2)],
        )

    def test_graph_fills_the_empty_jalali_months(self):
        groups = self._groups(
            "date_deadline:month",
            context=dict(JALALI, fill_temporal=True),
        )
        labels = [g["date_deadline:month"] for g in groups]
        # Esfand 1403 to Farvardin 1409: 5 Jalali years and 2 months.
        self.assertEqual(len(labels), 5 * 12 + 2)
        self.assertEqual(labels[:3], ["اسفند 1403", "فروردین 1404", "اردیبهشت 1404"])
        self.assertEqual(labels[-1], "فروردین 1409")
        self.assertEqual(sum(g["__count"] for g in groups), 5)

    def test_list_groups_and_persian_digits(self):
        self.salesperson.persian_digits = True
        result = self.Lead.with_context(**JALALI).web_read_group(
            self.domain, ["__count"], ["create_date:year"], limit=1
        )
        self.assertEqual(result["groups"][0]["create_date:year"], "۱۴۰۳")
        self.assertEqual(result["length"], 4)  # 1403, 1404, 1408, 1409
