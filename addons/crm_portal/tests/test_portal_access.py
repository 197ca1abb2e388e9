# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install", "crm_suite_http")
class TestPortalAccess(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer_user = new_test_user(
            cls.env, login="portal_customer_test", groups="base.group_portal"
        )

    def test_customer_reaches_the_portal(self):
        self.authenticate("portal_customer_test", "portal_customer_test")
        response = self.url_open("/my")
        self.assertEqual(response.status_code, 200)
        self.assertIn("portal_customer_test", response.text)

    def test_anonymous_visitor_is_sent_to_login(self):
        response = self.url_open("/my", allow_redirects=False)
        self.assertEqual(response.status_code, 303)
        self.assertIn("/web/login", response.headers["Location"])

    def test_customer_cannot_read_leads(self):
        with self.assertRaises(AccessError):
            self.env["crm.lead"].with_user(self.customer_user).search([])
