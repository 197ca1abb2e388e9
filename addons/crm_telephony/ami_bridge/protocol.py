"""AMI wire protocol: banner, incremental message parser and action serialiser.

Repeated keys (``ChanVariable``, ``Variable``...) are kept: ``message[key]`` is the
*last* value (last-wins, what most consumers want) and ``message.getall(key)``
returns every value in arrival order.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Mapping, Sequence

logger = logging.getLogger(__name__)

BANNER_PREFIX = "Asterisk Call Manager/"
MAX_LINE_BYTES = 64 * 1024
MAX_MESSAGE_BYTES = 1024 * 1024

_action_ids = itertools.count(1)


class AmiMessage(dict):
    """One AMI message: a ``dict`` of last-wins values plus every repeated value."""

    def __init__(self) -> None:
        super().__init__()
        self._all: dict[str, list[str]] = {}

    def add(self, key: str, value: str) -> None:
        self[key] = value
        self._all.setdefault(key, []).append(value)

    def getall(self, key: str) -> list[str]:
        """Every value received for ``key`` (a repeated key yields several)."""
        return list(self._all.get(key, []))

    @property
    def is_response(self) -> bool:
        return "Response" in self

    @property
    def is_event(self) -> bool:
        return "Event" in self

    @property
    def event(self) -> str | None:
        return self.get("Event")


def parse_banner(line: str | bytes) -> str | None:
    """AMI version of a banner (``Asterisk Call Manager/5.0.1``), else None."""
    if isinstance(line, bytes):
        line = line.decode("utf-8", errors="replace")
    line = line.strip()
    if not line.startswith(BANNER_PREFIX):
        return None
    return line[len(BANNER_PREFIX) :] or None


class AmiParser:
    """Incremental AMI parser: feed arbitrary byte chunks, get complete messages.

    A message ends at an empty line; CRLF and LF are both accepted. A truncated
    final message stays buffered until its blank line arrives. Oversized lines or
    messages are dropped and the stream resynchronises at the next blank line.
    """

    def __init__(
        self,
        max_line_bytes: int = MAX_LINE_BYTES,
        max_message_bytes: int = MAX_MESSAGE_BYTES,
    ) -> None:
        self.max_line_bytes = max_line_bytes
        self.max_message_bytes = max_message_bytes
        self.banner: str | None = None
        self.malformed_lines = 0
        self.dropped_messages = 0
        self._buffer = bytearray()
        self._current = AmiMessage()
        self._current_size = 0
        # True while discarding an oversized message until the next blank line.
        self._resyncing = False
        # True while discarding the rest of an oversized line (no newline seen yet).
        self._skipping_line = False

    def feed(self, data: bytes) -> list[AmiMessage]:
        """Consume ``data`` and return the messages it completed."""
        self._buffer += data
        messages: list[AmiMessage] = []
        while True:
            newline = self._buffer.find(b"\n")
            if newline < 0:
                self._guard_unterminated_line()
                return messages
            raw = bytes(self._buffer[:newline])
            del self._buffer[: newline + 1]
            if self._skipping_line:
                self._skipping_line = False
                continue
            message = self._handle_line(raw.removesuffix(b"\r"))
            if message is not None:
                messages.append(message)

    def _guard_unterminated_line(self) -> None:
        # A peer that never sends a newline must not make the buffer grow forever.
        if len(self._buffer) <= self.max_line_bytes:
            return
        self._buffer.clear()
        if not self._skipping_line:
            self._drop_message(f"line longer than {self.max_line_bytes} bytes")
        self._skipping_line = True

    def _handle_line(self, raw: bytes) -> AmiMessage | None:
        if not raw:
            return self._end_of_message()
        if self._resyncing:
            return None
        if len(raw) > self.max_line_bytes:
            self._drop_message(f"line longer than {self.max_line_bytes} bytes")
            return None
        line = raw.decode("utf-8", errors="replace")
        if not self._current and self.banner is None and (version := parse_banner(line)):
            self.banner = version
            return None
        self._current_size += len(raw) + 2
        if self._current_size > self.max_message_bytes:
            self._drop_message(f"message larger than {self.max_message_bytes} bytes")
            return None
        self._add_field(line)
        return None

    def _add_field(self, line: str) -> None:
        key, colon, value = line.partition(":")
        if not colon or not key.strip():
            self.malformed_lines += 1
            logger.warning("AMI line without 'key: value' ignored: %.80r", line)
            return
        # Split on the first colon only, so a value may itself contain ': '.
        self._current.add(key.strip(), value.removeprefix(" "))

    def _end_of_message(self) -> AmiMessage | None:
        if self._resyncing:
            self._resyncing = False
            return None
        message = self._current if self._current else None
        self._reset_current()
        return message

    def _drop_message(self, reason: str) -> None:
        self.dropped_messages += 1
        logger.warning("AMI message dropped (%s); resyncing at the next blank line", reason)
        self._reset_current()
        self._resyncing = True

    def _reset_current(self) -> None:
        self._current = AmiMessage()
        self._current_size = 0


def next_action_id(prefix: str = "crm") -> str:
    """A process-unique ActionID used to match responses to actions."""
    return f"{prefix}-{next(_action_ids)}"


def format_action(
    action: str,
    action_id: str | None = None,
    fields: Mapping[str, str | int | Sequence[str]] | None = None,
) -> bytes:
    """Serialise an AMI action: ``Action``, ``ActionID``, key/values, CRLF, blank line.

    A sequence value is written as a repeated key (e.g. several ``Variable`` lines).
    CR/LF inside a value is refused: it would let a value inject extra keys.
    """
    lines = [("Action", action)]
    if action_id is not None:
        lines.append(("ActionID", action_id))
    for key, value in (fields or {}).items():
        values = [value] if isinstance(value, str | int) else list(value)
        lines.extend((key, str(item)) for item in values)
    for key, value in lines:
        if any(char in f"{key}{value}" for char in "\r\n"):
            raise ValueError(f"AMI field {key!r} contains a line break")
    return "".join(f"{key}: {value}\r\n" for key, value in lines).encode() + b"\r\n"


def originate_fields(
    channel: str,
    exten: str,
    context: str,
    caller_id: str | None = None,
    timeout_ms: int = 30000,
    variables: Mapping[str, str] | None = None,
) -> dict[str, str]:
    """The fields of an ``Originate`` action: ring ``channel``, then dial ``exten``.

    The one place they are built, for the bridge's asyncio client and for
    Odoo's click-to-dial client (``tools/ami_client.py``). ``Async`` so the
    answer comes at once rather than when the agent picks up; the channel
    variables go in one comma-separated ``Variable`` line.
    """
    fields = {
        "Channel": channel,
        "Exten": exten,
        "Context": context,
        "Priority": "1",
        "Async": "true",
        "Timeout": str(int(timeout_ms)),
    }
    if caller_id:
        fields["CallerID"] = caller_id
    if variables:
        fields["Variable"] = ",".join(f"{key}={value}" for key, value in variables.items())
    return fields
