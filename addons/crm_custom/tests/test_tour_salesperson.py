# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install", "crm_suite_http")
class TestSalespersonTour(HttpCase):
    def test_salesperson_opens_a_lead(self):
        salesperson = new_test_user(
            self.env, login="tour_salesperson", groups="crm_custom.group_crm_sales_user"
        )
        self.env["crm.lead"].create(
            {
                "name": "Tour: Galil Logistics rollout",
                "type": "opportunity",
                "user_id": salesperson.id,
                "partner_id": self.env["res.partner"].create({"name": "Tour Customer"}).id,
            }
        )
        self.start_tour("/odoo", "crm_custom_salesperson_opens_lead", login="tour_salesperson")
