# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged

from .common import PortalRolesCase


@tagged("post_install", "-at_install", "crm_suite_http")
class TestPortalAccess(PortalRolesCase, HttpCase):
    """The customer of PortalRolesCase (club_customer) and a visitor."""

    def test_customer_reaches_the_portal(self):
        self.authenticate("club_customer", "club_customer")
        response = self.url_open("/my")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Club Customer", response.text)

    def test_anonymous_visitor_is_sent_to_login(self):
        response = self.url_open("/my", allow_redirects=False)
        self.assertEqual(response.status_code, 303)
        self.assertIn("/web/login", response.headers["Location"])

    def test_customer_cannot_read_leads(self):
        with self.assertRaises(AccessError):
            self.env["crm.lead"].with_user(self.customer_user).search([])
