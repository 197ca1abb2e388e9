"""Call state machine: turns AMI channel events into CRM call events.

Fed with modern Asterisk (13+, PJSIP) events: Newchannel, Newstate, DialBegin,
DialState, DialEnd, BridgeEnter, Hangup. ``Linkedid`` groups every leg of a call.

Reported events (see README for the JSON contract):

* ``ringing`` once per ringing agent extension;
* ``answered`` once, for the agent who took the call;
* ``ended`` with ``scope: "agent"`` once per agent whose phone rang but who did
  not answer (``extension`` = that agent, state missed/busy/failed): that
  agent's leg ended, not the call — in a hunt group or queue that rings members
  one after another a later member may still answer;
* exactly one call-level ``ended`` (``scope: "call"``) when the caller's leg
  ends or every leg is gone, whose ``extension`` is the answering agent
  (answered calls), the calling agent (outbound calls) or null (unanswered
  inbound/internal calls: the call belongs to the group that rang).

``Local/`` channels (ring groups, queues, follow-me) are never reported as agents:
only the real endpoints they dial are. Legs to a trunk (a peer named by a
domain or a provider, a Follow-Me leg to a mobile) never ring anyone in the CRM:
the caller is not shown a popup of his own call. Agents' peers may carry a
tenant (``SIP/9170-12-0000003c``: endpoint ``9170-12``), as chan_sip and PJSIP
multi-tenant set-ups name them.
"""

from __future__ import annotations

import logging
import re
import time
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone

logger = logging.getLogger(__name__)

# An extension, optionally with the tenant of a multi-tenant PBX ("9170-12").
DEFAULT_EXTENSION_REGEX = r"^\d{2,6}(-[A-Za-z0-9_]{1,32})?$"
CHANNEL_STATE_RINGING = 5
CHANNEL_STATE_UP = 6
HANDLED_EVENTS = frozenset(
    {
        "Newchannel",
        "Newstate",
        "DialBegin",
        "DialState",
        "DialEnd",
        "BridgeEnter",
        "Hangup",
    }
)
UNKNOWN_CALLER_VALUES = frozenset(
    {"", "<unknown>", "unknown", "anonymous", "restricted", "private", "unavailable"}
)
_USABLE_NUMBER = re.compile(r"^\+?[0-9*#]{1,20}$")
# DialStatus → final state of a call (or of one agent's leg) that was not answered.
DIAL_STATUS_STATES = {
    "CANCEL": "missed",
    "NOANSWER": "missed",
    "BUSY": "busy",
    "CHANUNAVAIL": "failed",
    "CONGESTION": "failed",
}


def channel_endpoint(channel: str) -> str:
    """``PJSIP/21-0000001a`` → ``21``: technology stripped, unique suffix removed."""
    name = channel.split(";", 1)[0]
    _tech, _slash, resource = name.partition("/")
    resource = resource or name
    base, dash, _suffix = resource.rpartition("-")
    return base if dash else resource


def is_local_channel(channel: str) -> bool:
    return channel.startswith("Local/")


def clean_caller_number(raw: str | None) -> tuple[str | None, str | None]:
    """Return ``(number, raw_caller)``; number is None when the raw is unusable."""
    value = (raw or "").strip()
    compact = re.sub(r"[\s().-]", "", value)
    if value.lower() in UNKNOWN_CALLER_VALUES or not _USABLE_NUMBER.match(compact):
        return None, raw
    return compact, None


def iso_utc(timestamp: float | None) -> str | None:
    if timestamp is None:
        return None
    moment = datetime.fromtimestamp(timestamp, timezone.utc)
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


@dataclass
class CallEvent:
    """One event delivered to Odoo; ``to_json`` gives the contract's field names."""

    event_id: str
    call_id: str
    type: str
    direction: str
    caller_number: str | None
    caller_name: str | None
    callee_number: str | None
    extension: str | None
    state: str | None
    at: float
    started_at: float | None
    answered_at: float | None
    ended_at: float | None
    duration: int
    raw_caller: str | None
    source: str = "ami"
    scope: str = "call"

    def to_json(self) -> dict:
        data = asdict(self)
        for key in ("at", "started_at", "answered_at", "ended_at"):
            data[key] = iso_utc(data[key])
        return data


@dataclass
class Leg:
    """One channel of a call."""

    name: str
    uniqueid: str
    endpoint: str
    is_local: bool
    state: int = 0
    dial_status: str | None = None


@dataclass
class Call:
    """Everything known about one Linkedid."""

    linkedid: str
    started_at: float
    caller_number: str | None = None
    caller_name: str | None = None
    raw_caller: str | None = None
    callee_number: str | None = None
    legs: dict[str, Leg] = field(default_factory=dict)
    # The caller's endpoint when it is an agent's phone ("9170-12"), else None.
    caller_endpoint: str | None = None
    ringing: set[str] = field(default_factory=set)
    agent: str | None = None
    answered_at: float | None = None
    ended_at: float | None = None
    last_dial_status: str | None = None
    last_activity: float = 0.0
    # Set when Odoo placed the call (click-to-dial): the id Odoo logged it under.
    crm_call_id: str | None = None


CRM_CALL_ID_VARIABLE = "CRM_CALL_ID"


class CallStateMachine:
    """Feed AMI events with :meth:`feed`; it returns the call events they caused."""

    def __init__(
        self,
        extension_regex: str = DEFAULT_EXTENSION_REGEX,
        clock: Callable[[], float] = time.time,
        retention_hours: float = 4.0,
    ) -> None:
        self._extension = re.compile(extension_regex)
        self._clock = clock
        self.retention_seconds = retention_hours * 3600
        self.calls: dict[str, Call] = {}
        # event_id → time emitted; kept after a call ends so a replay stays silent.
        self._emitted: dict[str, float] = {}
        self.unknown_events: Counter[str] = Counter()

    # ----------------------------------------------------------------- input
    def feed(self, message: Mapping[str, str]) -> list[CallEvent]:
        name = message.get("Event")
        if name not in HANDLED_EVENTS:
            if name:
                self.unknown_events[name] += 1
            return []
        linkedid = message.get("Linkedid") or message.get("LinkedID")
        if not linkedid:
            return []
        at = self._event_time(message)
        call = self.calls.get(linkedid)
        if call is None:
            if name != "Newchannel":
                # A call we did not see start (bridge started mid-call): see reconcile.
                return []
            call = self.calls[linkedid] = Call(linkedid=linkedid, started_at=at)
        call.last_activity = at
        call.crm_call_id = call.crm_call_id or _crm_call_id(message)
        out: list[CallEvent] = []
        getattr(self, f"_on_{name.lower()}")(call, message, at, out)
        return [event for event in out if self._first_time(event)]

    def feed_many(self, messages: Iterable[Mapping[str, str]]) -> list[CallEvent]:
        return [event for message in messages for event in self.feed(message)]

    def is_extension(self, number: str | None) -> bool:
        return bool(number) and bool(self._extension.match(number))

    # --------------------------------------------------------- event handlers
    def _on_newchannel(self, call: Call, msg: Mapping[str, str], _at: float, _out: list) -> None:
        leg = self._leg(call, msg)
        leg.state = _int(msg.get("ChannelState"))
        if msg.get("Uniqueid") == call.linkedid and call.callee_number is None:
            # The first channel of a Linkedid is the caller; Exten is what it dialled.
            call.caller_number, call.raw_caller = clean_caller_number(msg.get("CallerIDNum"))
            if not leg.is_local and self.is_extension(leg.endpoint):
                call.caller_endpoint = leg.endpoint
            call.caller_name = _clean_name(msg.get("CallerIDName"))
            exten = msg.get("Exten")
            call.callee_number = exten if exten and exten != "s" else None

    def _on_newstate(self, call: Call, msg: Mapping[str, str], at: float, out: list) -> None:
        leg = self._leg(call, msg)
        leg.state = _int(msg.get("ChannelState"))
        self._destination_changed(call, leg, at, out)

    def _on_dialbegin(self, call: Call, msg: Mapping[str, str], _at: float, _out: list) -> None:
        self._dest_leg(call, msg)

    def _on_dialstate(self, call: Call, msg: Mapping[str, str], at: float, out: list) -> None:
        leg = self._dest_leg(call, msg)
        if leg and msg.get("DialStatus") == "RINGING":
            leg.state = max(leg.state, CHANNEL_STATE_RINGING)
            self._destination_changed(call, leg, at, out)

    def _on_dialend(self, call: Call, msg: Mapping[str, str], at: float, out: list) -> None:
        leg = self._dest_leg(call, msg)
        status = msg.get("DialStatus", "")
        if leg is None:
            return
        if status == "ANSWER":
            leg.state = CHANNEL_STATE_UP
            self._destination_changed(call, leg, at, out)
            return
        leg.dial_status = status
        if status in DIAL_STATUS_STATES:
            call.last_dial_status = status

    def _on_bridgeenter(self, call: Call, msg: Mapping[str, str], at: float, out: list) -> None:
        # Entering a bridge means the leg is up even if a Newstate was missed.
        leg = self._leg(call, msg)
        leg.state = CHANNEL_STATE_UP
        self._destination_changed(call, leg, at, out)

    def _on_hangup(self, call: Call, msg: Mapping[str, str], at: float, out: list) -> None:
        uniqueid = msg.get("Uniqueid", "")
        leg = call.legs.pop(uniqueid, None)
        if leg is not None:
            self._leg_stopped_ringing(call, leg, at, out)
        caller_left = leg is not None and uniqueid == call.linkedid and not leg.is_local
        if caller_left or not call.legs:
            # The call ends with its caller's leg, or when every leg is gone:
            # not when one member of a hunt group stops ringing.
            for other in list(call.legs.values()):
                self._leg_stopped_ringing(call, other, at, out)
            self._finish(call, at, out)

    # ------------------------------------------------------------ reporting
    def _destination_changed(self, call: Call, leg: Leg, at: float, out: list) -> None:
        if leg.uniqueid == call.linkedid or leg.is_local:
            return  # the caller's own channel, or a Local/ hop: never an agent
        agent = leg.endpoint if self.is_extension(leg.endpoint) else None
        if call.answered_at is not None:
            return
        if agent is None and self._direction(call) == "outbound":
            # A trunk leg of a call an agent placed: it concerns that agent
            # (reported as outbound, which pops nothing up). A trunk leg of
            # any other call (Follow-Me to a mobile) concerns no agent.
            agent = self._caller_agent(call)
        if leg.state == CHANNEL_STATE_RINGING and agent is not None:
            call.ringing.add(agent)
            out.append(self._event(call, "ringing", agent, at))
        elif leg.state == CHANNEL_STATE_UP:
            call.agent = agent
            call.answered_at = at
            out.append(self._event(call, "answered", agent, at))

    def _leg_stopped_ringing(self, call: Call, leg: Leg, at: float, out: list) -> None:
        agent = leg.endpoint if not leg.is_local and self.is_extension(leg.endpoint) else None
        if agent is None or agent not in call.ringing or agent == call.agent:
            return
        state = DIAL_STATUS_STATES.get(leg.dial_status or "", "missed")
        if call.answered_at is not None:
            state = "missed"  # a colleague took the call
        call.ringing.discard(agent)
        out.append(self._event(call, "ended", agent, at, state=state, scope="agent"))

    def _finish(self, call: Call, at: float, out: list) -> None:
        call.ended_at = at
        if call.answered_at is not None:
            state = "answered"
        else:
            state = DIAL_STATUS_STATES.get(call.last_dial_status or "", "missed")
        extension = call.agent
        if extension is None and self._direction(call) == "outbound":
            extension = self._caller_agent(call)
        out.append(self._event(call, "ended", extension, at, state=state))
        del self.calls[call.linkedid]

    def _caller_agent(self, call: Call) -> str | None:
        """The agent who placed the call: his peer's name, else his caller ID."""
        if call.caller_endpoint:
            return call.caller_endpoint
        return call.caller_number if self.is_extension(call.caller_number) else None

    def _direction(self, call: Call) -> str:
        if call.crm_call_id:
            return "outbound"  # placed by click-to-dial, whatever caller ID it shows
        if self._caller_agent(call) is None:
            return "inbound"
        if call.callee_number is None or self.is_extension(call.callee_number):
            return "internal"
        return "outbound"

    def _event(
        self,
        call: Call,
        kind: str,
        extension: str | None,
        at: float,
        state: str | None = None,
        scope: str = "call",
    ) -> CallEvent:
        duration = 0
        if (
            kind == "ended"
            and scope == "call"
            and call.answered_at is not None
            and extension == call.agent
        ):
            duration = max(0, round(at - call.answered_at))
        # A call Odoo placed is reported under the id Odoo logged it with, so
        # that the PBX's events complete that record instead of making another.
        call_id = call.crm_call_id or call.linkedid
        label = kind if scope == "call" else f"{kind}-{scope}"
        return CallEvent(
            event_id=f"{call_id}:{label}:{extension or ''}",
            call_id=call_id,
            type=kind,
            direction=self._direction(call),
            caller_number=call.caller_number,
            caller_name=call.caller_name,
            callee_number=call.callee_number,
            extension=extension,
            state=state,
            at=at,
            started_at=call.started_at,
            answered_at=call.answered_at,
            ended_at=at if kind == "ended" else None,
            duration=duration,
            raw_caller=call.raw_caller,
            scope=scope,
        )

    # -------------------------------------------------------------- helpers
    def _leg(self, call: Call, msg: Mapping[str, str]) -> Leg:
        return self._leg_for(call, msg.get("Channel", ""), msg.get("Uniqueid", ""))

    def _dest_leg(self, call: Call, msg: Mapping[str, str]) -> Leg | None:
        channel, uniqueid = msg.get("DestChannel"), msg.get("DestUniqueid")
        if not channel or not uniqueid:
            return None
        return self._leg_for(call, channel, uniqueid)

    @staticmethod
    def _leg_for(call: Call, channel: str, uniqueid: str) -> Leg:
        leg = call.legs.get(uniqueid)
        if leg is None:
            leg = call.legs[uniqueid] = Leg(
                name=channel,
                uniqueid=uniqueid,
                endpoint=channel_endpoint(channel),
                is_local=is_local_channel(channel),
            )
        return leg

    def _event_time(self, message: Mapping[str, str]) -> float:
        try:
            return float(message["Timestamp"])
        except (KeyError, ValueError):
            return self._clock()

    def _first_time(self, event: CallEvent) -> bool:
        if event.event_id in self._emitted:
            return False
        self._emitted[event.event_id] = event.at
        return True

    # ---------------------------------------------------- memory and recovery
    def evict(self, now: float | None = None) -> int:
        """Forget calls idle for longer than the retention and old event ids."""
        now = self._clock() if now is None else now
        horizon = now - self.retention_seconds
        stale = [lid for lid, call in self.calls.items() if call.last_activity < horizon]
        for linkedid in stale:
            logger.info(
                "Evicting call %s idle since %s",
                linkedid,
                iso_utc(self.calls[linkedid].last_activity),
            )
            del self.calls[linkedid]
        self._emitted = {key: at for key, at in self._emitted.items() if at >= horizon}
        return len(stale)

    def known_channels(self) -> set[str]:
        """Uniqueids of every live leg (snapshot taken before a reconciliation)."""
        return {uid for call in self.calls.values() for uid in call.legs}

    def reconcile(
        self,
        live: Iterable[Mapping[str, str]],
        known_before: set[str] | None = None,
        now: float | None = None,
    ) -> list[CallEvent]:
        """Align the state with a ``CoreShowChannels`` snapshot taken after a gap.

        Legs we knew (``known_before``) that are gone are hung up, which ends calls
        with their last known state; live legs that changed state or were never seen
        are replayed as synthetic events so no call that started in the gap is lost.
        """
        now = self._clock() if now is None else now
        known = self.known_channels() if known_before is None else known_before
        live_list = sorted(live, key=lambda ch: ch.get("Uniqueid") != ch.get("Linkedid"))
        live_ids = {ch.get("Uniqueid") for ch in live_list}
        events: list[CallEvent] = []
        for call in list(self.calls.values()):
            for uniqueid, leg in list(call.legs.items()):
                if uniqueid in known and uniqueid not in live_ids:
                    events += self.feed(
                        _synthetic("Hangup", leg.name, uniqueid, call.linkedid, now)
                    )
        for channel in live_list:
            events += self._replay_live_channel(channel, now)
        return events

    def _replay_live_channel(self, channel: Mapping[str, str], now: float) -> list[CallEvent]:
        linkedid, uniqueid = channel.get("Linkedid", ""), channel.get("Uniqueid", "")
        call = self.calls.get(linkedid)
        events: list[CallEvent] = []
        if call is None or uniqueid not in call.legs:
            started = now - _duration_seconds(channel.get("Duration"))
            newchannel = {**channel, "Event": "Newchannel", "Timestamp": str(started)}
            events += self.feed(newchannel)
        state = channel.get("ChannelState", "")
        events += self.feed(
            {
                **channel,
                "Event": "Newstate",
                "ChannelState": state,
                "Timestamp": str(now),
            }
        )
        return events


def _crm_call_id(message: Mapping[str, str]) -> str | None:
    """The CRM_CALL_ID channel variable Odoo sets on the calls it originates.

    Asterisk reports the variables listed in manager.conf's ``channelvars`` as
    ``ChanVariable: NAME=value`` (Asterisk 12+) or ``ChanVariable(channel):
    NAME=value`` (older), possibly repeated.
    """
    for key in message:
        if not key.startswith("ChanVariable"):
            continue
        values = message.getall(key) if hasattr(message, "getall") else [message[key]]
        for value in values:
            name, _sep, variable = value.partition("=")
            if name.strip() == CRM_CALL_ID_VARIABLE and variable.strip():
                return variable.strip()
    return None


def _synthetic(event: str, channel: str, uniqueid: str, linkedid: str, at: float) -> dict[str, str]:
    return {
        "Event": event,
        "Channel": channel,
        "Uniqueid": uniqueid,
        "Linkedid": linkedid,
        "Timestamp": str(at),
    }


def _duration_seconds(value: str | None) -> float:
    """CoreShowChannel ``Duration`` is ``HH:MM:SS``."""
    try:
        hours, minutes, seconds = (int(part) for part in (value or "").split(":"))
    except ValueError:
        return 0.0
    return hours * 3600 + minutes * 60 + seconds


def _int(value: str | None) -> int:
    try:
        return int(value or 0)
    except ValueError:
        return 0


def _clean_name(name: str | None) -> str | None:
    name = (name or "").strip()
    return None if name.lower() in UNKNOWN_CALLER_VALUES else name
