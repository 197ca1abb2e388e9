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


# ------------------------------------------------- call shapes of real PBXs
# Events a PBX sends around a call that the state machine does not need.
def noise(leg: Leg) -> list[dict[str, str]]:
    return [
        {
            "Event": "VarSet",
            **_channel_fields(leg, 4),
            "Variable": "MIXMONITOR_FILENAME",
            "Value": "/var/spool/asterisk/monitor/x.wav",
        },  # fmt: skip
        {
            "Event": "Newexten",
            **_channel_fields(leg, 4),
            "Application": "Set",
            "AppData": "__FROMEXTEN=" + leg.number,
        },  # fmt: skip
        {
            "Event": "DeviceStateChange",
            "Device": leg.channel.rsplit("-", 1)[0],
            "State": "INUSE",
        },  # fmt: skip
        {"Event": "RTCPSent", **_channel_fields(leg, 6), "SSRC": "0x1a2b3c4d"},
    ]


def _member_legs(caller: Leg, member_channel: str, number: str, via_local: bool):
    """(the leg the caller's side dials, the member's phone leg, its dialler)."""
    phone = leg(f"{member_channel}-{next(_uniqueids):08x}", number, linkedid=caller.linkedid)
    if not via_local:
        return phone, phone, caller
    tag = f"{next(_uniqueids):08x}"
    local_1 = leg(f"Local/{number}@from-queue-{tag};1", number, linkedid=caller.linkedid)
    local_2 = leg(f"Local/{number}@from-queue-{tag};2", number, linkedid=caller.linkedid)
    return local_1, phone, local_2


def _ring_member(caller: Leg, member: tuple[Leg, Leg, Leg]) -> list[dict[str, str]]:
    first, phone, dialler = member
    events = [newchannel(first, 0), dial_begin(caller, first)]
    if dialler is not caller:
        events += [newchannel(dialler, 4), newchannel(phone, 0), dial_begin(dialler, phone)]
    return events + [newstate(phone, 5), dial_state(dialler, phone), *noise(phone)[:2]]


def _member_gives_up(caller: Leg, member: tuple[Leg, Leg, Leg], status: str) -> list[dict]:
    first, phone, dialler = member
    events = [dial_end(dialler, phone, status), hangup(phone, "19")]
    if dialler is not caller:
        events += [dial_end(caller, first, status), hangup(dialler), hangup(first)]
    return events


def _member_answers(caller: Leg, member: tuple[Leg, Leg, Leg]) -> list[dict[str, str]]:
    first, phone, dialler = member
    events = [newstate(phone, 6), dial_end(dialler, phone, "ANSWER")]
    if dialler is not caller:
        events += [dial_end(caller, first, "ANSWER"), newstate(first, 6)]
    return events + [newstate(caller, 6), bridge_enter(phone), bridge_enter(caller),
                     *noise(phone)[2:]]  # fmt: skip


def _hang_up_all(legs: list[Leg]) -> list[dict[str, str]]:
    return [hangup(one) for one in legs]


def inbound_caller(number: str, dialled: str, name: str = "") -> Leg:
    return leg(f"PJSIP/trunk-{next(_uniqueids):08x}", number, name, exten=dialled)


def hunt_group_call(
    caller: Leg,
    members: list[tuple[str, str]],
    answered_by: int | None,
    *,
    via_local: bool = True,
) -> list[dict[str, str]]:
    """A queue / hunt group ringing ``members`` (channel prefix, number) one
    after another (linear, round-robin, memory-hunt): each rings until it
    times out (NOANSWER), until member ``answered_by`` (an index) answers;
    ``None``: nobody answers and the caller hangs up."""
    events = [newchannel(caller, 4), *noise(caller)[:2]]
    for index, (channel, number) in enumerate(members):
        member = _member_legs(caller, channel, number, via_local)
        events += _ring_member(caller, member)
        if index == answered_by:
            events += _member_answers(caller, member)
            return events + _hang_up_all([member[1], member[2], member[0], caller])
        if answered_by is None and index == len(members) - 1:
            events += [hangup(caller, "16"), *_member_gives_up(caller, member, "CANCEL")]
            return events
        events += _member_gives_up(caller, member, "NOANSWER")
    return events + [hangup(caller)]


def ring_all_call(caller: Leg, members: list[tuple[str, str]]) -> list[dict[str, str]]:
    """Every member rings at once; nobody answers; the caller hangs up."""
    legs = [_member_legs(caller, channel, number, True) for channel, number in members]
    events = [newchannel(caller, 4), *noise(caller)[:2]]
    for member in legs:
        events += _ring_member(caller, member)
    events += [hangup(caller, "16")]
    for member in legs:
        events += _member_gives_up(caller, member, "CANCEL")
    return events


def trunk_call(caller: Leg, trunk_channel: str, number: str, answered: bool) -> list[dict]:
    """An agent's phone (``caller``) dials out through a trunk peer."""
    trunk = leg(f"{trunk_channel}-{next(_uniqueids):08x}", number, linkedid=caller.linkedid)
    events = [newchannel(caller, 4), *noise(caller)[:2], newchannel(trunk, 0),
              dial_begin(caller, trunk), newstate(trunk, 5), dial_state(caller, trunk)]  # fmt: skip
    if answered:
        events += [newstate(trunk, 6), dial_end(caller, trunk, "ANSWER"), newstate(caller, 6),
                   bridge_enter(trunk), bridge_enter(caller), *noise(trunk)[2:]]  # fmt: skip
        return events + [hangup(trunk), hangup(caller)]
    return events + [dial_end(caller, trunk, "NOANSWER"), hangup(trunk), hangup(caller)]


def follow_me_call(
    caller: Leg, desk_channel: str, extension: str, mobile: str, answered_on_mobile: bool
) -> list[dict[str, str]]:
    """``caller`` calls ``extension``; Follow-Me rings the desk phone and, through
    the trunk, the callee's mobile."""
    desk = _member_legs(caller, desk_channel, extension, True)
    cell = _member_legs(caller, "PJSIP/trunk", mobile, True)
    events = [newchannel(caller, 4), *_ring_member(caller, desk), *_ring_member(caller, cell)]
    if answered_on_mobile:
        events += _member_gives_up(caller, desk, "CANCEL") + _member_answers(caller, cell)
        return events + _hang_up_all([cell[1], cell[2], cell[0], caller])
    events += [hangup(caller, "16"), *_member_gives_up(caller, desk, "CANCEL")]
    return events + _member_gives_up(caller, cell, "CANCEL")
