# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Invoices made from the orders of an opportunity are linked to it."""

from odoo import Command
from odoo.tests import tagged

from odoo.addons.crm_custom.tests.common import CrmRoleUsersMixin
from odoo.addons.sale.tests.common import SaleCommon


@tagged("post_install", "-at_install")
class TestSaleInvoiceLink(CrmRoleUsersMixin, SaleCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.salesperson = cls._new_role_user(
            "salesperson",
            "sale_link_salesperson",
            extra_groups=["sales_team.group_sale_salesman_all_leads"],
        )
        cls.deal, cls.other_deal = cls.env["crm.lead"].create(
            [
                {"name": name, "type": "opportunity", "partner_id": cls.partner.id}
                for name in ("Fleet renewal", "Spare parts")
            ]
        )

    def _order(self, opportunity, quantity=2.0):
        order = self.env["sale.order"].create(
            {
                "partner_id": self.partner.id,
                "opportunity_id": opportunity.id,
                "order_line": [
                    Command.create({"product_id": self.product.id, "product_uom_qty": quantity})
                ],
            }
        )
        order.action_confirm()
        return order

    def test_invoice_of_an_order_is_linked_and_counted(self):
        order = self._order(self.deal)
        invoice = order._create_invoices()
        self.assertEqual(invoice.opportunity_id, self.deal)
        invoice.action_post()
        self.deal.invalidate_recordset()
        self.assertEqual(self.deal.invoiced_amount, invoice.amount_total)
        self.assertEqual(self.deal.invoice_count, 1)

    def test_salesperson_invoicing_from_the_wizard_links_the_invoice(self):
        order = self._order(self.deal).with_user(self.salesperson)
        wizard = (
            self.env["sale.advance.payment.inv"]
            .with_user(self.salesperson)
            .with_context(active_model="sale.order", active_ids=order.ids)
            .create({"advance_payment_method": "percentage", "amount": 30})
        )
        wizard.create_invoices()
        self.assertEqual(order.sudo().invoice_ids.opportunity_id, self.deal)

    def test_one_invoice_for_orders_of_two_opportunities_is_not_guessed(self):
        orders = self._order(self.deal) | self._order(self.other_deal)
        invoice = orders._create_invoices()
        self.assertEqual(len(invoice), 1, "grouped per customer")
        self.assertFalse(invoice.opportunity_id)

    def test_orders_of_one_opportunity_invoiced_together(self):
        orders = self._order(self.deal) | self._order(self.deal, quantity=1)
        self.assertEqual(orders._create_invoices().opportunity_id, self.deal)

    def test_a_link_set_by_the_accountant_is_kept(self):
        order = self._order(self.deal)
        invoice = (
            self.env["account.move"]
            .with_context(default_move_type="out_invoice")
            .create(
                {
                    "partner_id": self.partner.id,
                    "opportunity_id": self.other_deal.id,
                    "invoice_line_ids": [
                        Command.create(
                            {
                                "product_id": self.product.id,
                                "sale_line_ids": [Command.link(order.order_line.id)],
                            }
                        )
                    ],
                }
            )
        )
        self.assertEqual(invoice.opportunity_id, self.other_deal)
