# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import socket
import threading

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import TelephonyCase


class FakeAmiPeer(threading.Thread):
    """A PBX manager port on loopback that records the actions it receives."""

    def __init__(self, login_ok=True, originate_ok=True):
        super().__init__(daemon=True)
        self.login_ok, self.originate_ok = login_ok, originate_ok
        self.server = socket.create_server(("127.0.0.1", 0))
        self.server.settimeout(10)
        self.port = self.server.getsockname()[1]
        self.actions = []

    def run(self):
        try:
            conn, _addr = self.server.accept()
        except OSError:
            return
        with conn:
            conn.sendall(b"Asterisk Call Manager/7.0.3\r\n")
            buffer = b""
            while True:
                data = conn.recv(4096)
                if not data:
                    break
                buffer += data
                while b"\r\n\r\n" in buffer:
                    frame, buffer = buffer.split(b"\r\n\r\n", 1)
                    action = dict(line.split(": ", 1) for line in frame.decode().split("\r\n"))
                    self.actions.append(action)
                    conn.sendall(self._answer(action))
                    if action["Action"] == "Logoff":
                        return

    def _answer(self, action):
        action_id = action.get("ActionID", "")
        ok = {"Login": self.login_ok, "Originate": self.originate_ok}.get(action["Action"], True)
        if action["Action"] == "Logoff":
            return f"Response: Goodbye\r\nActionID: {action_id}\r\n\r\n".encode()
        # An unsolicited event first, as a real PBX does, to check it is skipped.
        event = b"Event: FullyBooted\r\nPrivilege: system,all\r\n\r\n"
        status = "Success" if ok else "Error"
        message = "Authentication accepted" if ok else "Permission denied"
        return (
            event
            + (
                f"Response: {status}\r\nActionID: {action_id}\r\nMessage: {message}\r\n\r\n"
            ).encode()
        )


@tagged("post_install", "-at_install")
class TestClickToDial(TelephonyCase):
    def _configure_pbx(self, port):
        params = self.env["ir.config_parameter"].sudo()
        params.set_param("crm_telephony.ami_host", "127.0.0.1")
        params.set_param("crm_telephony.ami_port", str(port))
        params.set_param("crm_telephony.ami_user", "odoo")
        params.set_param("crm_telephony.ami_secret", "s3cret")

    def test_dial_rings_agent_then_customer_and_logs_the_call(self):
        peer = FakeAmiPeer()
        peer.start()
        self._configure_pbx(peer.port)
        message = self.customer.with_user(self.agent).action_crm_dial("mobile")
        peer.join(5)
        self.assertIn("+989121112233", message)
        self.assertEqual([a["Action"] for a in peer.actions], ["Login", "Originate", "Logoff"])
        login, originate = peer.actions[0], peer.actions[1]
        self.assertEqual((login["Username"], login["Secret"]), ("odoo", "s3cret"))
        self.assertEqual(originate["Channel"], "Local/7101@from-internal")
        self.assertEqual(originate["Exten"], "00989121112233")
        call = (
            self.env["crm.phone.call"]
            .sudo()
            .search([("partner_id", "=", self.customer.id), ("direction", "=", "outbound")])
        )
        self.assertEqual(call.agent_id, self.agent)
        self.assertIn(f"CRM_CALL_ID={call.pbx_call_id}", originate["Variable"])
        entry = self.customer.message_ids.filtered(lambda m: "Outgoing call" in (m.body or ""))
        self.assertEqual(entry.crm_tag_ids.code, "outgoing_call")

    def test_pbx_refusal_is_a_clear_error(self):
        peer = FakeAmiPeer(login_ok=False)
        peer.start()
        self._configure_pbx(peer.port)
        with self.assertRaisesRegex(UserError, "could not place the call: Permission denied"):
            self.customer.with_user(self.agent).action_crm_dial("mobile")

    def test_unreachable_pbx_is_a_clear_error(self):
        with socket.create_server(("127.0.0.1", 0)) as probe:
            free_port = probe.getsockname()[1]
        self._configure_pbx(free_port)
        with self.assertRaisesRegex(UserError, "could not place the call"):
            self.customer.with_user(self.agent).action_crm_dial("mobile")

    def test_dial_on_mobile_queues_a_dial_request(self):
        self.agent.crm_dial_on_mobile = True
        self.lead.with_user(self.agent).action_crm_dial("mobile")
        request = self.env["crm.phone.dial.request"].with_user(self.agent).search([])
        self.assertEqual(request.number, "+989121112233")
        self.assertEqual(request.call_id.lead_id, self.lead)

    def test_cannot_dial_other_fields_or_nothing(self):
        with self.assertRaises(UserError):
            self.customer.with_user(self.agent).action_crm_dial("email")
        with self.assertRaises(UserError):
            self.customer.with_user(self.agent).action_crm_dial("phone")
