# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""A small synchronous Asterisk Manager Interface client for one action.

Click-to-dial needs only Login, Originate and Logoff, answered in well under
a second, so a blocking socket with timeouts is simpler and safer inside an
Odoo worker than the bridge's long-running event loop.
"""

import socket

CRLF = "\r\n"


class AmiError(Exception):
    """The PBX is unreachable, refused the login or refused the action."""


def _encode(action):
    lines = [f"{key}: {value}" for key, value in action.items()]
    for key, value in action.items():
        if CRLF in str(value) or "\n" in str(value) or "\r" in str(value):
            raise AmiError(f"Invalid character in AMI field {key}")
    return (CRLF.join(lines) + CRLF + CRLF).encode()


class AmiClient:
    def __init__(self, host, port, username, secret, timeout=5.0):
        self.host, self.port = host, port
        self.username, self.secret = username, secret
        self.timeout = timeout
        self._sock = None
        self._buffer = b""
        self._action_seq = 0

    def __enter__(self):
        try:
            self._sock = socket.create_connection((self.host, self.port), timeout=self.timeout)
            banner = self._read_line()
        except OSError as error:
            raise AmiError(f"cannot connect to {self.host}:{self.port}: {error}") from error
        if not banner.startswith("Asterisk Call Manager"):
            self.close()
            raise AmiError(f"unexpected banner {banner[:60]!r}")
        self.send({"Action": "Login", "Username": self.username, "Secret": self.secret})
        return self

    def __exit__(self, *exc_info):
        try:
            if self._sock and exc_info[0] is None:
                self.send({"Action": "Logoff"}, expect=("Goodbye", "Success"))
        except AmiError:
            pass
        finally:
            self.close()

    def close(self):
        if self._sock:
            self._sock.close()
            self._sock = None

    def _read_line(self):
        while b"\r\n" not in self._buffer:
            chunk = self._sock.recv(4096)
            if not chunk:
                raise AmiError("the PBX closed the connection")
            self._buffer += chunk
            if len(self._buffer) > 1 << 20:
                raise AmiError("the PBX sent an oversized frame")
        line, self._buffer = self._buffer.split(b"\r\n", 1)
        return line.decode("utf-8", "replace")

    def _read_message(self):
        message = {}
        while True:
            line = self._read_line()
            if not line:
                if message:
                    return message
                continue
            key, _sep, value = line.partition(":")
            message[key.strip()] = value.strip()

    def send(self, action, expect=("Success",)):
        """Send ``action`` and return its response; events in between are skipped."""
        self._action_seq += 1
        action_id = f"crm-{self._action_seq}"
        action = {**action, "ActionID": action_id}
        try:
            self._sock.sendall(_encode(action))
            while True:
                message = self._read_message()
                if "Response" in message and message.get("ActionID", action_id) == action_id:
                    break
        except (OSError, TimeoutError) as error:
            raise AmiError(f"no answer from the PBX: {error}") from error
        if message["Response"] not in expect:
            raise AmiError(message.get("Message") or message["Response"])
        return message

    def originate(self, channel, context, exten, caller_id, variables=None):
        action = {
            "Action": "Originate",
            "Channel": channel,
            "Context": context,
            "Exten": exten,
            "Priority": "1",
            "CallerID": caller_id,
            "Timeout": "30000",
            "Async": "true",
        }
        if variables:
            action["Variable"] = ",".join(f"{k}={v}" for k, v in variables.items())
        return self.send(action)
