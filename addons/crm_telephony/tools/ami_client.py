# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""A small synchronous Asterisk Manager Interface client for one action.

Click-to-dial needs only Login, Originate and Logoff, answered in well under
a second, so a blocking socket with timeouts is simpler and safer inside an
Odoo worker than the bridge's long-running event loop.
"""

import logging
import socket

from ..ami_bridge.protocol import AmiParser, format_action, next_action_id, originate_fields

_logger = logging.getLogger(__name__)

# A PBX that talks this long without answering is not answering.
MAX_BYTES_WITHOUT_ANSWER = 1 << 20


class AmiError(Exception):
    """The PBX is unreachable, refused the login or refused the action."""


class AmiClient:
    """Login, one or two actions, Logoff — framed by the bridge's AMI parser."""

    def __init__(self, host, port, username, secret, timeout=5.0):
        self.host, self.port = host, port
        self.username, self.secret = username, secret
        self.timeout = timeout
        self._sock = None
        self._parser = AmiParser()
        self._pending = []
        self._received = 0

    def __enter__(self):
        try:
            self._sock = socket.create_connection((self.host, self.port), timeout=self.timeout)
            self._wait_banner()
        except AmiError:
            self.close()
            raise
        except OSError as error:
            raise AmiError(f"cannot connect to {self.host}:{self.port}: {error}") from error
        self.send("Login", {"Username": self.username, "Secret": self.secret})
        return self

    def __exit__(self, *exc_info):
        try:
            if self._sock and exc_info[0] is None:
                self.send("Logoff", expect=("Goodbye", "Success"))
        except AmiError as error:
            # The action itself went through: a refused goodbye changes nothing.
            _logger.debug("AMI logoff not acknowledged: %s", error)
        finally:
            self.close()

    def close(self):
        if self._sock:
            self._sock.close()
            self._sock = None

    def _receive_more(self):
        chunk = self._sock.recv(4096)
        if not chunk:
            raise AmiError("the PBX closed the connection")
        self._received += len(chunk)
        if self._received > MAX_BYTES_WITHOUT_ANSWER:
            raise AmiError("the PBX sent too much without answering")
        self._pending.extend(self._parser.feed(chunk))

    def _wait_banner(self):
        self._received = 0
        while self._parser.banner is None:
            if self._pending:
                raise AmiError("the PBX did not greet as an Asterisk Manager Interface")
            self._receive_more()

    def _wait_response(self, action_id):
        self._received = 0
        while True:
            for index, message in enumerate(self._pending):
                if message.is_response and message.get("ActionID", action_id) == action_id:
                    del self._pending[: index + 1]
                    return message
            self._receive_more()

    def send(self, action, fields=None, expect=("Success",)):
        """Send ``action`` and return its response; events in between are skipped."""
        action_id = next_action_id()
        try:
            payload = format_action(action, action_id, fields)
        except ValueError as error:
            raise AmiError(str(error)) from error
        try:
            self._sock.sendall(payload)
            message = self._wait_response(action_id)
        except (OSError, TimeoutError) as error:
            raise AmiError(f"no answer from the PBX: {error}") from error
        if message["Response"] not in expect:
            raise AmiError(message.get("Message") or message["Response"])
        return message

    def originate(self, channel, context, exten, caller_id, variables=None):
        fields = originate_fields(channel, exten, context, caller_id, variables=variables)
        return self.send("Originate", fields)
