# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import tagged

from .common import TelephonyCase, call_event


@tagged("post_install", "-at_install")
class TestHistoryLanguage(TelephonyCase):
    """The call history line is written in the company's language, whoever
    the PBX events arrive as, with the number kept left to right."""

    def _history_of_a_missed_call(self, pbx_call_id):
        self.ingest(
            call_event(pbx_call_id, "ringing", caller_number="0912 111 2233", extension="7101")
        )
        self.ingest(call_event(pbx_call_id, "ended", extension="7101", state="missed"))
        messages = self.customer.message_ids.filtered(lambda m: "\u2066" in (m.body or ""))
        self.assertEqual(len(messages), 1)
        return messages.body

    def test_persian_company_reads_persian_history(self):
        self.env["res.lang"]._activate_lang("fa_IR")
        self.env.company.partner_id.lang = "fa_IR"
        body = self._history_of_a_missed_call("lang-1")
        self.assertIn("تماس ورودی از", body)
        self.assertRegex(body, "\u2066[+0-9 ]+\u2069")
        self.assertNotIn("Incoming call", body)

    def test_hebrew_company_reads_hebrew_history(self):
        self.env["res.lang"]._activate_lang("he_IL")
        self.env.company.partner_id.lang = "he_IL"
        self.assertIn("שיחה נכנסת מ-", self._history_of_a_missed_call("lang-2"))
