# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models

from .res_partner import reader_preferences


class IrHttp(models.AbstractModel):
    _inherit = "ir.http"

    def session_info(self):
        info = super().session_info()
        jalali, persian_digits = reader_preferences(self.env)
        info["jalali_calendar"] = jalali
        info["persian_digits"] = persian_digits
        return info
