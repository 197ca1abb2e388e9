# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models

from ..tools import jalali


def is_persian(lang_code):
    return bool(lang_code) and lang_code.startswith("fa")


def reader_preferences(env):
    """(Jalali calendar?, Persian digits?) for whoever reads what ``env`` renders.

    - ``jalali_calendar`` / ``persian_digits`` in the context decide, when set;
    - rendered in the current user's own language (the web client, his portal
      pages), the reader is that user: his own settings;
    - rendered in another language (an email or a report in a customer's
      language, a public page), the language decides, as Odoo decides the
      language of notifications: Jalali for Persian, with the company's choice
      of digits.
    """
    context = env.context
    lang = env.lang or env.user.lang
    if "jalali_calendar" in context:
        return bool(context["jalali_calendar"]), bool(context.get("persian_digits"))
    user = env.user
    if not user._is_public() and lang == user.lang:
        partner = user.partner_id
        return partner._uses_jalali_calendar(lang), partner.persian_digits and is_persian(lang)
    persian = is_persian(lang)
    return persian, persian and env.company.persian_digits


def digits_for_reader(env, html):
    """Rendered HTML with Persian digits (۰–۹) for a reader who asked for
    them, as it is otherwise: the one rule of every number QWeb renders."""
    if not reader_preferences(env)[1]:
        return html
    return jalali.localize_markup_digits(html)


class ResPartner(models.Model):
    _inherit = "res.partner"

    date_calendar = fields.Selection(
        [
            ("auto", "By language (Jalali in Persian)"),
            ("jalali", "Persian (Jalali)"),
            ("gregorian", "Gregorian"),
        ],
        string="Calendar",
        default="auto",
        required=True,
        help="The calendar dates are shown in, in the web client, the portal, "
        "emails and reports. The database keeps the dates as they are.",
    )
    persian_digits = fields.Boolean(
        help="Show digits as ۰–۹ in Persian (typing either kind is accepted).",
    )

    def _uses_jalali_calendar(self, lang=None):
        self.ensure_one()
        if self.date_calendar == "auto":
            return is_persian(lang or self.lang)
        return self.date_calendar == "jalali"
