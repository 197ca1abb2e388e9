# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import datetime, timedelta

from odoo.tests import tagged

from odoo.addons.crm_custom.tests.common import CrmRolesCase


@tagged("post_install", "-at_install")
class TestSaleSegment(CrmRolesCase):
    """With Sales, the purchase rules read confirmed sales orders."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.buyer = Partner.create({"name": "Buyer", "email": "buyer@example.com"})
        cls.quoted = Partner.create({"name": "Quoted", "email": "quoted@example.com"})
        cls.invoiced = Partner.create({"name": "Invoiced", "email": "invoiced@example.com"})
        cls.product = cls.env["product.product"].create({"name": "Router", "list_price": 70})
        cls._order(cls.buyer, confirm=True, days_ago=3)
        cls._order(cls.buyer, confirm=True, days_ago=90)
        cls._order(cls.quoted, confirm=False, days_ago=1)
        invoice = cls.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": cls.invoiced.id,
                "invoice_line_ids": [(0, 0, {"product_id": cls.product.id, "price_unit": 70})],
            }
        )
        invoice.action_post()
        cls.probes = cls.buyer | cls.quoted | cls.invoiced

    @classmethod
    def _order(cls, partner, confirm, days_ago):
        order = cls.env["sale.order"].create(
            {
                "partner_id": partner.id,
                "order_line": [(0, 0, {"product_id": cls.product.id, "product_uom_qty": 1,
                                       "price_unit": 70, "tax_id": [(6, 0, [])]})],
            }
        )  # fmt: skip
        if confirm:
            order.action_confirm()
            order.date_order = datetime.now() - timedelta(days=days_ago)
        return order

    def _eligible(self, rule):
        segment = (
            self.env["crm.newsletter.segment"]
            .with_user(self.marketing)
            .create({"name": "Sales rule", "rule_ids": [(0, 0, rule)]})
        )
        ids = set(segment._eligible_partner_ids()) & set(self.probes.ids)
        return self.env["res.partner"].browse(sorted(ids))

    def test_confirmed_orders_are_the_purchases(self):
        self.assertEqual(
            self._eligible({"kind": "product", "product_ids": [(6, 0, self.product.ids)]}),
            self.buyer,
            "a quotation is not a purchase, and invoices are not read with Sales",
        )
        self.assertEqual(self._eligible({"kind": "orders", "value": 2}), self.buyer)
        self.assertEqual(self._eligible({"kind": "spent", "value": 100}), self.buyer)
        self.assertEqual(self._eligible({"kind": "recent", "value": 30}), self.buyer)
        self.assertFalse(self._eligible({"kind": "lapsed", "value": 30}))
        self.assertEqual(self._eligible({"kind": "lapsed", "value": 2}), self.buyer)
