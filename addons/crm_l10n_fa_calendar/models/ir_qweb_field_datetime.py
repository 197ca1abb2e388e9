# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models

from ..tools import jalali
from .res_partner import reader_preferences


class IrQwebFieldDatetime(models.AbstractModel):
    """Datetimes of portal pages, emails and reports in the Jalali calendar for
    a Persian reader, in the reader's time zone as Odoo shows them."""

    _inherit = "ir.qweb.field.datetime"

    @api.model
    def value_to_html(self, value, options):
        use_jalali, persian_digits = reader_preferences(self.env)
        if not value or not use_jalali or options.get("format") or options.get("time_only"):
            return super().value_to_html(value, options)
        record = self.with_context(tz=options["tz_name"]) if options.get("tz_name") else self
        local = fields.Datetime.context_timestamp(record, fields.Datetime.to_datetime(value))
        lang = self.user_lang()
        if options.get("date_only"):
            pattern = lang.date_format
        else:
            time_format = lang.time_format
            if options.get("hide_seconds"):
                time_format = time_format.replace(":%S", "")
            pattern = f"{lang.date_format} {time_format}"
        return jalali.format_datetime(local, pattern, lang.code, persian_digits)
