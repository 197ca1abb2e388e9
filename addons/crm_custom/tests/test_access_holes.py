# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Holes of the access audit, each tried as the user who found it: the
opportunity of an invoice and of a meeting, contacts' custom fields, campaign
costs and the drafts of Log Customer Event."""

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from odoo.addons.account.tests.common import AccountTestInvoicingCommon

from .common import CrmRolesCase, CrmRoleUsersMixin, ForgetsCustomFieldsMixin


@tagged("post_install", "-at_install")
class TestInvoiceOpportunityIsInternal(CrmRoleUsersMixin, AccountTestInvoicingCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        company = cls.company_data["company"]
        cls.portal = new_test_user(
            cls.env,
            login="holes_portal",
            groups="base.group_portal",
            company_id=company.id,
            company_ids=[Command.set(company.ids)],
        )
        opportunity = cls.env["crm.lead"].create(
            {"name": "Internal codename Falcon", "type": "opportunity", "company_id": company.id}
        )
        cls.invoice = cls.init_invoice(
            "out_invoice", partner=cls.portal.partner_id, amounts=[100], post=True
        )
        cls.invoice.opportunity_id = opportunity
        cls.support = cls._new_role_user("support", "holes_support", company)

    def test_portal_customer_reads_his_invoice_not_its_opportunity(self):
        invoice = self.invoice.with_user(self.portal)
        self.assertEqual(invoice.read(["name"])[0]["name"], self.invoice.name)
        self.assertNotIn("opportunity_id", invoice.fields_get())
        with self.assertRaises(AccessError):
            invoice.read(["opportunity_id"])
        with self.assertRaises(AccessError):
            self.env["account.move"].with_user(self.portal).read_group(
                [], ["amount_total:sum"], ["opportunity_id"]
            )
        with self.assertRaises(AccessError):
            self.env["account.move"].with_user(self.portal).search(
                [("opportunity_id.name", "ilike", "Falcon")]
            )

    def test_support_reads_the_status_of_customer_invoices(self):
        invoice = self.invoice.with_user(self.support)
        values = invoice.read(["state", "payment_state"])[0]
        self.assertEqual((values["state"], values["payment_state"]), ("posted", "not_paid"))
        action = self.env.ref("crm_custom.account_move_action_crm_status")
        found = self.env["account.move"].with_user(self.support).search(
            [("move_type", "in", ("out_invoice", "out_refund")),
             ("commercial_partner_id", "=", self.portal.partner_id.id)]
        )  # fmt: skip
        self.assertEqual(found, self.invoice)
        self.assertEqual(action.res_model, "account.move")
        with self.assertRaises(AccessError):
            invoice.write({"ref": "changed"})
        with self.assertRaises(AccessError):
            self.env["account.move"].with_user(self.support).create({"move_type": "out_invoice"})
        bill = self.init_invoice("in_invoice", amounts=[50], post=True)
        with self.assertRaises(AccessError):
            bill.with_user(self.support).read(["state"])
        with self.assertRaises(AccessError):
            invoice.read(["opportunity_id"])


@tagged("post_install", "-at_install")
class TestAccessHoles(ForgetsCustomFieldsMixin, CrmRolesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.portal = new_test_user(cls.env, login="holes_portal_user", groups="base.group_portal")

    # Meetings: Support may not read opportunities, not even their names.
    def test_support_does_not_read_the_opportunity_of_a_meeting(self):
        meeting = self.env["calendar.event"].create(
            {
                "name": "Contract review",
                "start": "2026-12-02 10:00:00",
                "stop": "2026-12-02 11:00:00",
                "opportunity_id": self.own_lead.id,
                "partner_ids": [Command.link(self.support.partner_id.id)],
                "user_id": self.support.id,
            }
        )
        as_support = meeting.with_user(self.support)
        self.assertEqual(as_support.read(["name"])[0]["name"], "Contract review")
        self.assertNotIn("opportunity_id", as_support.read()[0])
        with self.assertRaises(AccessError):
            as_support.read(["opportunity_id"])
        with self.assertRaises(AccessError):
            as_support.web_read({"opportunity_id": {"fields": {"display_name": {}}}})
        self.assertNotIn("opportunity_id", as_support.fields_get())
        for user in (self.salesperson, self.accountant):
            with self.subTest(user=user.login):
                values = meeting.with_user(user).read(["opportunity_id"])[0]
                self.assertEqual(values["opportunity_id"][0], self.own_lead.id)

    # Contacts' custom fields are internal unless made visible to the customer.
    def _contact_field(self, technical_name, **values):
        return (
            self.env["crm.custom.field"]
            .with_user(self.configurator)
            .create(
                {
                    "name": technical_name.replace("x_", "").title(),
                    "technical_name": technical_name,
                    "model": "res.partner",
                    "field_type": "char",
                    **values,
                }
            )
        )

    def test_contact_custom_fields_are_internal_by_default(self):
        self._contact_field("x_credit_note")
        self._contact_field("x_club_card", customer_visible=True)
        partner = self.portal.partner_id
        partner.write({"x_credit_note": "slow payer", "x_club_card": "GOLD-17"})
        mine = partner.with_user(self.portal)
        self.assertEqual(mine.read(["x_club_card"])[0]["x_club_card"], "GOLD-17")
        with self.assertRaises(AccessError):
            mine.read(["x_credit_note"])
        self.assertNotIn("x_credit_note", mine.fields_get())
        self.assertIn("x_club_card", mine.fields_get())
        # Internal users read and write it.
        as_support = partner.with_user(self.support)
        self.assertEqual(as_support.read(["x_credit_note"])[0]["x_credit_note"], "slow payer")
        as_support.write({"x_credit_note": "pays on time"})

    def test_making_a_contact_field_visible_later(self):
        definition = self._contact_field("x_loyalty")
        self.portal.partner_id.x_loyalty = "silver"
        with self.assertRaises(AccessError):
            self.portal.partner_id.with_user(self.portal).read(["x_loyalty"])
        definition.with_user(self.configurator).customer_visible = True
        values = self.portal.partner_id.with_user(self.portal).read(["x_loyalty"])[0]
        self.assertEqual(values["x_loyalty"], "silver")

    # Campaign figures feed the ROI report: marketing and managers only.
    def test_campaign_cost_set_by_marketing_and_managers_only(self):
        campaign = (
            self.env["utm.campaign"]
            .with_user(self.marketing)
            .create({"name": "Book fair", "crm_budget": 500, "crm_actual_cost": 450})
        )
        campaign.with_user(self.sales_manager).write({"crm_actual_cost": 480})
        for user in (self.salesperson, self.support, self.accountant):
            with self.subTest(user=user.login):
                as_user = campaign.with_user(user)
                self.assertFalse(as_user.crm_can_edit_cost)
                with self.assertRaises(AccessError):
                    as_user.write({"crm_actual_cost": 1})
                with self.assertRaises(AccessError):
                    as_user.write({"crm_budget": 1})
                with self.assertRaises(AccessError):
                    self.env["utm.campaign"].with_user(user).create(
                        {"name": "Cheap", "crm_actual_cost": 1}
                    )
        self.assertEqual(campaign.crm_actual_cost, 480)
        # Other fields stay theirs to change, and the cost readable.
        self.env["utm.campaign"].with_user(self.salesperson).create({"name": "Walk-ins"})
        campaign.with_user(self.salesperson).write({"name": "Book fair 2026"})
        self.assertEqual(campaign.with_user(self.salesperson).crm_actual_cost, 480)
        self.assertTrue(campaign.with_user(self.marketing).crm_can_edit_cost)

    # Drafts of Log Customer Event belong to their author.
    def test_event_log_drafts_are_their_authors(self):
        self._set_lead_visibility("all")
        draft = (
            self.env["crm.customer.event.log"]
            .with_user(self.salesperson)
            .create({"res_model": "crm.lead", "res_id": self.own_lead.id, "body": "Parcel posted"})
        )
        self.assertEqual(draft.with_user(self.salesperson).body, "Parcel posted")
        other = draft.with_user(self.other_salesperson)
        with self.assertRaises(AccessError):
            other.read(["body"])
        with self.assertRaises(AccessError):
            other.write({"body": "Parcel lost"})
        with self.assertRaises(AccessError):
            other.action_log()
        self.assertFalse(
            self.env["crm.customer.event.log"].with_user(self.other_salesperson).search([])
        )
        draft.with_user(self.salesperson).action_log()
        self.assertIn("Parcel posted", self.own_lead.message_ids[0].body)
