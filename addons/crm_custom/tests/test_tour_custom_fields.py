# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import HttpCase, new_test_user, tagged

from .common import ForgetsCustomFieldsMixin


@tagged("post_install", "-at_install", "crm_suite_http")
class TestCustomFieldTours(ForgetsCustomFieldsMixin, HttpCase):
    def test_consultant_defines_and_salesperson_filters(self):
        new_test_user(
            self.env, login="tour_configurator", groups="crm_custom.group_crm_configurator"
        )
        salesperson = new_test_user(
            self.env, login="tour_salesperson_cf", groups="crm_custom.group_crm_sales_user"
        )
        for name in ("Tour: exhibition lead", "Tour: website lead"):
            self.env["crm.lead"].create(
                {"name": name, "type": "opportunity", "user_id": salesperson.id}
            )

        self.start_tour("/odoo", "crm_custom_consultant_creates_field", login="tour_configurator")
        definition = self.env["crm.custom.field"].search([("technical_name", "=", "x_tour_source")])
        self.assertEqual(definition.option_ids.mapped("value"), ["trade_fair", "website"])

        self.start_tour(
            "/odoo", "crm_custom_salesperson_uses_custom_field", login="tour_salesperson_cf"
        )
        lead = self.env["crm.lead"].search([("name", "=", "Tour: exhibition lead")])
        self.assertEqual(lead.x_tour_source, "trade_fair")
