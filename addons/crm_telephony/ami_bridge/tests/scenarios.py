"""Builders for realistic AMI event streams (modern Asterisk 13+/PJSIP field sets)."""

from __future__ import annotations

import itertools
from dataclasses import dataclass

STATE_DESC = {0: "Down", 4: "Ring", 5: "Ringing", 6: "Up"}
_uniqueids = itertools.count(100)


@dataclass
class Leg:
    channel: str
    uniqueid: str
    linkedid: str
    number: str
    name: str = ""
    exten: str = "s"


def new_uniqueid(base: int = 1770890000) -> str:
    return f"{base}.{next(_uniqueids)}"


def leg(
    channel: str,
    number: str,
    name: str = "",
    *,
    linkedid: str | None = None,
    exten: str = "s",
) -> Leg:
    uniqueid = new_uniqueid()
    return Leg(channel, uniqueid, linkedid or uniqueid, number, name, exten)


def _channel_fields(leg: Leg, state: int, prefix: str = "") -> dict[str, str]:
    return {
        f"{prefix}Channel": leg.channel,
        f"{prefix}ChannelState": str(state),
        f"{prefix}ChannelStateDesc": STATE_DESC.get(state, "Unknown"),
        f"{prefix}CallerIDNum": leg.number,
        f"{prefix}CallerIDName": leg.name,
        f"{prefix}ConnectedLineNum": "<unknown>",
        f"{prefix}ConnectedLineName": "<unknown>",
        f"{prefix}Context": "from-internal",
        f"{prefix}Exten": leg.exten,
        f"{prefix}Priority": "1",
        f"{prefix}Uniqueid": leg.uniqueid,
        f"{prefix}Linkedid": leg.linkedid,
    }


def newchannel(leg: Leg, state: int = 0) -> dict[str, str]:
    return {
        "Event": "Newchannel",
        "Privilege": "call,all",
        **_channel_fields(leg, state),
    }


def newstate(leg: Leg, state: int) -> dict[str, str]:
    return {"Event": "Newstate", "Privilege": "call,all", **_channel_fields(leg, state)}


def dial_begin(caller: Leg, dest: Leg) -> dict[str, str]:
    return {
        "Event": "DialBegin",
        **_channel_fields(caller, 4),
        **_channel_fields(dest, 0, "Dest"),
        "DialString": dest.channel.split("-")[0].split("/", 1)[-1],
    }


def dial_state(caller: Leg, dest: Leg, status: str = "RINGING") -> dict[str, str]:
    return {
        "Event": "DialState",
        **_channel_fields(caller, 4),
        **_channel_fields(dest, 5, "Dest"),
        "DialStatus": status,
    }


def dial_end(caller: Leg, dest: Leg, status: str) -> dict[str, str]:
    dest_state = 6 if status == "ANSWER" else 5
    return {
        "Event": "DialEnd",
        **_channel_fields(caller, 4),
        **_channel_fields(dest, dest_state, "Dest"),
        "DialStatus": status,
    }


def bridge_enter(leg: Leg) -> dict[str, str]:
    return {
        "Event": "BridgeEnter",
        "BridgeUniqueid": "b-" + leg.linkedid,
        "BridgeType": "basic",
        **_channel_fields(leg, 6),
    }


def hangup(leg: Leg, cause: str = "16") -> dict[str, str]:
    return {
        "Event": "Hangup",
        **_channel_fields(leg, 6),
        "Cause": cause,
        "Cause-txt": "Normal Clearing",
    }


def call_start(caller: Leg, dest: Leg) -> list[dict[str, str]]:
    """Caller channel appears, dials ``dest``, which starts ringing."""
    return [
        newchannel(caller, 4),
        newchannel(dest, 0),
        dial_begin(caller, dest),
        newstate(dest, 5),
        dial_state(caller, dest),
    ]


def call_answer(caller: Leg, dest: Leg) -> list[dict[str, str]]:
    return [
        newstate(dest, 6),
        dial_end(caller, dest, "ANSWER"),
        newstate(caller, 6),
        bridge_enter(dest),
        bridge_enter(caller),
    ]


def call_hangup(caller: Leg, dest: Leg) -> list[dict[str, str]]:
    return [hangup(dest), hangup(caller)]


def answered_call(caller: Leg, dest: Leg) -> list[dict[str, str]]:
    return call_start(caller, dest) + call_answer(caller, dest) + call_hangup(caller, dest)


def simple_call(
    caller_number: str,
    callee: str,
    *,
    caller_name: str = "",
    dest_channel: str | None = None,
) -> tuple[Leg, Leg]:
    """Two legs of one call: ``caller_number`` dials ``callee``."""
    is_extension = caller_number.isdigit() and len(caller_number) <= 6
    tech_caller = f"PJSIP/{caller_number}" if is_extension else "PJSIP/trunk"
    caller = leg(
        f"{tech_caller}-{next(_uniqueids):08x}",
        caller_number,
        caller_name,
        exten=callee,
    )
    dest_name = dest_channel or f"PJSIP/{callee}"
    dest = leg(f"{dest_name}-{next(_uniqueids):08x}", callee, linkedid=caller.linkedid)
    return caller, dest
