# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Checks across the four addons of the suite, run against the installed database."""

from odoo.tests import tagged
from odoo.tests.common import TransactionCase

SUITE = ("crm_custom", "crm_telephony", "crm_portal", "crm_newsletter")


@tagged("post_install", "-at_install")
class TestSuiteIntegrity(TransactionCase):
    # Outside an addon, Odoo's test metaclass cannot derive the module name.
    test_module = "crm_suite"
    test_class = "TestSuiteIntegrity"

    def test_the_four_addons_are_installed_as_released(self):
        modules = self.env["ir.module.module"].search([("name", "in", SUITE)])
        self.assertEqual(set(modules.mapped("name")), set(SUITE))
        for module in modules:
            self.assertEqual(module.state, "installed", module.name)
            self.assertEqual(module.license, "LGPL-3", module.name)
            self.assertTrue(module.latest_version.startswith("18.0."), module.name)

    def test_every_model_of_ours_has_access_rules(self):
        """A model without an access rule is unusable, or worse, forgotten."""
        model_xmlids = self.env["ir.model.data"].search(
            [("module", "in", SUITE), ("model", "=", "ir.model")]
        )
        models = self.env["ir.model"].browse(model_xmlids.mapped("res_id"))
        for model in models:
            if self.env[model.model]._abstract:
                continue
            with self.subTest(model=model.model):
                self.assertTrue(model.access_ids, f"{model.model} has no ir.model.access rule")

    def test_roles_imply_odoo_groups_only_through_links(self):
        roles = self.env["res.groups"].search(
            [("category_id", "=", self.env.ref("crm_custom.module_category_crm_roles").id)]
        )
        self.assertGreaterEqual(len(roles), 7)
        for role in roles:
            with self.subTest(role=role.name):
                self.assertTrue(role.trans_implied_ids, f"{role.name} implies no Odoo group")
                self.assertIn(self.env.ref("base.group_user"), role.trans_implied_ids)

    def test_demo_users_hold_their_roles(self):
        expected = {
            "marketing": "crm_custom.group_crm_marketing",
            "sales": "crm_custom.group_crm_sales_user",
            "sales_manager": "crm_custom.group_crm_sales_manager",
            "support": "crm_custom.group_crm_support",
            "accountant": "crm_custom.group_crm_accountant",
            "configurator": "crm_custom.group_crm_configurator",
        }
        users = self.env["res.users"].search([("login", "in", list(expected))])
        if not users:
            self.skipTest("the database was installed without demo data")
        for user in users:
            with self.subTest(login=user.login):
                self.assertTrue(user.has_group(expected[user.login]))
