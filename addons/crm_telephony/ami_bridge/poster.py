"""Delivers call events to Odoo over signed HTTP POSTs, with a retrying outbox.

Events wait in a bounded in-memory outbox (optionally mirrored to a JSON-lines
spool file so a restart loses nothing) and are removed only once Odoo accepted
them. The spool is a safety net, never a reason to lose a call: when it cannot
be written (missing folder, no permission, full disk) the error is logged, the
events stay in memory, and the whole outbox is written again at the next event
or delivery, until it succeeds. Network errors, 5xx and 429 are retried with
capped exponential back-off; any other 4xx can never succeed, so that batch is
logged and dropped.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import hmac
import json
import logging
import os
import random
import time
import urllib.error
import urllib.request
from collections import deque
from collections.abc import Awaitable, Callable, Iterable
from pathlib import Path

logger = logging.getLogger(__name__)

EVENTS_PATH = "/crm_telephony/v1/pbx/events"
URGENT_EVENT_TYPES = frozenset({"ringing"})
HTTP_TOO_MANY_REQUESTS = 429
HTTP_CLIENT_ERROR = 400
HTTP_SERVER_ERROR = 500


def submit_by_urgency(events: Iterable[dict], urgent: OdooPoster, other: OdooPoster) -> None:
    """Queue ``ringing`` events on ``urgent``, the rest on ``other``.

    A popup is useful only while the phone rings, whereas Odoo spends tens of
    milliseconds per ``ended`` event writing the call into the customer's
    history. With one outbox, a ringing event waited for the batch in flight
    and then for every event queued before it; with its own poster (sending
    in parallel) it waits for other ringing events only. Each poster keeps its
    own order; a call's ``answered``/``ended`` come after its ``ringing``
    anyway, since someone has to pick up.
    """
    events = list(events)
    urgent.submit(event for event in events if event.get("type") in URGENT_EVENT_TYPES)
    other.submit(event for event in events if event.get("type") not in URGENT_EVENT_TYPES)


def sign_body(secret: str, timestamp: int, body: bytes) -> str:
    """``sha256=<hex HMAC-SHA256(secret, f"{timestamp}." + body)>``."""
    digest = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return f"sha256={digest.hexdigest()}"


class PermanentDeliveryError(Exception):
    """Odoo refused the batch with a 4xx that retrying cannot fix."""


class OdooPoster:
    """Outbox + sender: :meth:`submit` events, keep :meth:`run` running."""

    def __init__(
        self,
        odoo_url: str,
        key_id: str,
        secret: str,
        *,
        spool_path: str | os.PathLike | None = None,
        max_queue: int = 10_000,
        batch_size: int = 100,
        backoff_initial: float = 1.0,
        backoff_max: float = 60.0,
        timeout: float = 10.0,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.url = odoo_url.rstrip("/") + EVENTS_PATH
        self.key_id = key_id
        self._secret = secret
        self.spool_path = Path(spool_path) if spool_path else None
        self.batch_size = batch_size
        self.backoff_initial = backoff_initial
        self.backoff_max = backoff_max
        self.timeout = timeout
        self._sleep = sleep
        self._clock = clock
        self._outbox: deque[dict] = deque(maxlen=max_queue)
        self._wakeup = asyncio.Event()
        self.delivered = 0
        self.dropped = 0
        # The spool file lags behind the outbox after a failed write: rewrite it whole.
        self.spool_failing = False
        self._load_spool()

    def __repr__(self) -> str:  # never show the secret
        return f"OdooPoster(url={self.url!r}, key_id={self.key_id!r})"

    @property
    def pending(self) -> int:
        return len(self._outbox)

    def submit(self, events: Iterable[dict]) -> None:
        """Queue JSON events; the oldest are dropped when the outbox is full."""
        added = list(events)
        if not added:
            return
        overflow = len(self._outbox) + len(added) - (self._outbox.maxlen or 0)
        if overflow > 0:
            self.dropped += overflow
            logger.error("Outbox full: dropping the %d oldest undelivered events", overflow)
        self._outbox.extend(added)
        self._append_spool(added)
        self._wakeup.set()

    async def run(self) -> None:
        """Deliver forever (cancel the task to stop)."""
        delay = self.backoff_initial
        while True:
            if not self._outbox:
                self._wakeup.clear()
                await self._wakeup.wait()
                continue
            batch = list(self._outbox)[: self.batch_size]
            try:
                await asyncio.to_thread(self._post, batch)
            except PermanentDeliveryError as error:
                logger.error("Odoo refused %d events, dropping them: %s", len(batch), error)
                self.dropped += len(batch)
            except (OSError, urllib.error.URLError) as error:
                logger.warning("Odoo unreachable (%s); retrying in %.1f s", error, delay)
                await self._sleep(delay * (1 + random.random() * 0.1))
                delay = min(delay * 2, self.backoff_max)
                continue
            else:
                self.delivered += len(batch)
            delay = self.backoff_initial
            self._remove_delivered(batch)

    async def flush(self, timeout: float) -> bool:
        """Wait until the outbox is empty (True) or ``timeout`` passed (False)."""
        deadline = asyncio.get_running_loop().time() + timeout
        while self._outbox and asyncio.get_running_loop().time() < deadline:
            await asyncio.sleep(0.01)
        return not self._outbox

    def _post(self, batch: list[dict]) -> None:
        body = json.dumps({"events": batch}, separators=(",", ":")).encode()
        timestamp = int(self._clock())
        request = urllib.request.Request(
            self.url,
            data=body,
            method="POST",
            headers={
                "Content-Type": "application/json",
                "X-Crm-Key": self.key_id,
                "X-Crm-Timestamp": str(timestamp),
                "X-Crm-Signature": sign_body(self._secret, timestamp, body),
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                response.read()
        except urllib.error.HTTPError as error:
            retryable = error.code == HTTP_TOO_MANY_REQUESTS or error.code >= HTTP_SERVER_ERROR
            if error.code >= HTTP_CLIENT_ERROR and not retryable:
                raise PermanentDeliveryError(f"HTTP {error.code} {error.reason}") from error
            raise

    def _remove_delivered(self, batch: list[dict]) -> None:
        # submit() may have evicted some of the batch meanwhile: match by identity.
        for _ in batch:
            if self._outbox and self._outbox[0] in batch:
                self._outbox.popleft()
        self._rewrite_spool()

    # ------------------------------------------------------------ spool file
    def _load_spool(self) -> None:
        if not self.spool_path:
            return
        try:
            with self.spool_path.open(encoding="utf-8", errors="replace") as spool:
                for line in spool:
                    with contextlib.suppress(json.JSONDecodeError):
                        self._outbox.append(json.loads(line))
        except FileNotFoundError:
            return
        except OSError as error:
            # Appending keeps what could not be read for a later start.
            logger.error("Cannot read the spool file %s (%s)", self.spool_path, error)
            return
        if self._outbox:
            logger.info(
                "Loaded %d undelivered events from %s",
                len(self._outbox),
                self.spool_path,
            )

    def _append_spool(self, events: list[dict]) -> None:
        if not self.spool_path:
            return
        if self.spool_failing:
            self._rewrite_spool()  # the file misses earlier events too
            return
        try:
            with self.spool_path.open("a", encoding="utf-8") as spool:
                spool.writelines(json.dumps(event) + "\n" for event in events)
        except OSError as error:
            self._spool_write_failed(error)

    def _rewrite_spool(self) -> None:
        if not self.spool_path:
            return
        temporary = self.spool_path.with_suffix(self.spool_path.suffix + ".tmp")
        try:
            with temporary.open("w", encoding="utf-8") as spool:
                spool.writelines(json.dumps(event) + "\n" for event in self._outbox)
            os.replace(temporary, self.spool_path)
        except OSError as error:
            self._spool_write_failed(error)
            return
        if self.spool_failing:
            self.spool_failing = False
            logger.warning(
                "The spool file %s is writable again (%d events spooled)",
                self.spool_path,
                len(self._outbox),
            )

    def _spool_write_failed(self, error: OSError) -> None:
        # Logged once per failure streak, not at every event of a busy PBX.
        if not self.spool_failing:
            logger.error(
                "Cannot write the spool file %s (%s): %d undelivered events are kept in memory "
                "only (lost if the bridge restarts); retrying at the next event",
                self.spool_path,
                error,
                len(self._outbox),
            )
        self.spool_failing = True
