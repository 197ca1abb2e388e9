# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, models
from odoo.tools import SQL


class CrmNewsletterSegment(models.Model):
    _inherit = "crm.newsletter.segment"

    @api.model
    def _purchase_sql(self):
        """With Sales, the purchase history is the confirmed sales orders
        (the order's date and total), not the invoices."""
        return {
            "orders": SQL(
                """SELECT o.partner_id, o.id AS order_id, o.date_order::date AS date,
                          o.amount_total AS amount
                     FROM sale_order o
                    WHERE o.state = 'sale'"""
            ),
            "lines": SQL(
                """SELECT o.partner_id, l.product_id
                     FROM sale_order_line l
                     JOIN sale_order o ON o.id = l.order_id
                    WHERE o.state = 'sale' AND l.product_id IS NOT NULL"""
            ),
        }
