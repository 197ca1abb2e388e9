# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date, datetime

from odoo.tests.common import BaseCase

from ..tools import jalali

# Known conversions: Nowruz (1 Farvardin) and the last day of the year before,
# in the leap years 1403 and 1408 (30 Esfand) and the common years around them.
KNOWN = [
    (date(2024, 3, 19), "1402/12/29"),
    (date(2024, 3, 20), "1403/01/01"),
    (date(2025, 3, 20), "1403/12/30"),
    (date(2025, 3, 21), "1404/01/01"),
    (date(2026, 3, 20), "1404/12/29"),
    (date(2026, 3, 21), "1405/01/01"),
    (date(2029, 3, 19), "1407/12/29"),
    (date(2029, 3, 20), "1408/01/01"),
    (date(2030, 3, 20), "1408/12/30"),
    (date(2030, 3, 21), "1409/01/01"),
    (date(2026, 12, 1), "1405/09/10"),
]


class TestJalaliTools(BaseCase):
    def test_known_conversions(self):
        for gregorian, expected in KNOWN:
            with self.subTest(gregorian=gregorian):
                self.assertEqual(jalali.format_date(gregorian, "%Y/%m/%d"), expected)

    def test_month_names_in_the_readers_language(self):
        self.assertEqual(jalali.format_date(date(2026, 12, 1), "%d %B %Y", "fa_IR"), "10 آذر 1405")
        self.assertEqual(jalali.format_date(date(2026, 12, 1), "%d %B %Y", "en_US"), "10 Azar 1405")

    def test_persian_digits_both_ways(self):
        shown = jalali.format_date(date(2026, 12, 1), "%Y/%m/%d", "fa_IR", persian_digits=True)
        self.assertEqual(shown, "۱۴۰۵/۰۹/۱۰")
        self.assertEqual(jalali.normalize_digits(shown), "1405/09/10")
        self.assertEqual(jalali.normalize_digits("٢٠٢٦"), "2026")

    def test_datetime_keeps_its_time(self):
        shown = jalali.format_datetime(datetime(2025, 3, 20, 23, 59), "%Y/%m/%d %H:%M")
        self.assertEqual(shown, "1403/12/30 23:59")
        self.assertEqual(jalali.format_date(False, "%Y/%m/%d"), "")
