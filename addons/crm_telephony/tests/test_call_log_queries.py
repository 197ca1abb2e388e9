# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The call lists cost the same number of queries for a few calls as for many."""

from odoo.tests import tagged

from .common import TelephonyCase, call_event

LIST_FIELDS = {
    "name": {},
    "started_at": {},
    "state": {},
    "direction": {},
    "duration": {},
    "called_back": {},
    "agent_id": {"fields": {"display_name": {}}},
    "partner_id": {"fields": {"display_name": {}}},
}
# The "Unanswered, Not Called Back" menu: not answered, no later call out.
NOT_CALLED_BACK = [("state", "!=", "answered"), ("called_back", "=", False)]


@tagged("post_install", "-at_install")
class TestCallLogQueries(TelephonyCase):
    def _missed_calls(self, start, count):
        self.ingest(
            *(
                call_event(
                    f"q-{n}",
                    "ended",
                    caller_number=f"+98912555{n:04d}",
                    extension="7101",
                    state="missed",
                )
                for n in range(start, start + count)
            )
        )

    def _read_list(self, domain):
        self.env.invalidate_all()
        calls = self.env["crm.phone.call"].with_user(self.agent)
        return calls.web_search_read(domain, LIST_FIELDS)

    def _queries_of_list(self, domain):
        before = self.env.cr.sql_log_count
        self._read_list(domain)
        return self.env.cr.sql_log_count - before

    def test_unanswered_list_in_constant_queries(self):
        self._missed_calls(0, 2)
        self._read_list(NOT_CALLED_BACK)  # warm the caches of rules and views
        few = self._queries_of_list(NOT_CALLED_BACK)
        self._missed_calls(2, 28)
        with self.assertQueryCount(few):
            result = self._read_list(NOT_CALLED_BACK)
        self.assertEqual(result["length"], 30)

    def test_my_calls_in_constant_queries(self):
        self._missed_calls(0, 2)
        domain = [("agent_id", "=", self.agent.id)]
        self._read_list(domain)
        few = self._queries_of_list(domain)
        self._missed_calls(2, 28)
        with self.assertQueryCount(few):
            result = self._read_list(domain)
        self.assertEqual(result["length"], 30)
