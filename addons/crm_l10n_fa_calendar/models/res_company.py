# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    persian_digits = fields.Boolean(
        string="Persian digits for Persian readers",
        help="Emails, reports and public pages rendered in Persian show digits as ۰–۹.",
    )
