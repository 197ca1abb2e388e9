# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import HttpCase, tagged

from odoo.addons.crm_portal.tests.common import PortalDataMixin, PortalRolesCase


@tagged("post_install", "-at_install")
class TestRequestSaleOrder(PortalRolesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.order = cls.env["sale.order"].create({"partner_id": cls.customer.id})
        cls.request.sale_order_id = cls.order

    def test_support_sees_the_order_state_not_the_order(self):
        request = self.request.with_user(self.support)
        self.assertEqual(request.sale_order_state, "draft")
        self.assertEqual(request.sale_order_name, self.order.name)
        with self.assertRaises(AccessError):
            request.read(["sale_order_id"])

    def test_order_of_another_customer_is_refused(self):
        other_order = self.env["sale.order"].create({"partner_id": self.other_customer.id})
        with self.assertRaises(ValidationError):
            self.request.sale_order_id = other_order


@tagged("post_install", "-at_install", "crm_suite_http")
class TestRequestSaleOrderPortal(PortalDataMixin, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.salesperson = cls.env.ref("base.user_admin")
        cls._setup_portal_data()
        cls.order = cls.env["sale.order"].create({"partner_id": cls.customer.id})
        cls.order.action_confirm()
        cls.request.sale_order_id = cls.order

    def test_request_page_shows_the_order_state(self):
        self.authenticate("club_customer", "club_customer")
        page = self.url_open(f"/my/requests/{self.request.id}")
        self.assertIn("o_crm_portal_order_state", page.text)
        self.assertIn(self.order.name, page.text)
        self.assertIn(f"/my/orders/{self.order.id}", page.text)
