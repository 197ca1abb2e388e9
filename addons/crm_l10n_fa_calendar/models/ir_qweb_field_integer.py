# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, models

from ..tools import jalali
from .res_partner import reader_preferences


class IrQwebFieldInteger(models.AbstractModel):
    """Integer values of portal pages, emails and reports in Persian digits
    (۰–۹) for a reader who asked for them."""

    _inherit = "ir.qweb.field.integer"

    @api.model
    def value_to_html(self, value, options):
        html = super().value_to_html(value, options)
        if not reader_preferences(self.env)[1]:
            return html
        return jalali.localize_markup_digits(html)
