# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date

from freezegun import freeze_time

from odoo.tests import tagged

from odoo.addons.crm_custom.tests.common import CrmRolesCase

from .common import set_create_dates


@tagged("post_install", "-at_install")
class TestJalaliFunnel(CrmRolesCase):
    """The Sales Funnel of a user who reads the Jalali calendar compares Jalali
    months and quarters; the others keep Gregorian ones."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("fa_IR")
        cls.salesperson.lang = "fa_IR"  # Jalali by language ("auto")
        cls.History = cls.env["crm.lead.stage.history"]

    def test_jalali_month_and_quarter_bounds(self):
        history = self.History.with_user(self.salesperson).with_context(lang="fa_IR")
        today = date(2026, 12, 1)  # 1405/09/10, Azar, the third Jalali quarter
        self.assertEqual(
            history._period_bounds("month", today),
            (date(2026, 11, 22), date(2026, 12, 22), date(2026, 10, 23), date(2026, 11, 22)),
        )
        self.assertEqual(
            history._period_bounds("quarter", today),
            (date(2026, 9, 23), date(2026, 12, 22), date(2026, 6, 22), date(2026, 9, 23)),
        )
        # Across Nowruz of the leap year 1403: Farvardin 1404 against Esfand 1403 (30 days).
        self.assertEqual(
            history._period_bounds("month", date(2025, 3, 21)),
            (date(2025, 3, 21), date(2025, 4, 21), date(2025, 2, 19), date(2025, 3, 21)),
        )

    def test_gregorian_for_the_others(self):
        self.salesperson.date_calendar = "gregorian"
        history = self.History.with_user(self.salesperson).with_context(lang="fa_IR")
        bounds = history._period_bounds("month", date(2026, 12, 1))
        self.assertEqual(bounds[0], date(2026, 12, 1))
        russian = self.History.with_user(self.other_salesperson)
        self.assertEqual(russian._period_bounds("quarter", date(2026, 12, 1))[0], date(2026, 10, 1))

    @freeze_time("2026-12-01 10:00:00")
    def test_funnel_counts_the_leads_of_the_jalali_month(self):
        # 2026-11-25 is 1405/09/04: this Jalali month, last Gregorian month.
        set_create_dates([(self.own_lead, "2026-11-25 09:00:00")])
        history = self.History.with_user(self.salesperson).with_context(lang="fa_IR")
        data = history.get_funnel_data(self.team.id, "month")
        self.assertEqual(
            (data["current"]["from"], data["current"]["to"]), ("2026-11-22", "2026-12-22")
        )
        # The salesperson counts the leads he may see: his own.
        self.assertEqual(data["current"]["stages"][0]["reached"], 1)
        self.assertEqual(data["previous"]["stages"][0]["reached"], 0)
        self.salesperson.date_calendar = "gregorian"
        data = history.get_funnel_data(self.team.id, "month")
        self.assertEqual(data["current"]["from"], "2026-12-01")
        self.assertEqual(data["current"]["stages"][0]["reached"], 0)
        self.assertEqual(data["previous"]["stages"][0]["reached"], 1)
