# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import jdatetime

from odoo import fields, models
from odoo.tools import SQL

from ..tools import jalali

# The Jalali years the table covers: Gregorian 1621-03-21 to 2321-03-21.
FIRST_YEAR, LAST_YEAR = 1000, 1699


class JalaliMonth(models.Model):
    """Every Jalali month as its Gregorian bounds, with the starts of its
    quarter and year: what grouping dates by Jalali month, quarter or year
    joins against (PostgreSQL knows only the Gregorian calendar). Generated
    from jdatetime when the addon is installed or updated, never edited."""

    _name = "jalali.month"
    _description = "Jalali Month"
    _order = "date_from"
    _rec_name = "date_from"
    _log_access = False

    date_from = fields.Date(string="First Day", required=True, readonly=True)
    date_to = fields.Date(string="Next Month's First Day", required=True, readonly=True)
    quarter_from = fields.Date(string="First Day of the Quarter", required=True, readonly=True)
    year_from = fields.Date(string="First Day of the Year", required=True, readonly=True)
    jalali_year = fields.Integer(required=True, readonly=True)
    jalali_month = fields.Integer(required=True, readonly=True)

    _sql_constraints = [
        # Also the index the period of a date is looked up with.
        ("date_from_unique", "UNIQUE(date_from)", "A Jalali month starts on one day only."),
    ]

    def init(self):
        expected = (LAST_YEAR - FIRST_YEAR + 1) * 12
        self.env.cr.execute(SQL("SELECT count(*) FROM %s", SQL.identifier(self._table)))
        if self.env.cr.fetchone()[0] == expected:
            return
        rows = {name: [] for name in ("from", "to", "quarter", "year", "jy", "jm")}
        for year in range(FIRST_YEAR, LAST_YEAR + 1):
            for month in range(1, 13):
                start = jdatetime.date(year, month, 1).togregorian()
                rows["from"].append(start)
                rows["to"].append(jalali.shift_period(start, "month"))
                rows["quarter"].append(jalali.period_start(start, "quarter"))
                rows["year"].append(jalali.period_start(start, "year"))
                rows["jy"].append(year)
                rows["jm"].append(month)
        self.env.cr.execute(
            SQL(
                """INSERT INTO %s
                       (date_from, date_to, quarter_from, year_from, jalali_year, jalali_month)
                   SELECT * FROM unnest(
                       %s::date[], %s::date[], %s::date[], %s::date[], %s::int[], %s::int[]
                   )
                   ON CONFLICT (date_from) DO NOTHING""",
                SQL.identifier(self._table),
                rows["from"],
                rows["to"],
                rows["quarter"],
                rows["year"],
                rows["jy"],
                rows["jm"],
            )
        )

    def _period_start_sql(self, day_sql, granularity):
        """SQL: the first day of the Jalali month, quarter or year holding the
        date ``day_sql``; NULL outside the table. One index lookup per row."""
        column = {"month": "date_from", "quarter": "quarter_from", "year": "year_from"}[granularity]
        alias = "jalali_month__period"
        return SQL(
            "(SELECT %s FROM %s AS %s WHERE %s <= %s AND %s > %s ORDER BY %s DESC LIMIT 1)",
            SQL.identifier(alias, column),
            SQL.identifier(self._table),
            SQL.identifier(alias),
            SQL.identifier(alias, "date_from"),
            day_sql,
            SQL.identifier(alias, "date_to"),
            day_sql,
            SQL.identifier(alias, "date_from"),
        )
