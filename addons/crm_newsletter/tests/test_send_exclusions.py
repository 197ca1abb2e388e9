# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from unittest.mock import patch

from odoo.tests import tagged

from odoo.addons.mass_mailing.models.mailing import MassMailing
from odoo.addons.mass_mailing.models.mailing_list import MassMailingList

from .common import NewsletterCase


@tagged("post_install", "-at_install")
class TestSendExclusions(NewsletterCase):
    """The exclusions of an issue's send are looked up per batch of mails, for
    the batch's emails only, with Odoo's rules: no whole list, opt-out list,
    blacklist or seen list read per batch (what made the memory and time of a
    send grow with the audience)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other_list = cls.env["mailing.list"].create({"name": "Second list"})
        Contact = cls.env["mailing.contact"]
        cls.opted_out = Contact.create(
            {"name": "Opted out", "email": "out@example.com",
             "subscription_ids": [(0, 0, {"list_id": cls.mailing_list.id, "opt_out": True})]}
        )  # fmt: skip
        # opted out of one list, still subscribed to the other: receives it
        cls.half_out = Contact.create(
            {"name": "Half out", "email": "Half@Example.com",
             "subscription_ids": [(0, 0, {"list_id": cls.mailing_list.id, "opt_out": True}),
                                  (0, 0, {"list_id": cls.other_list.id})]}
        )  # fmt: skip
        cls.blocked = Contact.create(
            {
                "name": "Blocked",
                "email": "blocked@example.com",
                "list_ids": [(4, cls.other_list.id)],
            }
        )
        cls.env["mail.blacklist"]._add("blocked@example.com")
        # the same address twice, in two lists: one mail
        cls.twice = Contact.create(
            [{"name": f"Twice {n}", "email": "twice@example.com",
              "list_ids": [(4, mailing_list.id)]}
             for n, mailing_list in enumerate((cls.mailing_list, cls.other_list))]
        )  # fmt: skip
        cls.env["ir.config_parameter"].sudo().set_param("mail.batch_size", 2)

    def _send(self):
        issue = self._issue(
            user=self.marketing,
            contact_list_ids=[(6, 0, (self.mailing_list | self.other_list).ids)],
        )
        issue.action_send()
        whole_list_reads = (
            patch.object(MassMailingList, "_mailing_get_opt_out_list", side_effect=AssertionError),
            patch.object(MassMailing, "_get_seen_list", side_effect=AssertionError),
        )
        with whole_list_reads[0], whole_list_reads[1]:
            issue.mailing_id.sudo()._process_mass_mailing_queue()
        return self.env["mailing.trace"].search([("mass_mailing_id", "=", issue.mailing_id.id)])

    def test_exclusions_per_batch(self):
        traces = self._send()
        by_status = {}
        for trace in traces:
            key = trace.failure_type if trace.trace_status == "cancel" else "outgoing"
            by_status.setdefault(key, []).append(trace.email)
        self.assertEqual(
            sorted(by_status["outgoing"]),
            ["half@example.com", "reader0@example.com", "reader1@example.com",
             "reader2@example.com", "twice@example.com"],
        )  # fmt: skip
        self.assertEqual(by_status["mail_optout"], ["out@example.com"])
        self.assertEqual(by_status["mail_bl"], ["blocked@example.com"])
        self.assertEqual(by_status["mail_dup"], ["twice@example.com"])
        self.assertEqual(len(traces), 8, "one trace per contact")

    def test_resumed_send_skips_emails_already_reached(self):
        issue = self._issue(user=self.marketing)
        issue.action_send()
        mailing = issue.mailing_id.sudo()
        mailing.action_send_mail(res_ids=self.contacts[:1].ids)
        # another contact of the same address joins before the send resumes
        self.env["mailing.contact"].create(
            {
                "name": "Same",
                "email": "reader0@example.com",
                "list_ids": [(4, self.mailing_list.id)],
            }
        )
        mailing.write({"state": "sending"})
        mailing._process_mass_mailing_queue()
        traces = self.env["mailing.trace"].search([("mass_mailing_id", "=", mailing.id)])
        reader0 = traces.filtered(lambda t: t.email == "reader0@example.com")
        self.assertEqual(len(reader0), 2, "a trace per contact")
        self.assertEqual(
            reader0.filtered(lambda t: t.trace_status == "cancel").failure_type, "mail_dup"
        )
