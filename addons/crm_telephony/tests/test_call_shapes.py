# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Call shapes of real PBXs, from AMI event streams to what each user sees.

Each test writes the AMI events as Asterisk sends them (DialBegin, DialState,
Newstate, DialEnd, Hangup, BridgeEnter legs sharing a Linkedid, with noise
events), runs them through the bridge's state machine, posts what it reports
to the signed webhook one request at a time, as the bridge does, and checks
the popups per user, the call record, its history entry and tag, the
call-back task and who can read the call.
"""

import json
import time

from odoo.tests import new_test_user, tagged

from odoo.addons.crm_telephony.ami_bridge.calls import CallStateMachine
from odoo.addons.crm_telephony.ami_bridge.tests import scenarios

from .common import TelephonyHttpCase, new_agent, signed_headers

EVENTS_URL = "/crm_telephony/v1/pbx/events"
POPUP = "crm_telephony/incoming_call"
CUSTOMER_NUMBER = "+989121112233"


@tagged("post_install", "-at_install", "crm_suite_http")
class TestCallShapes(TelephonyHttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.leader = new_test_user(
            cls.env, login="shape_leader", groups="crm_custom.group_crm_sales_manager"
        )
        cls.members = [
            new_agent(cls.env, f"shape_agent_{ext}", ext, f"Agent {ext}")
            for ext in ("7101", "7102", "7103")
        ]
        cls.bystander = new_test_user(
            cls.env, login="shape_bystander", groups="crm_custom.group_crm_sales_user"
        )
        cls.team = cls.env["crm.team"].create(
            {
                "name": "Hotline",
                "user_id": cls.leader.id,
                "crm_phone_numbers": "600, 601",
                "member_ids": [(4, user.id) for user in (*cls.members, cls.bystander)],
            }
        )
        cls.customer = cls.env["res.partner"].create(
            {
                "name": "Nasrin Ahmadi",
                "mobile": "0912 111 2233",
                "country_id": cls.env.ref("base.ir").id,
            }
        )
        key = cls.env["crm.phone.api.key"].create({"name": "Asterisk", "kind": "pbx"})
        cls.key_id, cls.secret = key.key_id, key._crm_issue_secret()

    def setUp(self):
        super().setUp()
        self.last_bus_id = self.env["bus.bus"].sudo().search([], order="id desc", limit=1).id or 0

    # --- helpers --------------------------------------------------------
    def deliver(self, stream, **machine_options):
        """Run ``stream`` through the bridge and post each event it reports."""
        start = time.time() - 60
        machine = CallStateMachine(**machine_options)
        events = machine.feed_many(
            {**event, "Timestamp": f"{start + index * 0.5:.6f}"}
            for index, event in enumerate(stream)
        )
        for event in events:
            body = json.dumps({"events": [event.to_json()]}).encode()
            response = self.url_open(
                EVENTS_URL, data=body, headers=signed_headers(self.key_id, self.secret, body)
            )
            self.assertEqual(response.status_code, 200, response.text)
        self.assertFalse(machine.calls, "the bridge ended the call")
        return self.env["crm.phone.call"].sudo().search([("pbx_call_id", "=", events[0].call_id)])

    def popups(self):
        """{user: number of caller-ID popups} sent since the test started."""
        messages = self.env["bus.bus"].sudo().search([("id", ">", self.last_bus_id)])
        counts = {}
        for message in messages:
            if f'"{POPUP}"' not in message.message:
                continue
            partner_id = json.loads(message.channel)[-1]
            user = self.env["res.users"].search([("partner_id", "=", partner_id)])
            counts[user] = counts.get(user, 0) + 1
        return counts

    def readers(self, call):
        users = (*self.members, self.bystander, self.leader)
        return {user for user in users if call.with_user(user).search([("id", "=", call.id)])}

    def history(self, record):
        return record.message_ids.filtered(lambda m: "call" in (m.body or "").lower())

    def callbacks(self, record):
        return record.activity_ids.filtered(lambda a: "missed call" in (a.summary or ""))

    # --- shapes ---------------------------------------------------------
    def test_queue_first_member_unanswered_a_later_one_answers(self):
        agent_1, agent_2, agent_3 = self.members
        caller = scenarios.inbound_caller(CUSTOMER_NUMBER, "600", "Nasrin")
        members = [("PJSIP/7101", "7101"), ("PJSIP/7102", "7102"), ("PJSIP/7103", "7103")]
        call = self.deliver(scenarios.hunt_group_call(caller, members, answered_by=1))

        self.assertEqual(self.popups(), {agent_1: 1, agent_2: 1}, "the answering agent too")
        self.assertRecordValues(
            call,
            [
                {
                    "state": "answered",
                    "agent_id": agent_2.id,
                    "partner_id": self.customer.id,
                    "team_id": self.team.id,
                }
            ],
        )
        self.assertTrue(call.ended_at and call.duration > 0)
        self.assertEqual(call.rang_user_ids, agent_1 | agent_2)
        entry = self.history(self.customer)
        self.assertEqual(len(entry), 1)
        self.assertEqual(entry.crm_tag_ids.mapped("code"), ["incoming_call"])
        self.assertIn("Answered", entry.body)
        self.assertFalse(self.callbacks(self.customer), "no call-back for an answered call")
        self.assertEqual(self.readers(call), {agent_1, agent_2, self.leader})
        self.assertNotIn(agent_3, self.readers(call))

    def test_hunt_group_without_local_channels(self):
        agent_1, agent_2, _agent_3 = self.members
        caller = scenarios.inbound_caller(CUSTOMER_NUMBER, "601")
        members = [("PJSIP/7101", "7101"), ("PJSIP/7102", "7102")]
        call = self.deliver(
            scenarios.hunt_group_call(caller, members, answered_by=1, via_local=False)
        )
        self.assertEqual(self.popups(), {agent_1: 1, agent_2: 1})
        self.assertRecordValues(call, [{"state": "answered", "agent_id": agent_2.id}])
        self.assertFalse(self.callbacks(self.customer))

    def test_ring_all_nobody_answers_belongs_to_the_group(self):
        caller = scenarios.inbound_caller(CUSTOMER_NUMBER, "601")
        members = [("PJSIP/7101", "7101"), ("PJSIP/7102", "7102"), ("PJSIP/7103", "7103")]
        call = self.deliver(scenarios.ring_all_call(caller, members))

        everyone = self.members[0] | self.members[1] | self.members[2]
        self.assertEqual(self.popups(), dict.fromkeys(everyone, 1))
        self.assertRecordValues(
            call, [{"state": "missed", "agent_id": False, "team_id": self.team.id}]
        )
        self.assertEqual(call.rang_user_ids, everyone)
        # Every agent whose phone rang finds it among the calls to return.
        not_called_back = [
            ("direction", "=", "inbound"),
            ("state", "in", ("missed", "busy", "failed")),
            ("called_back", "=", False),
        ]
        for agent in everyone:
            self.assertIn(call, self.env["crm.phone.call"].with_user(agent).search(not_called_back))
        outsider = new_test_user(
            self.env, login="shape_outsider", groups="crm_custom.group_crm_sales_user"
        )
        self.assertNotIn(call, self.env["crm.phone.call"].with_user(outsider).search([]))
        entry = self.history(self.customer)
        self.assertEqual(entry.crm_tag_ids.mapped("code"), ["missed_call"])
        self.assertIn("Hotline", entry.body)
        # One call-back task: the customer has no salesperson, so the group's team leader.
        task = self.callbacks(self.customer)
        self.assertEqual(len(task), 1)
        self.assertEqual(task.user_id, self.leader)
        notice = self.env["mail.message"].search(
            [
                ("model", "=", "res.partner"),
                ("res_id", "=", self.customer.id),
                ("message_type", "=", "user_notification"),
                ("partner_ids", "in", self.leader.partner_id.id),
            ]
        )
        self.assertEqual(len(notice), 1)
        self.assertNotIn("Public user", notice.body)
        self.assertNotEqual(notice.author_id, self.env.ref("base.public_partner"))

    def test_ring_all_missed_call_back_goes_to_the_customers_salesperson(self):
        self.customer.user_id = self.bystander
        caller = scenarios.inbound_caller(CUSTOMER_NUMBER, "601")
        members = [("PJSIP/7101", "7101"), ("PJSIP/7102", "7102")]
        call = self.deliver(scenarios.ring_all_call(caller, members))
        self.assertEqual(self.callbacks(self.customer).user_id, self.bystander)
        # He finds it too: a missed call of his team.
        self.assertIn(self.bystander, self.readers(call))

    def test_outbound_through_a_trunk_never_pops_up_to_the_caller(self):
        agent = self.members[0]
        for trunk in ("SIP/sip.provider.example.com", "PJSIP/provider"):
            caller = scenarios.leg("PJSIP/7101-000000a1", "7101", "Agent 7101", exten="09121112233")
            call = self.deliver(scenarios.trunk_call(caller, trunk, "09121112233", True))
            self.assertRecordValues(
                call,
                [
                    {
                        "direction": "outbound",
                        "state": "answered",
                        "agent_id": agent.id,
                        "partner_id": self.customer.id,
                    }
                ],
            )
        self.assertEqual(self.popups(), {}, "nobody is shown his own call")
        entries = self.history(self.customer)
        self.assertEqual(len(entries), 2, "one history entry per call")
        self.assertEqual(entries.crm_tag_ids.mapped("code"), ["outgoing_call"])
        self.assertFalse(self.callbacks(self.customer))
        self.assertEqual(self.readers(call), {agent, self.leader})

    def test_follow_me_leg_to_a_mobile_pops_up_only_for_the_callee(self):
        _agent_1, agent_2, _agent_3 = self.members
        caller = scenarios.leg("PJSIP/7101-000000b1", "7101", "Agent 7101", exten="7102")
        call = self.deliver(
            scenarios.follow_me_call(caller, "PJSIP/7102", "7102", "09350000002", True)
        )
        self.assertEqual(self.popups(), {agent_2: 1})
        self.assertRecordValues(call, [{"direction": "internal", "state": "answered"}])
        self.assertEqual(call.rang_user_ids, agent_2)
        self.assertIn(agent_2, self.readers(call))
        self.assertFalse(self.history(self.customer), "an internal call is no customer history")

    def test_multi_tenant_peer_is_the_agent(self):
        tenant_agent = new_test_user(
            self.env, login="shape_tenant", groups="crm_custom.group_crm_sales_user"
        )
        tenant_agent.pbx_extension = "9170-12"
        caller = scenarios.inbound_caller(CUSTOMER_NUMBER, "9170")
        call = self.deliver(
            scenarios.hunt_group_call(caller, [("SIP/9170-12", "9170")], answered_by=0)
        )
        self.assertEqual(self.popups(), {tenant_agent: 1})
        self.assertRecordValues(call, [{"state": "answered", "agent_id": tenant_agent.id}])
        self.assertTrue(call.with_user(tenant_agent).search([("id", "=", call.id)]))
        self.assertEqual(self.history(self.customer).crm_tag_ids.mapped("code"), ["incoming_call"])
