"""Test doubles that speak the real protocols over loopback (not mocks).

* :class:`AmiTestPeer` — an asyncio TCP server speaking AMI: banner, Login
  (wrong secret → ``Response: Error``), ``CoreShowChannels`` answered from its
  live channel table, ``Originate`` (Success then an ``OriginateResponse``
  event), replay of capture files with CRLF, and dropping connections on command.
* :class:`OdooReceiver` — a threaded HTTP server standing in for Odoo's
  ``/crm_telephony/v1/pbx/events`` route; verifies the HMAC signature exactly as
  Odoo must, can answer a scripted series of error statuses first.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import hmac
import json
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from ami_bridge.protocol import AmiMessage, AmiParser

BANNER = b"Asterisk Call Manager/9.0.0\r\n"
SIGNATURE_MAX_AGE_SECONDS = 300
CHANNEL_TABLE_KEYS = (
    "Channel",
    "Uniqueid",
    "Linkedid",
    "ChannelState",
    "ChannelStateDesc",
    "CallerIDNum",
    "CallerIDName",
    "ConnectedLineNum",
    "ConnectedLineName",
    "Context",
    "Exten",
)


def encode_message(fields: Mapping[str, str]) -> bytes:
    """Serialise one AMI message with CRLF line ends (repeated keys kept)."""
    lines = []
    for key in fields:
        values = fields.getall(key) if isinstance(fields, AmiMessage) else [fields[key]]
        lines.extend(f"{key}: {value}\r\n" for value in values)
    return "".join(lines).encode() + b"\r\n"


def load_capture(path: str | Path) -> list[AmiMessage]:
    """Parse an LF or CRLF capture file into messages."""
    return AmiParser().feed(Path(path).read_bytes())


class AmiTestPeer:
    """A small AMI server on 127.0.0.1 with an ephemeral port."""

    def __init__(self, username: str = "bridge", secret: str = "s3cret") -> None:
        self.username = username
        self.secret = secret
        self.port = 0
        self.channels: dict[str, dict[str, str]] = {}
        self.login_attempts = 0
        self.failed_logins = 0
        self.actions: list[AmiMessage] = []
        self.on_event_written: Callable[[Mapping[str, str]], None] | None = None
        self._channel_started: dict[str, float] = {}
        self._clients: set[asyncio.StreamWriter] = set()
        self._logged_in = asyncio.Condition()
        self._server: asyncio.Server | None = None

    async def start(self) -> int:
        self._server = await asyncio.start_server(self._serve, "127.0.0.1", self.port)
        self.port = self._server.sockets[0].getsockname()[1]
        return self.port

    async def close(self) -> None:
        if self._server is not None:
            self._server.close()
        self.drop_connections()
        if self._server is not None:
            await self._server.wait_closed()

    def drop_connections(self) -> None:
        """Simulate a network cut / Asterisk restart: close every client socket."""
        for writer in list(self._clients):
            writer.transport.abort()
        self._clients.clear()

    @property
    def client_count(self) -> int:
        return len(self._clients)

    async def wait_for_clients(self, count: int = 1, timeout: float = 5.0) -> None:
        async with self._logged_in:
            await asyncio.wait_for(
                self._logged_in.wait_for(lambda: len(self._clients) >= count), timeout
            )

    # ------------------------------------------------------------ events out
    async def send_event(self, fields: Mapping[str, str]) -> None:
        """Update the channel table and write the event to every logged-in client."""
        self._track_channel(fields)
        data = encode_message(fields)
        for writer in list(self._clients):
            writer.write(data)
        if self.on_event_written is not None:
            self.on_event_written(fields)
        for writer in list(self._clients):
            with contextlib.suppress(ConnectionError):
                await writer.drain()

    async def replay(self, messages: Iterable[Mapping[str, str]], delay: float = 0.0) -> None:
        for message in messages:
            if "Event" in message:
                await self.send_event(message)
                if delay:
                    await asyncio.sleep(delay)

    def _track_channel(self, fields: Mapping[str, str]) -> None:
        uniqueid = fields.get("Uniqueid")
        event = fields.get("Event")
        if not uniqueid or event not in {"Newchannel", "Newstate", "Hangup"}:
            return
        if event == "Hangup":
            self.channels.pop(uniqueid, None)
            self._channel_started.pop(uniqueid, None)
            return
        row = self.channels.setdefault(uniqueid, {})
        self._channel_started.setdefault(uniqueid, time.monotonic())
        row.update({key: fields[key] for key in CHANNEL_TABLE_KEYS if key in fields})

    # ------------------------------------------------------------- sessions
    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        writer.write(BANNER)
        parser = AmiParser()
        try:
            while chunk := await reader.read(65536):
                for action in parser.feed(chunk):
                    await self._answer(action, writer)
        except ConnectionError:
            pass
        finally:
            self._clients.discard(writer)
            writer.close()

    async def _answer(self, action: AmiMessage, writer: asyncio.StreamWriter) -> None:
        self.actions.append(action)
        name = action.get("Action", "").lower()
        action_id = action.get("ActionID", "")
        if name == "login":
            await self._login(action, writer)
        elif writer not in self._clients:
            writer.write(_response(action_id, "Error", "Permission denied"))
        elif name == "coreshowchannels":
            self._show_channels(action_id, writer)
        elif name == "originate":
            self._originate(action, writer)
        else:
            writer.write(_response(action_id, "Error", "Invalid/unknown command"))
        await writer.drain()

    async def _login(self, action: AmiMessage, writer: asyncio.StreamWriter) -> None:
        self.login_attempts += 1
        action_id = action.get("ActionID", "")
        good = action.get("Username") == self.username and action.get("Secret") == self.secret
        if not good:
            self.failed_logins += 1
            writer.write(_response(action_id, "Error", "Authentication failed"))
            return
        writer.write(_response(action_id, "Success", "Authentication accepted"))
        async with self._logged_in:
            self._clients.add(writer)
            self._logged_in.notify_all()

    def _show_channels(self, action_id: str, writer: asyncio.StreamWriter) -> None:
        writer.write(
            encode_message(
                {
                    "Response": "Success",
                    "ActionID": action_id,
                    "EventList": "start",
                    "Message": "Channels will follow",
                }
            )
        )
        for uniqueid, row in self.channels.items():
            seconds = int(time.monotonic() - self._channel_started[uniqueid])
            duration = f"{seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"
            writer.write(
                encode_message(
                    {
                        "Event": "CoreShowChannel",
                        "ActionID": action_id,
                        **row,
                        "Duration": duration,
                        "BridgeId": "",
                    }
                )
            )
        writer.write(
            encode_message(
                {
                    "Event": "CoreShowChannelsComplete",
                    "ActionID": action_id,
                    "EventList": "Complete",
                    "ListItems": str(len(self.channels)),
                }
            )
        )

    def _originate(self, action: AmiMessage, writer: asyncio.StreamWriter) -> None:
        action_id = action.get("ActionID", "")
        if not action.get("Channel") or not action.get("Exten"):
            writer.write(_response(action_id, "Error", "Channel and Exten required"))
            return
        writer.write(_response(action_id, "Success", "Originate successfully queued"))
        writer.write(
            encode_message(
                {
                    "Event": "OriginateResponse",
                    "ActionID": action_id,
                    "Response": "Success",
                    "Channel": action["Channel"],
                    "Context": action.get("Context", ""),
                    "Exten": action["Exten"],
                    "Reason": "4",
                    "Uniqueid": "1770889999.1",
                }
            )
        )


def _response(action_id: str, status: str, message: str) -> bytes:
    return encode_message({"Response": status, "ActionID": action_id, "Message": message})


def expected_signature(secret: str, timestamp: str, body: bytes) -> str:
    digest = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return "sha256=" + digest.hexdigest()


class OdooReceiver:
    """Threaded HTTP server on 127.0.0.1 checking signatures like the Odoo route."""

    def __init__(self, key_id: str = "pbx-key", secret: str = "hmac-secret") -> None:
        self.key_id = key_id
        self.secret = secret
        self.failures_to_serve: list[int] = []  # statuses answered before accepting
        self.events: list[dict] = []
        self.received_at: dict[str, float] = {}
        self.statuses: list[int] = []
        self.rejected: list[str] = []
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def start(self) -> OdooReceiver:
        self._thread.start()
        return self

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def event_ids(self) -> list[str]:
        with self._lock:
            return [event["event_id"] for event in self.events]

    async def wait_for(self, predicate: Callable[[list[dict]], bool], timeout: float) -> None:
        """Poll (bounded) until ``predicate(events)`` holds."""

        async def poll() -> None:
            while True:
                with self._lock:
                    if predicate(list(self.events)):
                        return
                await asyncio.sleep(0.01)

        await asyncio.wait_for(poll(), timeout)

    def _verify(self, headers: Mapping[str, str], body: bytes) -> str | None:
        """Return why the request must be refused, or None when it is authentic."""
        if headers.get("Content-Type") != "application/json":
            return "content type"
        if headers.get("X-Crm-Key") != self.key_id:
            return "unknown key"
        timestamp = headers.get("X-Crm-Timestamp", "")
        if not timestamp.isdigit() or abs(time.time() - int(timestamp)) > SIGNATURE_MAX_AGE_SECONDS:
            return "stale timestamp"
        signature = headers.get("X-Crm-Signature", "")
        if not hmac.compare_digest(signature, expected_signature(self.secret, timestamp, body)):
            return "bad signature"
        return None

    def _accept(self, path: str, headers: Mapping[str, str], body: bytes) -> int:
        with self._lock:
            if path != "/crm_telephony/v1/pbx/events":
                status = 404
            elif reason := self._verify(headers, body):
                self.rejected.append(reason)
                status = 401
            elif self.failures_to_serve:
                status = self.failures_to_serve.pop(0)
            else:
                status = 200
                now = time.perf_counter()
                for event in json.loads(body)["events"]:
                    self.events.append(event)
                    self.received_at.setdefault(event["event_id"], now)
            self.statuses.append(status)
            return status

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                status = receiver._accept(self.path, self.headers, body)
                payload = b'{"ok": true}' if status == 200 else b'{"ok": false}'
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, *_args: object) -> None:  # keep test output quiet
                return

        return Handler
