# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The access matrix of the roles, tried as real users of each group."""

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import CrmRolesCase


@tagged("post_install", "-at_install")
class TestAccessRoles(CrmRolesCase):
    # Marketing: campaigns, no invoices.
    def test_marketing_manages_campaigns(self):
        campaign = (
            self.env["utm.campaign"].with_user(self.marketing).create({"name": "Spring exhibition"})
        )
        campaign.write({"name": "Spring exhibition 2026"})
        campaign.unlink()
        self.assertFalse(campaign.exists())

    def test_marketing_cannot_read_invoices(self):
        with self.assertRaises(AccessError):
            self.env["account.move"].with_user(self.marketing).search([])

    # Sales: pipeline and leads, no payment status.
    def test_salesperson_works_own_leads(self):
        lead = self.own_lead.with_user(self.salesperson)
        lead.write({"expected_revenue": 1200})
        new_lead = (
            self.env["crm.lead"]
            .with_user(self.salesperson)
            .create({"name": "Fresh lead", "team_id": self.team.id})
        )
        self.assertEqual(new_lead.user_id, self.salesperson)
        self.assertEqual(lead.expected_revenue, 1200)

    def test_salesperson_cannot_touch_invoices(self):
        Move = self.env["account.move"].with_user(self.salesperson)
        # Odoo's Sales app lets salespeople read the invoices of their orders.
        if self.env["ir.module.module"]._get("sale").state != "installed":
            with self.assertRaises(AccessError):
                Move.search([])
        with self.assertRaises(AccessError):
            Move.create({"move_type": "out_invoice", "partner_id": self.customer.id})
        invoice = self.env["account.move"].create(
            {"move_type": "out_invoice", "partner_id": self.customer.id}
        )
        with self.assertRaises(AccessError):
            invoice.with_user(self.salesperson).write({"payment_state": "paid"})

    def test_salesperson_cannot_configure_stages(self):
        stage = self.env["crm.stage"].search([], limit=1)
        with self.assertRaises(AccessError):
            stage.with_user(self.salesperson).write({"name": "Renamed"})

    # Support: contacts, never leads.
    def test_support_manages_contacts(self):
        partner = (
            self.env["res.partner"]
            .with_user(self.support)
            .create({"name": "Walk-in customer", "phone": "+98 912 000 0000"})
        )
        partner.write({"email": "walk-in@example.com"})
        self.assertEqual(partner.email, "walk-in@example.com")

    def test_support_cannot_read_leads(self):
        with self.assertRaises(AccessError):
            self.env["crm.lead"].with_user(self.support).search([])
        with self.assertRaises(AccessError):
            self.own_lead.with_user(self.support).read(["name"])

    # Accountant: the whole pipeline, read-only.
    def test_accountant_reads_the_pipeline(self):
        leads = self.visible_leads(self.accountant)
        self.assertEqual(
            leads, self.own_lead | self.teammate_lead | self.foreign_lead | self.unassigned_lead
        )
        self.own_lead.tag_ids = self.env["crm.tag"].create({"name": "Committee review"})
        self.env.invalidate_all()  # read through the access checks, not the cache
        lead = self.own_lead.with_user(self.accountant)
        self.assertEqual(lead.tag_ids.mapped("name"), ["Committee review"])
        self.assertTrue(lead.stage_id.name)

    def test_accountant_cannot_change_the_pipeline(self):
        with self.assertRaises(AccessError):
            self.own_lead.with_user(self.accountant).write({"name": "Changed"})
        with self.assertRaises(AccessError):
            self.env["crm.lead"].with_user(self.accountant).create({"name": "New"})
        with self.assertRaises(AccessError):
            self.own_lead.with_user(self.accountant).unlink()

    # Managers and configurators.
    def test_sales_manager_sees_every_lead(self):
        self.assertEqual(len(self.visible_leads(self.sales_manager)), 4)

    def test_configurator_configures_stages(self):
        stage = (
            self.env["crm.stage"]
            .with_user(self.configurator)
            .create({"name": "Contract re-review"})
        )
        stage.write({"sequence": 42})
        self.assertEqual(stage.sequence, 42)

    def test_roles_are_built_on_odoo_groups(self):
        self.assertTrue(self.salesperson.has_group("sales_team.group_sale_salesman"))
        self.assertTrue(self.sales_manager.has_group("sales_team.group_sale_manager"))
        self.assertTrue(self.sales_manager.has_group("crm_custom.group_crm_tag_moderator"))
        self.assertTrue(self.accountant.has_group("account.group_account_invoice"))
        self.assertTrue(self.support.has_group("base.group_partner_manager"))
        self.assertFalse(self.support.has_group("sales_team.group_sale_salesman"))
        self.assertFalse(self.marketing.has_group("account.group_account_invoice"))
