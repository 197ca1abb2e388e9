# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, models


class AccountMove(models.Model):
    _inherit = "account.move"

    @api.model_create_multi
    def create(self, vals_list):
        moves = super().create(vals_list)
        moves._link_opportunity_of_sale_orders()
        return moves

    def _link_opportunity_of_sale_orders(self):
        """Link customer invoices made from sales orders to the opportunity the
        orders came from.

        Done on the created invoice, whatever made it (invoicing an order, a
        down payment, several orders at once, a credit note): it is linked
        only when all its orders come from one opportunity. Salespeople invoice
        orders without rights on invoices, so Odoo creates them as superuser,
        and so are they linked."""
        for move in self.sudo():
            if not move.is_sale_document() or move.opportunity_id:
                continue
            opportunity = move.invoice_line_ids.sale_line_ids.order_id.opportunity_id
            if len(opportunity) == 1:
                move.opportunity_id = opportunity
