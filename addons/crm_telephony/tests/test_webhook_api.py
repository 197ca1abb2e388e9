# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import hashlib
import hmac
import http.client
import json
import threading
import time

from odoo import sql_db
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from .common import TelephonyHttpCase, call_event, new_agent

EVENTS_URL = "/crm_telephony/v1/pbx/events"
MUTE = ("odoo.addons.crm_telephony.controllers.main", "odoo.http")


@tagged("post_install", "-at_install", "crm_suite_http")
class TestTelephonyApi(TelephonyHttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.agent = new_agent(cls.env, "tel_api_agent", "7201")
        cls.agent.mobile = "+989350000001"
        cls.customer = cls.env["res.partner"].create(
            {"name": "Api Customer", "phone": "+98 912 777 8899"}
        )
        Key = cls.env["crm.phone.api.key"]
        cls.pbx_key = Key.create({"name": "Asterisk", "kind": "pbx"})
        cls.pbx_secret = cls.pbx_key._crm_issue_secret()
        cls.mobile_key = Key.with_user(cls.agent).create({"name": "Agent phone"})
        cls.mobile_token = cls.mobile_key._crm_issue_secret()

    # --- helpers --------------------------------------------------------
    def post_events(
        self,
        events=None,
        body=None,
        timestamp=None,
        secret=None,
        key=None,
        signature=None,
        content_type="application/json",
    ):
        body = body if body is not None else json.dumps({"events": events}).encode()
        timestamp = str(int(time.time()) if timestamp is None else timestamp)
        digest = hmac.new(
            (secret or self.pbx_secret).encode(), f"{timestamp}.".encode() + body, hashlib.sha256
        ).hexdigest()
        headers = {
            "Content-Type": content_type,
            "X-Crm-Key": key or self.pbx_key.key_id,
            "X-Crm-Timestamp": timestamp,
            "X-Crm-Signature": signature or f"sha256={digest}",
        }
        return self.url_open(EVENTS_URL, data=body, headers=headers)

    def mobile(self, path, payload=None, token=None, method="POST", raw=None, content_type=None):
        headers = {
            "Authorization": f"Bearer {token or self.mobile_token}",
            "Content-Type": content_type or "application/json",
        }
        url = f"/crm_telephony/v1/mobile/{path}"
        if method == "GET":
            return self.url_open(url, headers=headers)
        data = raw if raw is not None else json.dumps(payload).encode()
        return self.url_open(url, data=data, headers=headers)

    def calls(self, pbx_call_id):
        return self.env["crm.phone.call"].sudo().search([("pbx_call_id", "=", pbx_call_id)])

    def assertRefused(self, response, status, code):
        self.assertEqual(response.status_code, status, response.text)
        self.assertEqual(response.json()["error"]["code"], code)
        self.assertNotIn("Api Customer", response.text)

    # --- webhook ------------------------------------------------------------
    def test_signed_events_are_applied_once(self):
        events = [
            call_event(
                "w-1", "ringing", caller_number="0912 777 8899", extension="7201", source="webhook"
            ),
            call_event(
                "w-1",
                "ended",
                caller_number="0912 777 8899",
                extension="7201",
                state="missed",
                source="webhook",
            ),
        ]
        response = self.post_events(events)
        self.assertEqual(response.status_code, 200, response.text)
        self.assertEqual(response.json(), {"accepted": 2, "applied": 2})
        call = self.calls("w-1")
        self.assertRecordValues(
            call, [{"state": "missed", "partner_id": self.customer.id, "source": "webhook"}]
        )
        # Same events, new signature (a retry by the bridge): nothing changes.
        time.sleep(1)
        response = self.post_events(events)
        self.assertEqual(response.json(), {"accepted": 2, "applied": 0})
        self.assertEqual(len(self.calls("w-1")), 1)

    @mute_logger(*MUTE)
    def test_bad_signature(self):
        response = self.post_events([call_event("w-2", "ringing")], secret="not-the-secret")
        self.assertRefused(response, 401, "bad_signature")
        response = self.post_events([call_event("w-2", "ringing")], signature="md5=abc")
        self.assertRefused(response, 401, "bad_signature")
        self.assertFalse(self.calls("w-2"))

    @mute_logger(*MUTE)
    def test_stale_or_missing_timestamp(self):
        for stamp in (int(time.time()) - 301, int(time.time()) + 400, "soon"):
            response = self.post_events([call_event("w-3", "ringing")], timestamp=stamp)
            self.assertRefused(response, 401, "stale_timestamp")
        self.assertFalse(self.calls("w-3"))

    @mute_logger(*MUTE)
    def test_replayed_request(self):
        body = json.dumps({"events": [call_event("w-4", "ringing")]}).encode()
        stamp = int(time.time())
        self.assertEqual(self.post_events(body=body, timestamp=stamp).status_code, 200)
        self.assertRefused(self.post_events(body=body, timestamp=stamp), 409, "replayed")

    @mute_logger(*MUTE)
    def test_unknown_and_revoked_keys(self):
        self.assertRefused(
            self.post_events([call_event("w-5", "ringing")], key="crmk_nope"), 401, "unknown_key"
        )
        self.pbx_key.action_revoke()
        self.assertRefused(self.post_events([call_event("w-5", "ringing")]), 401, "unknown_key")
        self.assertFalse(self.calls("w-5"))

    @mute_logger(*MUTE)
    def test_rate_limit_per_key(self):
        self.env["ir.config_parameter"].sudo().set_param("crm_telephony.rate_limit_per_minute", "3")
        other = self.env["crm.phone.api.key"].create({"name": "Cloud PBX", "kind": "pbx"})
        secret = other._crm_issue_secret()
        statuses = [
            self.post_events(
                [call_event(f"w-6-{i}", "ringing")], key=other.key_id, secret=secret
            ).status_code
            for i in range(4)
        ]
        self.assertEqual(statuses, [200, 200, 200, 429])

    @mute_logger(*MUTE)
    def test_revoked_key_is_refused_whatever_its_quota(self):
        params = self.env["ir.config_parameter"].sudo()
        params.set_param("crm_telephony.rate_limit_per_minute", "100")
        other = self.env["crm.phone.api.key"].create({"name": "Old PBX", "kind": "pbx"})
        signing = {"key": other.key_id, "secret": other._crm_issue_secret()}
        response = self.post_events([call_event("w-7-0", "ringing")], **signing)
        self.assertEqual(response.status_code, 200)
        other.action_revoke()
        response = self.post_events([call_event("w-7-1", "ringing")], **signing)
        self.assertRefused(response, 401, "unknown_key")
        self.assertFalse(self.calls("w-7-1"))

    @mute_logger(*MUTE, "odoo.sql_db")
    def test_call_created_meanwhile_by_another_request_asks_for_a_retry(self):
        with sql_db.db_connect(self.env.cr.dbname).cursor() as other:
            # Another worker is creating call w-8 and commits while this request
            # waits on the unique index: this transaction cannot see that call.
            other.execute(
                "INSERT INTO crm_phone_call (pbx_call_id, direction, state, source) "
                "VALUES ('w-8', 'inbound', 'ringing', 'ami')"
            )
            commit_later = threading.Timer(1.0, other.commit)
            commit_later.start()
            try:
                response = self.post_events([call_event("w-8", "ringing")])
            finally:
                commit_later.join()
                other.execute("DELETE FROM crm_phone_call WHERE pbx_call_id = 'w-8'")
                other.commit()
        self.assertRefused(response, 503, "retry")

    @mute_logger(*MUTE)
    def test_hostile_bodies(self):
        self.assertRefused(self.post_events(body=b"{not json"), 400, "malformed_json")
        self.assertRefused(self.post_events(body=b'{"events": "all"}'), 400, "bad_events")
        self.assertRefused(self.post_events(body=b"[]"), 400, "bad_events")
        self.assertRefused(self.post_events(body=b"x" * (300 * 1024)), 413, "body_too_large")
        response = self.post_events([call_event("w-7", "ringing", duration="long")])
        self.assertRefused(response, 422, "invalid_event")
        response = self.post_events([call_event("w-7", "ringing", caller_number="9" * 400)])
        self.assertRefused(response, 422, "invalid_event")
        self.assertFalse(self.calls("w-7"))
        for index, number in enumerate(("anonymous", "<unknown>", "", "1" * 40)):
            response = self.post_events(
                [
                    call_event(
                        f"w-8-{index}",
                        "ended",
                        state="missed",
                        caller_number=number,
                        raw_caller=number,
                    )
                ]
            )
            self.assertEqual(response.status_code, 200, response.text)
            self.assertFalse(self.calls(f"w-8-{index}").partner_id)

    # --- mobile API ---------------------------------------------------------
    def test_mobile_round_trip(self):
        report = {
            "calls": [
                {
                    "id": "m-1",
                    "direction": "inbound",
                    "number": "09127778899",
                    "state": "answered",
                    "started_at": "2026-11-23T08:00:00Z",
                    "ended_at": "2026-11-23T08:02:00Z",
                    "duration": 110,
                }
            ]
        }
        response = self.mobile("calls", report)
        self.assertEqual(response.json(), {"accepted": 1, "applied": 1})
        call = (
            self.env["crm.phone.call"]
            .sudo()
            .search([("pbx_call_id", "=", f"mobile:{self.mobile_key.key_id}:m-1")])
        )
        self.assertRecordValues(
            call,
            [
                {
                    "partner_id": self.customer.id,
                    "agent_id": self.agent.id,
                    "source": "mobile",
                    "duration": 110,
                }
            ],
        )
        # The same report again (app retry) is not duplicated.
        self.assertEqual(self.mobile("calls", report).json()["applied"], 0)
        # Dial on the mobile: queued by the dial button, fetched and acknowledged.
        self.agent.crm_dial_on_mobile = True
        self.customer.with_user(self.agent).action_crm_dial("phone")
        pending = self.mobile("dial_requests", method="GET").json()["dial_requests"]
        self.assertEqual([r["number"] for r in pending], ["+989127778899"])
        ack = self.mobile(f"dial_requests/{pending[0]['id']}/ack", {})
        self.assertEqual(ack.json()["state"], "done")
        self.assertEqual(self.mobile("dial_requests", method="GET").json()["dial_requests"], [])

    @mute_logger(*MUTE)
    def test_mobile_refuses_without_valid_key(self):
        for token in ("", "garbage", f"{self.mobile_key.key_id}.wrong", self.pbx_secret):
            self.assertRefused(
                self.mobile("dial_requests", token=token or " ", method="GET"), 401, "unauthorized"
            )
        self.mobile_key.action_revoke()
        self.assertRefused(self.mobile("calls", {"calls": []}), 401, "unauthorized")

    @mute_logger(*MUTE)
    def test_mobile_hostile_input(self):
        self.assertRefused(self.mobile("calls", raw=b"\xff\xfe"), 400, "malformed_json")
        self.assertRefused(self.mobile("calls", {"calls": "many"}), 400, "bad_calls")
        self.assertRefused(self.mobile("calls", {"calls": [{"id": 5}]}), 422, "invalid_call")
        bad_direction = {"calls": [{"id": "m-2", "direction": "sideways", "number": "1"}]}
        self.assertRefused(self.mobile("calls", bad_direction), 422, "invalid_call")
        other_user = new_test_user(self.env, login="tel_api_other", groups="base.group_user")
        foreign = self.env["crm.phone.dial.request"].create(
            {"user_id": other_user.id, "number": "+989127778899"}
        )
        self.assertRefused(self.mobile(f"dial_requests/{foreign.id}/ack", {}), 404, "not_found")
        self.assertEqual(foreign.state, "pending")

    # --- strictness: content type and size, from the headers ----------------
    @mute_logger(*MUTE)
    def test_json_routes_refuse_other_content_types(self):
        events = [call_event("w-ct", "ringing", caller_number="+989127778899")]
        calls = {"calls": [{"id": "ct-1", "direction": "inbound", "number": "+98912"}]}
        for content_type in (
            "text/plain",
            "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=x",
            "application/jsonp",
            "",
        ):
            with self.subTest(content_type=content_type):
                response = self.post_events(events, content_type=content_type)
                self.assertRefused(response, 415, "unsupported_media_type")
                response = self.mobile("calls", calls, content_type=content_type or "text/html")
                self.assertRefused(response, 415, "unsupported_media_type")
        self.assertFalse(self.calls("w-ct"))
        # With a charset it is JSON all the same.
        response = self.post_events(events, content_type="application/json; charset=utf-8")
        self.assertEqual(response.status_code, 200, response.text)

    def _declare_huge_body(self, path, headers):
        """POST declaring a 50 MB body but sending a few bytes: only a server
        that answers from Content-Length, without reading, replies in time."""
        connection = http.client.HTTPConnection("127.0.0.1", self.http_port(), timeout=10)
        try:
            connection.putrequest("POST", path)
            for name, value in {**headers, "Content-Length": str(50 * 1024 * 1024)}.items():
                connection.putheader(name, value)
            connection.endheaders(b'{"events": [')
            response = connection.getresponse()
            return response.status, json.loads(response.read() or b"{}")
        finally:
            connection.close()

    @mute_logger(*MUTE)
    def test_body_size_is_checked_before_reading_it(self):
        status, payload = self._declare_huge_body(
            EVENTS_URL,
            {
                "Content-Type": "application/json",
                "X-Crm-Key": self.pbx_key.key_id,
                "X-Crm-Timestamp": str(int(time.time())),
                "X-Crm-Signature": "sha256=" + "0" * 64,
            },
        )
        self.assertEqual((status, payload["error"]["code"]), (413, "body_too_large"))
        status, payload = self._declare_huge_body(
            "/crm_telephony/v1/mobile/calls",
            {"Content-Type": "application/json", "Authorization": f"Bearer {self.mobile_token}"},
        )
        self.assertEqual((status, payload["error"]["code"]), (413, "body_too_large"))
