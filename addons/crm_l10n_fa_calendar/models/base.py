# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Grouping by month, quarter or year in Jalali periods.

The web client of a user who reads the Jalali calendar sends
``group_calendar: "jalali"`` in its context; the graph, pivot and list views'
``date:month`` (``quarter``, ``year``) groups are then Jalali months, with
their names ("آذر 1405") and their Gregorian bounds as ranges and domains.
Without that key nothing changes, so server code and other clients keep
Gregorian groups."""

import datetime
from collections import defaultdict

import pytz

from odoo import api, fields, models
from odoo.models import parse_read_group_spec
from odoo.osv import expression
from odoo.tools import DEFAULT_SERVER_DATE_FORMAT, DEFAULT_SERVER_DATETIME_FORMAT, SQL
from odoo.tools.misc import get_lang

from ..tools import jalali
from .res_partner import reader_preferences

JALALI_GRANULARITIES = ("month", "quarter", "year")
LABEL_PATTERNS = {"month": "%B %Y", "year": "%Y"}


class Base(models.AbstractModel):
    _inherit = "base"

    def _jalali_granularity(self, groupby_spec):
        """``month``/``quarter``/``year`` when ``groupby_spec`` groups a date
        or datetime field into Jalali periods in this context, else None."""
        if self.env.context.get("group_calendar") != "jalali":
            return None
        fname, property_name, granularity = parse_read_group_spec(groupby_spec)
        field = self._fields.get(fname)
        if property_name or not field or field.type not in ("date", "datetime"):
            return None
        # read_group's default granularity of dates is the month.
        granularity = granularity or "month"
        return granularity if granularity in JALALI_GRANULARITIES else None

    def _read_group_groupby(self, groupby_spec, query):
        granularity = self._jalali_granularity(groupby_spec)
        if not granularity:
            return super()._read_group_groupby(groupby_spec, query)
        fname = parse_read_group_spec(groupby_spec)[0]
        # The day in the user's time zone, as Odoo computes it, then its period.
        day = SQL("(%s)::date", super()._read_group_groupby(f"{fname}:day", query))
        alias = query.make_alias(self._table, f"{fname}__jalali")
        start = self.env["jalali.day"]._join_period_start(query, alias, day, granularity)
        if self._fields[fname].type == "datetime":
            return SQL("%s::timestamp", start)
        return start

    def _jalali_group_label(self, start, granularity):
        lang = get_lang(self.env).code
        persian_digits = reader_preferences(self.env)[1]
        if granularity == "quarter":
            label = self.env._(
                "Q%(quarter)s %(year)s",
                quarter=jalali.jalali_quarter(start),
                year=jalali.to_jalali(start).year,
            )
            return jalali.to_persian_digits(label) if persian_digits else label
        return jalali.format_date(start, LABEL_PATTERNS[granularity], lang, persian_digits)

    def _jalali_group_range(self, field, start, granularity):
        """(from, to) of the group starting on ``start``, in the server's
        format; a datetime group's bounds are the user's midnights in UTC."""
        end = jalali.shift_period(start, granularity)
        if field.type == "date":
            return start.strftime(DEFAULT_SERVER_DATE_FORMAT), end.strftime(
                DEFAULT_SERVER_DATE_FORMAT
            )
        bounds = [datetime.datetime.combine(day, datetime.time.min) for day in (start, end)]
        tz_name = self.env.context.get("tz")
        if tz_name in pytz.all_timezones_set:
            tz = pytz.timezone(tz_name)
            bounds = [tz.localize(bound).astimezone(pytz.utc) for bound in bounds]
        return tuple(bound.strftime(DEFAULT_SERVER_DATETIME_FORMAT) for bound in bounds)

    @api.model
    def _read_group_format_result(self, rows_dict, lazy_groupby):
        jalali_groups = [group for group in lazy_groupby if self._jalali_granularity(group)]
        super()._read_group_format_result(
            rows_dict, [group for group in lazy_groupby if group not in jalali_groups]
        )
        for group in jalali_groups:
            fname = parse_read_group_spec(group)[0]
            field = self._fields[fname]
            granularity = self._jalali_granularity(group)
            for row in rows_dict:
                value = row[group]
                if not value:
                    row.setdefault("__range", {})[group] = False
                    additional_domain = [(fname, "=", value)]
                else:
                    start = value.date() if isinstance(value, datetime.datetime) else value
                    range_from, range_to = self._jalali_group_range(field, start, granularity)
                    row[group] = self._jalali_group_label(start, granularity)
                    row.setdefault("__range", {})[group] = {"from": range_from, "to": range_to}
                    additional_domain = ["&", (fname, ">=", range_from), (fname, "<", range_to)]
                row["__domain"] = expression.AND([row["__domain"], additional_domain])
        return rows_dict

    def _read_group_fill_temporal(
        self, data, groupby, annoted_aggregates, fill_from=False, fill_to=False, min_groups=False
    ):
        """The empty Jalali periods between the groups (the graph view asks
        for them), instead of Gregorian months that would fall between."""
        granularity = self._jalali_granularity(groupby[0])
        if not granularity:
            return super()._read_group_fill_temporal(
                data, groupby, annoted_aggregates, fill_from, fill_to, min_groups
            )
        first_group = groupby[0]
        is_datetime = self._fields[parse_read_group_spec(first_group)[0]].type == "datetime"
        existing = sorted({row[first_group] for row in data if row[first_group]})
        first = (
            self._jalali_fill_bound(fill_from, granularity, is_datetime) or (existing or [None])[0]
        )
        last = (
            self._jalali_fill_bound(fill_to, granularity, is_datetime) or (existing or [None])[-1]
        )
        first, last = first or last, last or first
        if not first:
            return data
        if min_groups and min_groups > 0:
            last_needed = jalali.shift_period(_day(first), granularity, min_groups - 1)
            last = max(last, _group_value(last_needed, is_datetime))
        required = []
        day = _day(first)
        while _group_value(day, is_datetime) <= last:
            required.append(_group_value(day, is_datetime))
            day = jalali.shift_period(day, granularity)
        empty_item = {
            name: self._read_group_empty_value(spec) for name, spec in annoted_aggregates.items()
        }
        for group in groupby[1:]:
            empty_item[group] = self._read_group_empty_value(group)
        grouped_data = defaultdict(list)
        for row in data:
            grouped_data[row[first_group]].append(row)
        result = []
        for value in sorted(set(existing).union(required)):
            result.extend(grouped_data[value] or [dict(empty_item, **{first_group: value})])
        result.extend(grouped_data[False])
        return result

    @api.model
    def _jalali_fill_bound(self, bound, granularity, is_datetime):
        if not bound:
            return None
        day = fields.Date.to_date(str(bound)[:10])
        return _group_value(jalali.period_start(day, granularity), is_datetime)


def _day(value):
    return value.date() if isinstance(value, datetime.datetime) else value


def _group_value(day, is_datetime):
    """A period's first day as _read_group returns it: a date, or a naive
    datetime at midnight for a datetime field."""
    return datetime.datetime.combine(day, datetime.time.min) if is_datetime else day
