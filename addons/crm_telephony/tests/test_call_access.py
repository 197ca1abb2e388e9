# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.exceptions import AccessError
from odoo.tests import tagged

from odoo.addons.crm_custom.tests.common import CrmRolesCase

from .common import TelephonyCase, call_event, ingest


@tagged("post_install", "-at_install")
class TestCallAccess(TelephonyCase, CrmRolesCase):
    """The calls each role reads: the role users are crm_custom's (CrmRolesCase);
    the team, customer and lead the calls are about are the telephony ones."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # A salesperson of another team, and the sales manager.
        cls.outsider, cls.manager = cls.outsider_salesperson, cls.sales_manager
        ingest(
            cls.env,
            call_event(
                "acc-own",
                "ended",
                caller_number="+989121112233",
                extension="7101",
                state="answered",
                duration=5,
            ),
            call_event(
                "acc-other",
                "ended",
                caller_number="+79120000000",
                extension="7102",
                state="answered",
                duration=5,
            ),
        )
        Call = cls.env["crm.phone.call"].sudo()
        cls.own_call = Call.search([("pbx_call_id", "=", "acc-own")])
        cls.other_call = Call.search([("pbx_call_id", "=", "acc-other")])

    def _visible(self, user):
        probes = (self.own_call | self.other_call).ids
        return self.env["crm.phone.call"].with_user(user).search([("id", "in", probes)])

    def test_salesperson_sees_only_his_calls(self):
        self.assertEqual(self._visible(self.agent), self.own_call)
        self.assertEqual(self._visible(self.outsider), self.env["crm.phone.call"])
        with self.assertRaises(AccessError):
            self.other_call.with_user(self.agent).read(["state"])

    def test_salesperson_sees_calls_of_his_leads(self):
        self.own_call.sudo().agent_id = self.other_agent
        self.assertEqual(self._visible(self.agent), self.own_call, "lead owner still sees it")

    def test_manager_sees_every_call(self):
        self.assertEqual(self._visible(self.manager), self.own_call | self.other_call)

    def test_support_sees_calls_but_not_leads(self):
        calls = self._visible(self.support)
        self.assertEqual(calls, self.own_call | self.other_call)
        self.assertNotIn("lead_id", calls.fields_get())
        values = calls.read(["name", "state", "partner_id", "duration"])
        self.assertEqual(len(values), 2)
        # The views and the partner's smart button work for support.
        self.env["crm.phone.call"].with_user(self.support).get_views(
            [
                (False, "list"),
                (False, "form"),
                (False, "pivot"),
                (False, "graph"),
                (False, "search"),
            ]
        )
        self.assertEqual(self.customer.with_user(self.support).crm_phone_call_count, 1)
        with self.assertRaises(AccessError):
            self.env["crm.lead"].with_user(self.support).browse(self.lead.id).read(["name"])

    def test_accountant_sees_no_calls(self):
        with self.assertRaises(AccessError):
            self.env["crm.phone.call"].with_user(self.accountant).search([])

    def test_event_ledger_and_keys_are_not_for_salespeople(self):
        with self.assertRaises(AccessError):
            self.env["crm.phone.call.event"].with_user(self.agent).search([])
        with self.assertRaises(AccessError):
            self.env["crm.phone.webhook.nonce"].with_user(self.agent).search([])
        key = (
            self.env["crm.phone.api.key"]
            .with_user(self.other_agent)
            .create({"name": "Phone of agent two"})
        )
        self.assertFalse(
            self.env["crm.phone.api.key"].with_user(self.agent).search([("id", "=", key.id)])
        )
        with self.assertRaises(AccessError):
            key.with_user(self.agent).read(["token_hash"])

    def test_accountant_still_opens_partners_and_leads(self):
        for record in (self.customer, self.lead):
            as_accountant = record.with_user(self.accountant)
            arch = as_accountant.get_views([(False, "form")])["views"]["form"]["arch"]
            self.assertNotIn("crm_phone_call_count", arch)
            self.assertTrue(as_accountant.read(["name"]))
