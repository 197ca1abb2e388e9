# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, models

from .res_partner import digits_for_reader


class IrQwebFieldInteger(models.AbstractModel):
    """Integer values of portal pages, emails and reports in Persian digits
    (۰–۹) for a reader who asked for them."""

    _inherit = "ir.qweb.field.integer"

    @api.model
    def value_to_html(self, value, options):
        return digits_for_reader(self.env, super().value_to_html(value, options))
