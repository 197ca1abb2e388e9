# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models
from odoo.tools import format_date as odoo_format_date
from odoo.tools import format_datetime as odoo_format_datetime
from odoo.tools.misc import get_lang

from ..tools import jalali
from .res_partner import reader_preferences


class MailRenderMixin(models.AbstractModel):
    """``format_date()``/``format_datetime()`` of mail templates in the Jalali
    calendar when the email is rendered for a Persian reader (templates are
    rendered in the recipient's language)."""

    _inherit = "mail.render.mixin"

    def _render_eval_context(self):
        render_context = super()._render_eval_context()
        render_context["format_date"] = self._format_date_for_reader
        render_context["format_datetime"] = self._format_datetime_for_reader
        return render_context

    def _reader_env(self, lang_code):
        return self.with_context(lang=lang_code).env if lang_code else self.env

    def _format_date_for_reader(self, date, date_format=False, lang_code=False):
        env = self._reader_env(lang_code)
        use_jalali, persian_digits = reader_preferences(env)
        if not date or not use_jalali or date_format:
            return odoo_format_date(self.env, date, date_format=date_format, lang_code=lang_code)
        lang = get_lang(env, lang_code)
        return jalali.format_date(date, lang.date_format, lang.code, persian_digits)

    def _format_datetime_for_reader(self, dt, tz=False, dt_format=False, lang_code=False):
        env = self._reader_env(lang_code)
        use_jalali, persian_digits = reader_preferences(env)
        if not dt or not use_jalali or dt_format:
            return odoo_format_datetime(
                self.env, dt, tz=tz, dt_format=dt_format, lang_code=lang_code
            )
        lang = get_lang(env, lang_code)
        record = self.with_context(tz=tz) if tz else self
        local = fields.Datetime.context_timestamp(record, fields.Datetime.to_datetime(dt))
        pattern = f"{lang.date_format} {lang.short_time_format}"
        return jalali.format_datetime(local, pattern, lang.code, persian_digits)
