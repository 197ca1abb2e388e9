# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Accountants link invoices to opportunities; salespeople see the amounts only."""

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import Form, tagged

from odoo.addons.account.tests.common import AccountTestInvoicingCommon

from .common import CrmRoleUsersMixin


class InvoiceLinkCase(CrmRoleUsersMixin, AccountTestInvoicingCommon):
    """An accountant and a salesperson of the invoicing test company."""

    _login_prefix = "link"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        company = cls.company_data["company"]
        prefix = cls._login_prefix
        cls.accountant = cls._new_role_user("accountant", f"{prefix}_accountant", company)
        cls.salesperson = cls._new_role_user("salesperson", f"{prefix}_salesperson", company)

    @classmethod
    def _opportunity(cls, name, **values):
        return cls.env["crm.lead"].create(
            {
                "name": name,
                "type": "opportunity",
                "partner_id": cls.partner_a.id,
                "company_id": cls.company_data["company"].id,
                **values,
            }
        )


@tagged("post_install", "-at_install")
class TestInvoiceLink(InvoiceLinkCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.opportunity = cls._opportunity("Invoiced deal", user_id=cls.salesperson.id)

    def _accountant_invoice(self, amount):
        invoice = (
            self.env["account.move"]
            .with_user(self.accountant)
            .create(
                {
                    "move_type": "out_invoice",
                    "partner_id": self.partner_a.id,
                    "opportunity_id": self.opportunity.id,
                    "invoice_line_ids": [
                        Command.create(
                            {
                                "name": "CRM rollout",
                                "quantity": 1,
                                "price_unit": amount,
                                "tax_ids": [],
                            }
                        )
                    ],
                }
            )
        )
        invoice.action_post()
        return invoice

    def test_accountant_links_and_salesperson_sees_amounts(self):
        invoice = self._accountant_invoice(1000)
        self._accountant_invoice(500)
        self.env["account.payment.register"].with_context(
            active_model="account.move", active_ids=invoice.ids
        ).create({"amount": 400}).action_create_payments()

        lead = self.opportunity.with_user(self.salesperson)
        lead.invalidate_recordset()
        self.assertEqual(lead.invoice_count, 2)
        self.assertAlmostEqual(lead.invoiced_amount, 1500)
        self.assertAlmostEqual(lead.paid_amount, 400)

    def test_salesperson_cannot_change_payment_status(self):
        invoice = self._accountant_invoice(300)
        with self.assertRaises(AccessError):
            invoice.with_user(self.salesperson).write({"payment_state": "paid"})
        with self.assertRaises(AccessError):
            invoice.with_user(self.salesperson).write({"opportunity_id": False})

    def test_accountant_relinks_invoice(self):
        invoice = self._accountant_invoice(250)
        other = self.env["crm.lead"].create(
            {"name": "Other deal", "type": "opportunity", "partner_id": self.partner_a.id}
        )
        invoice.with_user(self.accountant).write({"opportunity_id": other.id})
        self.assertEqual(other.invoiced_amount, 250)
        self.assertEqual(self.opportunity.invoice_count, 0)


@tagged("post_install", "-at_install")
class TestLinkInvoiceFromOpportunity(InvoiceLinkCase):
    """The accountant links an existing invoice from the opportunity."""

    _login_prefix = "link_invoice"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.deal = cls._opportunity("Deal to invoice")
        cls.invoice = cls.init_invoice("out_invoice", partner=cls.partner_a, amounts=[400])

    def test_accountant_links_an_invoice(self):
        wizard = Form(
            self.env["crm.lead.invoice.link"]
            .with_user(self.accountant)
            .with_context(default_lead_id=self.deal.id)
        )
        wizard.invoice_id = self.invoice
        wizard.save().action_link()
        self.assertEqual(self.invoice.opportunity_id, self.deal)

    def test_salesperson_cannot_link(self):
        with self.assertRaises(AccessError):
            self.env["crm.lead.invoice.link"].with_user(self.salesperson).create(
                {"lead_id": self.deal.id, "invoice_id": self.invoice.id}
            )
