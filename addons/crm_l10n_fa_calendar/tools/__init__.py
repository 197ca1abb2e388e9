from .jalali import (
    format_date,
    format_datetime,
    localize_markup_digits,
    normalize_digits,
    to_jalali,
    to_persian_digits,
)

__all__ = [
    "format_date",
    "format_datetime",
    "localize_markup_digits",
    "normalize_digits",
    "to_jalali",
    "to_persian_digits",
]
