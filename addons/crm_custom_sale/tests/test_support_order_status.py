# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Support follows customers' orders and invoices (their status), with Sales
installed, and still reads no opportunity through them."""

from lxml import etree

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged

from odoo.addons.crm_custom.tests.common import CrmRoleUsersMixin
from odoo.addons.sale.tests.common import SaleCommon


@tagged("post_install", "-at_install")
class TestSupportOrderStatus(CrmRoleUsersMixin, SaleCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.support = cls._new_role_user("support", "order_status_support")
        cls.deal = cls.env["crm.lead"].create(
            {"name": "Secret fleet deal", "type": "opportunity", "partner_id": cls.partner.id}
        )
        cls.order = cls.env["sale.order"].create(
            {
                "partner_id": cls.partner.id,
                "opportunity_id": cls.deal.id,
                "order_line": [
                    Command.create({"product_id": cls.product.id, "product_uom_qty": 1})
                ],
            }
        )
        cls.order.action_confirm()
        cls.invoice = cls.order._create_invoices()
        cls.invoice.action_post()

    def test_support_reads_the_status_of_orders_and_invoices(self):
        action = self.env.ref("crm_custom_sale.sale_order_action_crm_status")
        orders = (
            self.env["sale.order"]
            .with_user(self.support)
            .search([("partner_id", "child_of", self.partner.id)])
        )
        self.assertIn(self.order, orders)
        values = self.order.with_user(self.support).read(["state", "invoice_status"])[0]
        self.assertEqual(values["state"], "sale")
        self.assertEqual(values["invoice_status"], "invoiced")
        self.assertTrue(action.view_id)
        invoice = self.invoice.with_user(self.support)
        self.assertEqual(invoice.read(["state", "payment_state"])[0]["state"], "posted")
        with self.assertRaises(AccessError):
            self.order.with_user(self.support).write({"client_order_ref": "changed"})
        with self.assertRaises(AccessError):
            invoice.write({"ref": "changed"})

    def test_support_reads_no_opportunity_through_an_order(self):
        order = self.order.with_user(self.support)
        with self.assertRaises(AccessError):
            order.read(["opportunity_id"])
        self.assertNotIn("opportunity_id", order.fields_get())

    def test_the_contact_form_shows_support_the_status_buttons(self):
        arch = self.env["res.partner"].with_user(self.support).get_views([(False, "form")])
        form = etree.fromstring(arch["views"]["form"]["arch"])
        for xmlid in (
            "crm_custom_sale.sale_order_action_crm_status",
            "crm_custom.account_move_action_crm_status",
        ):
            action_id = str(self.env.ref(xmlid).id)
            self.assertTrue(form.xpath(f"//button[@name='{action_id}']"), xmlid)
