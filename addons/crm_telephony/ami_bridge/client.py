"""asyncio AMI client: login, events, reconnect with back-off, reconcile, originate."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from .calls import CallEvent, CallStateMachine
from .protocol import (
    AmiMessage,
    AmiParser,
    format_action,
    next_action_id,
    originate_fields,
    parse_banner,
)

logger = logging.getLogger(__name__)

EventSink = Callable[[list[CallEvent]], None]


class AmiAuthError(Exception):
    """The PBX refused our AMI credentials."""


class AmiProtocolError(Exception):
    """The peer does not speak AMI (bad banner, unexpected answer)."""


@dataclass
class AmiSettings:
    host: str
    port: int = 5038
    username: str = ""
    secret: str = field(default="", repr=False)
    events: str = "call"
    technology: str = "PJSIP"
    connect_timeout: float = 10.0
    action_timeout: float = 10.0
    backoff_initial: float = 1.0
    backoff_max: float = 60.0
    backoff_jitter: float = 0.2


@dataclass
class _PendingAction:
    response: asyncio.Future
    # List actions (CoreShowChannels): events with our ActionID until the end event.
    list_end_event: str | None = None
    items: list[AmiMessage] = field(default_factory=list)
    complete: asyncio.Future | None = None


class AmiClient:
    """Keeps an AMI session alive and feeds its events to a CallStateMachine."""

    def __init__(
        self,
        settings: AmiSettings,
        machine: CallStateMachine,
        on_events: EventSink,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        jitter: Callable[[], float] = random.random,
    ) -> None:
        self.settings = settings
        self.machine = machine
        self._on_events = on_events
        self._sleep = sleep
        self._jitter = jitter
        self._writer: asyncio.StreamWriter | None = None
        self._pending: dict[str, _PendingAction] = {}
        self.connected = asyncio.Event()
        self.sessions = 0
        self.last_error: Exception | None = None

    # -------------------------------------------------------------- lifecycle
    async def run_forever(self) -> None:
        """Connect, stream, reconnect with capped jittered back-off; cancel to stop."""
        attempt = 0
        while True:
            try:
                await self._session()
                attempt = 0  # the session ran: the next reconnect starts from the minimum
            except AmiAuthError as error:
                self.last_error = error
                logger.error("AMI login refused for user %r: %s", self.settings.username, error)
            # asyncio.TimeoutError is not the builtin TimeoutError before Python 3.11.
            except (OSError, EOFError, AmiProtocolError, asyncio.TimeoutError) as error:
                self.last_error = error
                logger.warning(
                    "AMI connection to %s:%s lost or failed: %s",
                    self.settings.host,
                    self.settings.port,
                    error,
                )
            delay = self.backoff_delay(attempt)
            attempt += 1
            logger.info("Reconnecting to AMI in %.2f s", delay)
            await self._sleep(delay)

    def backoff_delay(self, attempt: int) -> float:
        base = min(self.settings.backoff_initial * 2**attempt, self.settings.backoff_max)
        return base * (1 + self.settings.backoff_jitter * self._jitter())

    async def _session(self) -> None:
        settings = self.settings
        reader, writer = await asyncio.wait_for(
            asyncio.open_connection(settings.host, settings.port),
            settings.connect_timeout,
        )
        self._writer = writer
        parser = AmiParser()
        read_task = None
        try:
            banner = await asyncio.wait_for(reader.readline(), settings.action_timeout)
            version = parse_banner(banner)
            if version is None:
                raise AmiProtocolError(f"unexpected AMI banner {banner[:80]!r}")
            logger.info("Connected to %s:%s (AMI %s)", settings.host, settings.port, version)
            read_task = asyncio.create_task(self._read_loop(reader, parser))
            await self._login()
            self.sessions += 1
            if self.sessions > 1 or self.machine.calls:
                await self._reconcile()
            self.connected.set()
            await read_task
        finally:
            self.connected.clear()
            self._writer = None
            if read_task is not None:
                read_task.cancel()
                with contextlib.suppress(asyncio.CancelledError, Exception):
                    await read_task
            self._fail_pending(ConnectionError("AMI connection closed"))
            writer.close()
            with contextlib.suppress(Exception):
                await writer.wait_closed()

    async def _login(self) -> None:
        response = await self.send_action(
            "Login",
            {
                "Username": self.settings.username,
                "Secret": self.settings.secret,
                "Events": self.settings.events,
            },
        )
        if response.get("Response") != "Success":
            raise AmiAuthError(response.get("Message", "login refused"))
        logger.info("Logged in to AMI as %r", self.settings.username)

    async def _reconcile(self) -> None:
        """Compare our calls with the PBX's live channels after a (re)connection."""
        known_before = self.machine.known_channels()
        channels = await self.send_list_action("CoreShowChannels", "CoreShowChannelsComplete")
        events = self.machine.reconcile(channels, known_before=known_before)
        logger.info("Reconciled %d live channels, %d call events", len(channels), len(events))
        self._deliver(events)

    # --------------------------------------------------------------- actions
    async def send_action(self, action: str, fields: dict | None = None) -> AmiMessage:
        """Send an action and wait for its Response (matched by ActionID)."""
        pending = _PendingAction(asyncio.get_running_loop().create_future())
        action_id = self._write_action(action, fields, pending)
        try:
            return await asyncio.wait_for(pending.response, self.settings.action_timeout)
        finally:
            self._pending.pop(action_id, None)

    async def send_list_action(self, action: str, end_event: str) -> list[AmiMessage]:
        """Send an action whose answer is a list of events ending with ``end_event``."""
        loop = asyncio.get_running_loop()
        pending = _PendingAction(loop.create_future(), end_event, [], loop.create_future())
        action_id = self._write_action(action, None, pending)
        try:
            response = await asyncio.wait_for(pending.response, self.settings.action_timeout)
            if response.get("Response") != "Success":
                raise AmiProtocolError(f"{action} refused: {response.get('Message')}")
            return await asyncio.wait_for(pending.complete, self.settings.action_timeout)
        finally:
            self._pending.pop(action_id, None)

    async def originate(
        self,
        agent_extension: str,
        number: str,
        context: str = "from-internal",
        caller_id: str | None = None,
        timeout: float = 30.0,
    ) -> AmiMessage:
        """Click-to-dial: ring ``agent_extension``, then dial ``number`` on answer."""
        fields = originate_fields(
            f"{self.settings.technology}/{agent_extension}",
            number,
            context,
            caller_id=caller_id,
            timeout_ms=timeout * 1000,
        )
        return await self.send_action("Originate", fields)

    def _write_action(self, action: str, fields: dict | None, pending: _PendingAction) -> str:
        if self._writer is None:
            raise ConnectionError("not connected to AMI")
        action_id = next_action_id()
        self._pending[action_id] = pending
        self._writer.write(format_action(action, action_id, fields))
        return action_id

    # ---------------------------------------------------------------- reading
    async def _read_loop(self, reader: asyncio.StreamReader, parser: AmiParser) -> None:
        try:
            while chunk := await reader.read(65536):
                for message in parser.feed(chunk):
                    self._dispatch(message)
        finally:
            # Wake up anyone awaiting a response: it will never come on this connection.
            self._fail_pending(ConnectionError("AMI connection closed"))
        raise EOFError("AMI peer closed the connection")

    def _dispatch(self, message: AmiMessage) -> None:
        pending = self._pending.get(message.get("ActionID", ""))
        if pending is not None and message.is_response:
            if not pending.response.done():
                pending.response.set_result(message)
            return
        if pending is not None and pending.list_end_event and message.is_event:
            self._collect_list_item(pending, message)
            return
        if message.is_event:
            self._deliver(self.machine.feed(message))

    @staticmethod
    def _collect_list_item(pending: _PendingAction, message: AmiMessage) -> None:
        if message.event == pending.list_end_event:
            if pending.complete is not None and not pending.complete.done():
                pending.complete.set_result(pending.items)
        else:
            pending.items.append(message)

    def _deliver(self, events: list[CallEvent]) -> None:
        if events:
            self._on_events(events)

    def _fail_pending(self, error: Exception) -> None:
        for pending in self._pending.values():
            for future in (pending.response, pending.complete):
                if future is not None and not future.done():
                    future.set_exception(error)
        self._pending.clear()
