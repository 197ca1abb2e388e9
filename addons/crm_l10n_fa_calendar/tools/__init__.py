from .jalali import (
    format_date,
    format_datetime,
    jalali_quarter,
    localize_markup_digits,
    normalize_digits,
    period_start,
    shift_period,
    to_jalali,
    to_persian_digits,
)

__all__ = [
    "format_date",
    "format_datetime",
    "jalali_quarter",
    "localize_markup_digits",
    "normalize_digits",
    "period_start",
    "shift_period",
    "to_jalali",
    "to_persian_digits",
]
