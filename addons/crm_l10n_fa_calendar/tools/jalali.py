# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Jalali dates and Persian digits for the server side (portal pages, emails,
reports), through the jdatetime library: the database keeps ISO dates, only
what a reader sees changes."""

import datetime
import re

import jdatetime
from markupsafe import Markup

PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"
ARABIC_DIGITS = "٠١٢٣٤٥٦٧٨٩"
_TO_PERSIAN = str.maketrans("0123456789", PERSIAN_DIGITS)
_TO_LATIN = str.maketrans(PERSIAN_DIGITS + ARABIC_DIGITS, "0123456789" * 2)


def to_persian_digits(text):
    return str(text).translate(_TO_PERSIAN)


def normalize_digits(text):
    """Persian (۰-۹) and Arabic (٠-٩) digits to Latin ones, for input."""
    return str(text).translate(_TO_LATIN)


def to_jalali(value, lang_code=None):
    """A date or datetime as jdatetime's date or datetime, naming months in
    Persian for Persian and in Latin transliteration (Farvardin, ...) otherwise."""
    locale = "fa_IR" if (lang_code or "").startswith("fa") else "en_US"
    if isinstance(value, datetime.datetime):
        return jdatetime.datetime.fromgregorian(datetime=value, locale=locale)
    return jdatetime.date.fromgregorian(date=value, locale=locale)


def _strftime(value, pattern, lang_code, persian_digits):
    text = to_jalali(value, lang_code).strftime(pattern)
    return to_persian_digits(text) if persian_digits else text


def format_date(value, pattern, lang_code=None, persian_digits=False):
    """``value`` (a date) in the Jalali calendar, with a strftime pattern such
    as the language's date format (``%Y/%m/%d``, ``%d %B %Y``)."""
    if not value:
        return ""
    if isinstance(value, datetime.datetime):
        value = value.date()
    return _strftime(value, pattern, lang_code, persian_digits)


def format_datetime(value, pattern, lang_code=None, persian_digits=False):
    """``value`` (an aware or local datetime) in the Jalali calendar."""
    if not value:
        return ""
    return _strftime(value, pattern, lang_code, persian_digits)


# Jalali periods a date can be cut into, in months.
PERIOD_MONTHS = {"month": 1, "quarter": 3, "year": 12}


def period_start(value, granularity):
    """The Gregorian date of the first day of the Jalali month, quarter or
    year (``granularity``) that holds ``value`` (a date or datetime)."""
    if isinstance(value, datetime.datetime):
        value = value.date()
    jdate = jdatetime.date.fromgregorian(date=value)
    months = PERIOD_MONTHS[granularity]
    return jdatetime.date(jdate.year, (jdate.month - 1) // months * months + 1, 1).togregorian()


def shift_period(start, granularity, count=1):
    """The first day of the Jalali period ``count`` periods after the one that
    starts on ``start`` (a negative ``count`` goes back)."""
    jdate = jdatetime.date.fromgregorian(date=start)
    index = jdate.year * 12 + jdate.month - 1 + count * PERIOD_MONTHS[granularity]
    return jdatetime.date(index // 12, index % 12 + 1, 1).togregorian()


def jalali_quarter(value):
    """The quarter (1-4) of the Jalali year ``value`` (a date) is in."""
    return (to_jalali(value).month - 1) // 3 + 1


def localize_markup_digits(html):
    """The digits of rendered text (str or Markup) in Persian, markup kept:
    only the text between tags changes, never a tag or an attribute."""
    text = str(html)
    parts = re.split(r"(<[^>]*>)", text)
    localized = "".join(part if part.startswith("<") else to_persian_digits(part) for part in parts)
    return Markup(localized) if isinstance(html, Markup) else localized
