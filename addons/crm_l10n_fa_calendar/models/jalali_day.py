# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import jdatetime

from odoo import fields, models
from odoo.tools import SQL

from ..tools import jalali

# The Jalali years the table covers: Gregorian 1921-03-21 to 2121-03-20.
FIRST_YEAR, LAST_YEAR = 1300, 1499


class JalaliDay(models.Model):
    """Every day with the first days of its Jalali month, quarter and year:
    what grouping dates by Jalali month, quarter or year joins against
    (PostgreSQL knows only the Gregorian calendar). An equality join on the
    day, which PostgreSQL hashes: a range lookup per row is 4 to 5 times
    slower (bench/bench_jalali_group_by.py). Generated from jdatetime when the
    addon is installed or updated, never edited."""

    _name = "jalali.day"
    _description = "Jalali Day"
    _order = "day"
    _rec_name = "day"
    _log_access = False

    day = fields.Date(required=True, readonly=True)
    month_from = fields.Date(string="First Day of the Month", required=True, readonly=True)
    quarter_from = fields.Date(string="First Day of the Quarter", required=True, readonly=True)
    year_from = fields.Date(string="First Day of the Year", required=True, readonly=True)
    jalali_year = fields.Integer(required=True, readonly=True)
    jalali_month = fields.Integer(required=True, readonly=True)

    _sql_constraints = [
        # Also the index grouping joins on.
        ("day_unique", "UNIQUE(day)", "A day is in one Jalali month only."),
    ]

    def init(self):
        first = jdatetime.date(FIRST_YEAR, 1, 1).togregorian()
        end = jdatetime.date(LAST_YEAR + 1, 1, 1).togregorian()
        self.env.cr.execute(SQL("SELECT count(*) FROM %s", SQL.identifier(self._table)))
        if self.env.cr.fetchone()[0] == (end - first).days:
            return
        # The months from jdatetime, their days from PostgreSQL.
        months = {name: [] for name in ("from", "to", "quarter", "year", "jy", "jm")}
        for year in range(FIRST_YEAR, LAST_YEAR + 1):
            for month in range(1, 13):
                start = jdatetime.date(year, month, 1).togregorian()
                months["from"].append(start)
                months["to"].append(jalali.shift_period(start, "month"))
                months["quarter"].append(jalali.period_start(start, "quarter"))
                months["year"].append(jalali.period_start(start, "year"))
                months["jy"].append(year)
                months["jm"].append(month)
        self.env.cr.execute(
            SQL(
                """INSERT INTO %s
                       (day, month_from, quarter_from, year_from, jalali_year, jalali_month)
                   SELECT day::date, m.date_from, m.quarter_from, m.year_from, m.jy, m.jm
                     FROM unnest(
                              %s::date[], %s::date[], %s::date[], %s::date[], %s::int[], %s::int[]
                          ) AS m(date_from, date_to, quarter_from, year_from, jy, jm),
                          generate_series(m.date_from, m.date_to - 1, INTERVAL '1 day') AS day
                   ON CONFLICT (day) DO NOTHING""",
                SQL.identifier(self._table),
                months["from"],
                months["to"],
                months["quarter"],
                months["year"],
                months["jy"],
                months["jm"],
            )
        )

    def _join_period_start(self, query, alias, day_sql, granularity):
        """Joins ``query`` to the day ``day_sql`` (a date expression) under
        ``alias``; SQL of the first day of its Jalali month, quarter or year
        (NULL outside the table)."""
        condition = SQL("%s = %s", SQL.identifier(alias, "day"), day_sql)
        query.add_join("LEFT JOIN", alias, self._table, condition)
        column = {"month": "month_from", "quarter": "quarter_from", "year": "year_from"}
        return SQL.identifier(alias, column[granularity])
