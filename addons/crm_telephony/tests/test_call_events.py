# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import TelephonyCase, call_event


@tagged("post_install", "-at_install")
class TestCallEvents(TelephonyCase):
    def _bus_targets(self, notification_type):
        """The channels that received ``notification_type`` in this test."""
        self.env.cr.precommit.run()  # bus.bus rows are written just before commit
        messages = self.env["bus.bus"].sudo().search([("id", ">", self.last_bus_id)])
        return [m.channel for m in messages if f'"{notification_type}"' in m.message]

    def setUp(self):
        super().setUp()
        self.last_bus_id = self.env["bus.bus"].sudo().search([], order="id desc", limit=1).id or 0

    def test_answered_call_lifecycle(self):
        self.ingest(
            call_event("c-1", "ringing", caller_number="0098 912 111 2233", extension="7101")
        )
        call = self.call_of("c-1")
        self.assertEqual(call.state, "ringing")
        self.assertEqual(call.partner_id, self.customer)
        self.assertEqual(call.lead_id, self.lead)
        self.ingest(
            call_event("c-1", "answered", extension="7101", answered_at="2026-11-23T08:00:05Z")
        )
        self.ingest(
            call_event(
                "c-1",
                "ended",
                extension="7101",
                state="answered",
                duration=95,
                ended_at="2026-11-23T08:01:40Z",
            )
        )
        self.assertRecordValues(
            call,
            [
                {
                    "state": "answered",
                    "agent_id": self.agent.id,
                    "duration": 95,
                    "customer_number_e164": "+989121112233",
                }
            ],
        )
        self.assertEqual(str(call.answered_at), "2026-11-23 08:00:05")
        self.assertEqual(str(call.ended_at), "2026-11-23 08:01:40")
        self.assertEqual(self.customer.crm_phone_call_count, 1)
        self.assertEqual(self.lead.crm_phone_call_count, 1)
        # Chatter entry on partner and lead, tagged "incoming call".
        for record in (self.customer, self.lead):
            message = record.message_ids.filtered(lambda m: "Incoming call" in (m.body or ""))
            self.assertEqual(len(message), 1)
            self.assertEqual(message.crm_tag_ids.code, "incoming_call")

    def test_popup_reaches_only_the_ringing_agent(self):
        self.ingest(call_event("c-2", "ringing", caller_number="09121112233", extension="7101"))
        targets = self._bus_targets("crm_telephony/incoming_call")
        self.assertEqual(len(targets), 1)
        self.assertIn(f'"res.partner",{self.agent.partner_id.id}]', targets[0])
        self.assertNotIn(f'"res.partner",{self.other_agent.partner_id.id}]', targets[0])
        message = self.env["bus.bus"].sudo().search([], order="id desc", limit=1).message
        self.assertIn("crm_telephony/incoming_call", message)
        self.assertIn("Reza Karimi", message)
        self.assertIn("Karimi: 20 phones", message, "open leads in the popup")

    def test_hunt_group_rings_several_agents_one_call(self):
        self.ingest(
            call_event("c-3", "ringing", caller_number="+989121112233", extension="7101"),
            call_event("c-3", "ringing", caller_number="+989121112233", extension="7102"),
        )
        targets = self._bus_targets("crm_telephony/incoming_call")
        self.assertEqual(len(targets), 2)
        self.ingest(call_event("c-3", "answered", extension="7102"))
        self.ingest(call_event("c-3", "ended", extension="7102", state="answered", duration=10))
        call = self.call_of("c-3")
        self.assertEqual(len(call), 1)
        self.assertEqual(call.agent_id, self.other_agent)

    def test_hunt_group_colleague_leg_does_not_end_the_answered_call(self):
        number = "+989121112233"
        self.ingest(
            call_event("c-3b", "ringing", caller_number=number, extension="7101"),
            call_event("c-3b", "ringing", caller_number=number, extension="7102"),
        )
        self.ingest(call_event("c-3b", "answered", caller_number=number, extension="7102"))
        # 7101 stops ringing because 7102 took the call (as the AMI bridge reports it).
        self.ingest(
            call_event("c-3b", "ended", caller_number=number, extension="7101", state="missed")
        )
        call = self.call_of("c-3b")
        self.assertRecordValues(call, [{"state": "answered", "ended_at": False}])
        self.assertFalse(self.lead.activity_ids.filtered(lambda a: "missed call" in a.summary))
        self.ingest(
            call_event(
                "c-3b",
                "ended",
                caller_number=number,
                extension="7102",
                state="answered",
                duration=9,
            )
        )
        self.assertRecordValues(call, [{"state": "answered", "agent_id": self.other_agent.id}])
        self.assertTrue(call.ended_at)
        tags = self.customer.message_ids.filtered(lambda m: "Incoming call" in (m.body or ""))
        self.assertEqual(tags.crm_tag_ids.mapped("code"), ["incoming_call"])

    def test_repeated_event_changes_nothing(self):
        ended = call_event(
            "c-4", "ended", caller_number="+989121112233", extension="7101", state="missed"
        )
        self.assertEqual(self.ingest(ended), 1)
        messages = len(self.customer.message_ids)
        activities = len(self.lead.activity_ids)
        self.assertEqual(self.ingest(ended), 0)
        self.assertEqual(len(self.call_of("c-4")), 1)
        self.assertEqual(len(self.customer.message_ids), messages)
        self.assertEqual(len(self.lead.activity_ids), activities)

    def test_late_ringing_does_not_reopen_an_ended_call(self):
        self.ingest(
            call_event(
                "c-5",
                "ended",
                caller_number="+989121112233",
                state="answered",
                extension="7101",
                duration=30,
            )
        )
        self.ingest(call_event("c-5", "ringing", caller_number="+989121112233", extension="7101"))
        self.assertEqual(self.call_of("c-5").state, "answered")
        self.assertFalse(self._bus_targets("crm_telephony/incoming_call"), "no late popup")

    def test_missed_call_creates_follow_up_and_callback_list(self):
        self.ingest(
            call_event(
                "c-6",
                "ended",
                caller_number="+989121112233",
                extension="7101",
                state="missed",
                started_at="2026-11-23T07:00:00Z",
            )
        )
        activity = self.lead.activity_ids.filtered(lambda a: "missed call" in a.summary)
        self.assertEqual(activity.user_id, self.agent)
        message = self.customer.message_ids.filtered(lambda m: "Incoming call" in (m.body or ""))
        self.assertEqual(message.crm_tag_ids.code, "missed_call")
        Call = self.env["crm.phone.call"]
        not_called_back = [("state", "=", "missed"), ("called_back", "=", False)]
        self.assertIn(self.call_of("c-6"), Call.search(not_called_back))
        self.ingest(
            call_event(
                "c-7",
                "ended",
                direction="outbound",
                caller_number="7101",
                callee_number="09121112233",
                extension="7101",
                state="answered",
                started_at="2026-11-23T07:30:00Z",
                duration=40,
            )
        )
        self.assertNotIn(self.call_of("c-6"), Call.search(not_called_back))
        self.assertTrue(self.call_of("c-6").called_back)

    def test_missed_call_without_agent_goes_to_team_leader(self):
        self.lead.user_id = False
        self.ingest(call_event("c-8", "ended", caller_number="+989121112233", state="missed"))
        call = self.call_of("c-8")
        self.assertFalse(call.agent_id)
        call.team_id = self.team  # the queue's team, set by the PBX mapping in real life
        call._crm_schedule_callback()
        self.assertIn(self.other_agent, self.lead.activity_ids.user_id)

    def test_unknown_and_hostile_numbers(self):
        for index, number in enumerate(["anonymous", "<unknown>", "", "1" * 40]):
            self.ingest(
                call_event(
                    f"c-h{index}",
                    "ended",
                    caller_number=number or None,
                    raw_caller=number or None,
                    state="missed",
                )
            )
            call = self.call_of(f"c-h{index}")
            self.assertFalse(call.partner_id)
            self.assertFalse(call.customer_number_e164)

    def test_unknown_number_creates_lead_when_enabled(self):
        self.env["ir.config_parameter"].sudo().set_param("crm_telephony.create_lead_unknown", "1")
        self.ingest(
            call_event(
                "c-9", "ringing", caller_number="+79123456789", extension="7101", caller_name="Ivan"
            )
        )
        lead = self.call_of("c-9").lead_id
        self.assertEqual(lead.phone_e164, "+79123456789")
        self.assertEqual(lead.contact_name, "Ivan")

    def test_invalid_events_are_refused_whole(self):
        good = call_event("c-10", "ringing", caller_number="+989121112233")
        for bad in (
            {"event_id": "x"},
            call_event("c-11", "exploded"),
            call_event("c-11", "ended", state="vanished"),
            call_event("c-11", "ended", state="missed", duration="ten"),
            call_event("c-11", "ringing", at="yesterday"),
            call_event("c-11", "ringing", caller_number=["+98"]),
            call_event("c-11", "ended", state="missed", scope="everyone"),
            call_event("c-11", "ringing", scope="agent"),
            "not an object",
        ):
            with self.subTest(bad=bad), self.assertRaises(ValidationError):
                self.ingest(good, bad)
        self.assertFalse(self.call_of("c-10"), "a batch with an invalid event applies nothing")

    def test_bad_call_time_message_is_translatable(self):
        # Raised from a method, the message is looked up in the caller's
        # language (a module-level function has no environment to ask).
        bad = call_event("c-12", "ringing", at="yesterday")
        with (
            self.assertNoLogs("odoo.tools.translate", "WARNING"),
            self.assertRaisesRegex(ValidationError, "yesterday is not an ISO 8601 date"),
        ):
            self.ingest(bad)
