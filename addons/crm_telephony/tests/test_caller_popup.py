# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""What the caller popup says, for the agent who reads it."""

from odoo.tests import tagged

from .common import TelephonyCase, call_event


@tagged("post_install", "-at_install")
class TestCallerPopupPayload(TelephonyCase):
    def _ring(self, call_id, number="+989121112233"):
        self.ingest(call_event(call_id, "ringing", caller_number=number, extension="7101"))
        return self.call_of(call_id)

    def test_last_call_in_the_agents_time_zone_and_language(self):
        self.ingest(
            call_event(
                "pop-old",
                "ended",
                caller_number="+989121112233",
                state="missed",
                started_at="2026-11-22T15:00:00Z",
            )
        )
        call = self._ring("pop-new")
        self.agent.write({"tz": "Asia/Tehran", "lang": "en_US"})
        when = call._crm_popup_payload(self.agent)["last_calls"][0]["when"]
        self.assertIn("6:30", when, "15:00 UTC is 18:30 in Tehran")
        self.assertNotIn("UTC", when)
        self.assertNotIn("15:00", when)
        self.env["res.lang"]._activate_lang("fa_IR")
        self.agent.lang = "fa_IR"
        persian = call._crm_popup_payload(self.agent)["last_calls"][0]["when"]
        self.assertNotEqual(persian, when)
        self.assertTrue(any("\u06f0" <= ch <= "\u06f9" for ch in persian) or "18:30" in persian)

    def test_company_calling_is_named_once(self):
        company = self.env["res.partner"].create(
            {"name": "Pars Trading", "is_company": True, "phone": "+98 21 8888 7777"}
        )
        call = self._ring("pop-company", "+982188887777")
        payload = call._crm_popup_payload(self.agent)
        self.assertEqual(payload["caller_name"], company.name)
        self.assertEqual(payload["company"], "", "not repeated in the body")
        # A person of the company: his name in the title, the company in the body.
        self.customer.parent_id = company
        payload = self._ring("pop-person")._crm_popup_payload(self.agent)
        self.assertEqual(
            (payload["caller_name"], payload["company"]), ("Reza Karimi", "Pars Trading")
        )
