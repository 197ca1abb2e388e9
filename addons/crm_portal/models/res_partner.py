# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    # Every public form post looks its visitor up by email (the phone book's
    # duplicate rule): without an index that is a scan of the whole phone book.
    email_normalized = fields.Char(index="btree_not_null")
