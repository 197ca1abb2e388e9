# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models

from ..tools import jalali
from .res_partner import reader_preferences


class IrQwebFieldDate(models.AbstractModel):
    """Dates of portal pages, emails and reports (``t-field``, ``widget:
    'date'``) in the Jalali calendar for a Persian reader."""

    _inherit = "ir.qweb.field.date"

    @api.model
    def value_to_html(self, value, options):
        use_jalali, persian_digits = reader_preferences(self.env)
        # An explicit babel pattern (options "format") is Gregorian by nature.
        if not value or not use_jalali or options.get("format"):
            return super().value_to_html(value, options)
        lang = self.user_lang()
        return jalali.format_date(
            fields.Date.to_date(value), lang.date_format, lang.code, persian_digits
        )
