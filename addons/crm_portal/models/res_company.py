# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    crm_portal_requests_title = fields.Char(
        string="Portal Title of Requests",
        translate=True,
        help="The title of the customers' requests in their portal (empty: the "
        "standard title, in each customer's language).",
    )
    crm_portal_steps_title = fields.Char(
        string="Portal Title of Steps",
        translate=True,
        help="The title of the steps customers must do in their portal (empty: the "
        "standard title, in each customer's language).",
    )
