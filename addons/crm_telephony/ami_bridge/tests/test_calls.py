"""Call state machine: real captures and synthetic streams."""

from __future__ import annotations

import itertools
from datetime import datetime

import pytest
import scenarios
from ami_bridge.calls import CallStateMachine, channel_endpoint, clean_caller_number
from ami_bridge.protocol import AmiParser
from scenarios import (
    answered_call,
    bridge_enter,
    call_start,
    dial_begin,
    dial_end,
    dial_state,
    hangup,
    leg,
    newchannel,
    newstate,
    simple_call,
)

FIXTURE_OUTCOMES = {
    # name: (linkedid, caller, caller name, ringing ext, final state)
    "answered-internal": ("1770888534.43", "21", "Kitchen", "1986", "answered"),
    "answered-outbound": ("1770888509.40", "1986", "Martin", "21", "answered"),
    "unanswered-cancel": ("1770888559.46", "1986", "Martin", "21", "missed"),
}


def stepping_clock(start: float = 1_770_888_000.0, step: float = 1.0):
    """An injected clock advancing ``step`` seconds each time it is read."""
    ticks = itertools.count()
    return lambda: start + step * next(ticks)


def machine(**kwargs) -> CallStateMachine:
    return CallStateMachine(clock=stepping_clock(), **kwargs)


def seconds(iso: str) -> float:
    return datetime.fromisoformat(iso.replace("Z", "+00:00")).timestamp()


def stamped(events: list[dict], start: float = 1_770_900_000.0, step: float = 0.5):
    """Give events ``Timestamp`` keys as with ``timestampevents=yes``."""
    return [{**event, "Timestamp": f"{start + i * step:.6f}"} for i, event in enumerate(events)]


def by_type(events) -> dict[str, list]:
    grouped: dict[str, list] = {"ringing": [], "answered": [], "ended": []}
    for event in events:
        grouped[event.type].append(event)
    return grouped


# ------------------------------------------------------------ real captures
def test_fixture_calls_are_reported_correctly(capture):
    name, raw = capture
    linkedid, caller, caller_name, ringing_ext, final = FIXTURE_OUTCOMES[name]
    events = [e.to_json() for e in machine().feed_many(AmiParser().feed(raw))]

    assert {e["call_id"] for e in events} == {linkedid}
    assert all(e["direction"] == "internal" and e["source"] == "ami" for e in events)
    assert all(e["caller_number"] == caller and e["caller_name"] == caller_name for e in events)
    assert all(e["callee_number"] == ringing_ext and e["raw_caller"] is None for e in events)
    ringing = [e for e in events if e["type"] == "ringing"]
    assert [e["extension"] for e in ringing] == [ringing_ext]
    assert ringing[0]["event_id"] == f"{linkedid}:ringing:{ringing_ext}"
    final_event = events[-1]
    assert final_event["type"] == "ended" and final_event["state"] == final
    assert final_event["ended_at"] == final_event["at"]
    assert seconds(final_event["started_at"]) < seconds(ringing[0]["at"])
    if final == "answered":
        answered = [e for e in events if e["type"] == "answered"]
        assert [e["extension"] for e in answered] == [ringing_ext]
        assert final_event["extension"] == ringing_ext
        talk = seconds(final_event["ended_at"]) - seconds(final_event["answered_at"])
        assert final_event["duration"] == round(talk) > 0
        assert [e["type"] for e in events] == ["ringing", "answered", "ended"]
    else:
        assert [(e["type"], e["extension"], e["state"]) for e in events] == [
            ("ringing", ringing_ext, None),
            ("ended", ringing_ext, "missed"),  # 21 stops ringing
            ("ended", None, "missed"),  # the call as a whole
        ]
        assert all(e["answered_at"] is None and e["duration"] == 0 for e in events)
    assert len({e["event_id"] for e in events}) == len(events)


def test_fixture_fed_twice_yields_no_duplicates_and_stable_ids(capture):
    _name, raw = capture
    state_machine = machine()
    first = state_machine.feed_many(AmiParser().feed(raw))
    assert first
    assert state_machine.feed_many(AmiParser().feed(raw)) == []
    again = machine().feed_many(AmiParser().feed(raw.replace(b"\n", b"\r\n")))
    assert [e.event_id for e in again] == [e.event_id for e in first]


def test_fixture_noise_events_are_counted_as_unknown(capture):
    _name, raw = capture
    state_machine = machine()
    state_machine.feed_many(AmiParser().feed(raw))
    assert state_machine.unknown_events["NewConnectedLine"] == 4
    assert "Newchannel" not in state_machine.unknown_events
    assert not state_machine.calls  # finished calls are not kept in memory


def test_truncated_capture_keeps_the_call_open_until_the_rest_arrives(capture):
    _name, raw = capture
    cut = raw.index(b"Event: DialState") + 20
    parser, state_machine = AmiParser(), machine()
    head = state_machine.feed_many(parser.feed(raw[:cut]))
    assert [e.type for e in head] == ["ringing"]
    assert len(state_machine.calls) == 1
    tail = state_machine.feed_many(parser.feed(raw[cut:]))
    assert tail[-1].type == "ended" and not state_machine.calls


def test_timestamp_key_is_used_when_present(capture):
    _name, raw = capture
    messages = stamped(AmiParser().feed(raw), start=1_770_888_534.5, step=1.0)
    events = machine().feed_many(messages)
    ring_index = next(i for i, m in enumerate(messages) if m.get("DialStatus") == "RINGING")
    newstate_ringing = next(i for i, m in enumerate(messages) if m.get("ChannelState") == "5")
    first_ring = min(ring_index, newstate_ringing)
    assert events[0].at == pytest.approx(1_770_888_534.5 + first_ring)
    assert events[0].started_at == pytest.approx(1_770_888_534.5)
    assert events[0].to_json()["started_at"] == "2026-02-12T09:28:54.500Z"


# ---------------------------------------------------------- synthetic streams
def ring_group_stream():
    """External caller → ring group 600 via Local/ → 21 and 22 ring, 22 answers."""
    caller = leg("PJSIP/trunk-00000040", "+3225550100", "ACME", exten="600")
    lid = caller.linkedid
    local1 = leg("Local/600@from-internal-00000001;1", "600", linkedid=lid)
    local2 = leg("Local/600@from-internal-00000001;2", "600", linkedid=lid)
    agent21 = leg("PJSIP/21-00000041", "21", "Kitchen", linkedid=lid)
    agent22 = leg("PJSIP/22-00000042", "22", "Desk", linkedid=lid)
    events = [
        newchannel(caller, 4), newchannel(local1), newchannel(local2),
        dial_begin(caller, local1),
        newchannel(agent21), newchannel(agent22),
        dial_begin(local2, agent21), dial_begin(local2, agent22),
        newstate(agent21, 5), newstate(agent22, 5),
        dial_state(local2, agent21), dial_state(local2, agent22),
        newstate(local1, 5), dial_state(caller, local1),
        newstate(agent22, 6), dial_end(local2, agent22, "ANSWER"),
        dial_end(local2, agent21, "CANCEL"), hangup(agent21, "26"),
        newstate(local2, 6), newstate(local1, 6), dial_end(caller, local1, "ANSWER"),
        newstate(caller, 6), bridge_enter(local1), bridge_enter(caller),
        bridge_enter(agent22), bridge_enter(local2),
        hangup(agent22), hangup(local2), hangup(local1), hangup(caller),
    ]  # fmt: skip
    return lid, stamped(events)


def test_ring_group_through_local_channels_reports_only_real_agents():
    lid, stream = ring_group_stream()
    events = machine().feed_many(stream)
    summary = [(e.type, e.extension, e.state) for e in events]
    assert summary == [
        ("ringing", "21", None),
        ("ringing", "22", None),
        ("answered", "22", None),
        ("ended", "21", "missed"),  # 21 stopped ringing: a colleague answered
        ("ended", "22", "answered"),
    ]
    assert all(e.call_id == lid and e.direction == "inbound" for e in events)
    assert all(e.caller_number == "+3225550100" for e in events)
    assert all(e.callee_number == "600" for e in events)
    assert not any("Local" in (e.extension or "") or "@" in (e.extension or "") for e in events)
    final = events[-1]
    assert final.duration == round(final.ended_at - final.answered_at)


@pytest.mark.parametrize(
    ("status", "cause", "state"),
    [
        ("BUSY", "17", "busy"),
        ("CHANUNAVAIL", "20", "failed"),
        ("CONGESTION", "34", "failed"),
        ("NOANSWER", "19", "missed"),
    ],
)  # fmt: skip
def test_unanswered_outcomes(status, cause, state):
    caller, dest = simple_call("1986", "21", caller_name="Martin")
    ringing = [newstate(dest, 5), dial_state(caller, dest)] if status == "NOANSWER" else []
    stream = [
        newchannel(caller, 4), newchannel(dest), dial_begin(caller, dest), *ringing,
        dial_end(caller, dest, status), hangup(dest, cause), hangup(caller, cause),
    ]  # fmt: skip
    events = machine().feed_many(stamped(stream))
    final = events[-1]
    assert (final.type, final.state, final.extension) == ("ended", state, None)
    assert final.answered_at is None and final.duration == 0
    assert not [e for e in events if e.type == "answered"]
    if ringing:
        assert [(e.type, e.extension, e.state) for e in events[:2]] == [
            ("ringing", "21", None),
            ("ended", "21", "missed"),
        ]


@pytest.mark.parametrize(
    ("raw", "number"),
    [("anonymous", None), ("<unknown>", None), ("", None), ("4" * 40, None),
     ("Anonymous", None), ("+32 2 555 01 00", "+3225550100"),
     ("0475123456", "0475123456")],
)  # fmt: skip
def test_caller_number_cleaning(raw, number):
    caller, dest = simple_call("x", "21")
    caller.number = raw
    events = machine().feed_many(answered_call(caller, dest))
    assert {e.caller_number for e in events} == {number}
    assert {e.raw_caller for e in events} == {None if number else raw}
    assert {e.direction for e in events} == {"inbound"}
    assert [e.type for e in events] == ["ringing", "answered", "ended"]


def test_outbound_call_is_reported_for_the_calling_agent():
    caller, dest = simple_call("21", "0032475123456", caller_name="Kitchen",
                               dest_channel="PJSIP/provider")  # fmt: skip
    events = machine().feed_many(stamped(answered_call(caller, dest)))
    assert [(e.type, e.extension) for e in events] == [
        ("ringing", "21"), ("answered", "21"), ("ended", "21")
    ]  # fmt: skip
    assert {e.direction for e in events} == {"outbound"}
    assert {e.callee_number for e in events} == {"0032475123456"}


def test_call_placed_by_odoo_keeps_the_crm_call_id():
    """Click-to-dial: Odoo logged the call as CRM_CALL_ID and asked Asterisk to
    report that variable; every event of the call carries Odoo's id."""
    caller, dest = simple_call("21", "0032475123456", dest_channel="PJSIP/provider")
    stream = stamped(answered_call(caller, dest))
    stream[0] = {**stream[0], "ChanVariable": "CRM_CALL_ID=odoo-7f3a"}
    events = machine().feed_many(stream)
    assert {e.call_id for e in events} == {"odoo-7f3a"}
    assert [e.event_id for e in events] == [
        "odoo-7f3a:ringing:21", "odoo-7f3a:answered:21", "odoo-7f3a:ended:21"
    ]  # fmt: skip


def test_channel_variables_in_the_old_format_and_from_the_wire():
    raw = (
        b"Event: Newchannel\r\nChannel: PJSIP/21-00000001\r\nChannelState: 4\r\n"
        b"CallerIDNum: 21\r\nExten: 5551234\r\nUniqueid: 1.1\r\nLinkedid: 1.1\r\n"
        b"ChanVariable(PJSIP/21-00000001): OTHER=x\r\n"
        b"ChanVariable(PJSIP/21-00000001): CRM_CALL_ID=odoo-old\r\n\r\n"
    )
    state = machine()
    [message] = AmiParser().feed(raw)
    state.feed(message)
    assert state.calls["1.1"].crm_call_id == "odoo-old"


def test_calls_not_placed_by_odoo_keep_the_linkedid():
    caller, dest = simple_call("21", "0032475123456", dest_channel="PJSIP/provider")
    stream = stamped(answered_call(caller, dest))
    stream[0] = {**stream[0], "ChanVariable": "OTHER=1"}
    events = machine().feed_many(stream)
    assert {e.call_id for e in events} == {caller.linkedid}


def test_extension_regex_is_configurable():
    caller, dest = simple_call("21", "1986")
    events = machine(extension_regex=r"^\d{2}$").feed_many(answered_call(caller, dest))
    assert {e.direction for e in events} == {"outbound"}


def test_unknown_and_malformed_events_are_ignored_and_counted():
    state_machine = machine()
    noise = [
        {"Event": "FancyNewEvent"},
        {"Event": "Newstate"},
        {"Response": "Success"},
        {"Event": "Hangup", "Linkedid": "gone.1", "Uniqueid": "gone.1"},
    ]
    assert state_machine.feed_many(noise) == []
    assert state_machine.unknown_events == {"FancyNewEvent": 1}
    assert not state_machine.calls


def test_malformed_bytes_around_a_call_do_not_lose_it():
    caller, dest = simple_call("1986", "21")
    body = b"".join(
        "".join(f"{k}: {v}\r\n" for k, v in event.items()).encode() + b"\r\n"
        for event in answered_call(caller, dest)
    )
    noise = b"\x00\xff\xfegarbage\r\nno colon here\r\n\r\n" + b"Junk: " + b"z" * 70000 + b"\r\n\r\n"
    parser = AmiParser()
    events = machine().feed_many(parser.feed(noise + body + noise))
    assert [e.type for e in events] == ["ringing", "answered", "ended"]
    assert parser.dropped_messages == 2 and parser.malformed_lines >= 2


@pytest.mark.parametrize(
    ("channel", "endpoint"),
    [("PJSIP/21-0000001a", "21"), ("SIP/office-200-00000a1f", "office-200"),
     ("IAX2/provider-1234", "provider"),
     ("Local/1986@from-queue-0000001f;2", "1986@from-queue")],
)  # fmt: skip
def test_channel_endpoint(channel, endpoint):
    assert channel_endpoint(channel) == endpoint


def test_clean_caller_number_keeps_raw_value_when_unusable():
    assert clean_caller_number("<unknown>") == (None, "<unknown>")
    assert clean_caller_number("1986") == ("1986", None)


# ------------------------------------------------------- memory and recovery
def test_idle_calls_are_evicted_after_retention():
    state_machine = CallStateMachine(clock=lambda: 1000.0, retention_hours=1)
    caller, dest = simple_call("1986", "21")
    state_machine.feed_many(call_start(caller, dest))
    assert len(state_machine.calls) == 1
    assert state_machine.evict(now=1000.0 + 1800) == 0
    assert state_machine.evict(now=1000.0 + 3601) == 1
    assert not state_machine.calls and not state_machine._emitted


def test_reconcile_closes_calls_whose_channels_are_gone():
    state_machine = machine()
    caller, dest = simple_call("1986", "21", caller_name="Martin")
    state_machine.feed_many(call_start(caller, dest) + [newstate(dest, 6)])
    events = state_machine.reconcile([], now=1_770_888_100.0)
    assert [(e.type, e.extension, e.state) for e in events] == [("ended", "21", "answered")]
    assert not state_machine.calls


def test_reconcile_keeps_live_calls_and_reports_what_changed_in_the_gap():
    state_machine = machine()
    caller, dest = simple_call("1986", "21")
    state_machine.feed_many(call_start(caller, dest))
    live = [
        {**newstate(caller, 6), "Event": "CoreShowChannel", "Duration": "00:00:42"},
        {**newstate(dest, 6), "Event": "CoreShowChannel", "Duration": "00:00:40"},
    ]
    events = state_machine.reconcile(live, now=1_770_888_100.0)
    assert [(e.type, e.extension) for e in events] == [("answered", "21")]
    assert caller.linkedid in state_machine.calls


def test_reconcile_adopts_a_call_that_started_during_the_gap():
    state_machine = machine()
    caller, dest = simple_call("0475123456", "21")
    live = [
        {**newstate(dest, 5), "Event": "CoreShowChannel", "Duration": "00:00:03"},
        {**newstate(caller, 4), "Event": "CoreShowChannel", "Duration": "00:00:05"},
    ]
    events = state_machine.reconcile(live, now=1_770_888_100.0)
    assert [(e.type, e.extension, e.direction) for e in events] == [("ringing", "21", "inbound")]
    assert events[0].started_at == pytest.approx(1_770_888_095.0)


# ------------------------------------------------- call shapes of real PBXs
QUEUE_MEMBERS = [("PJSIP/7101", "7101"), ("PJSIP/7102", "7102"), ("PJSIP/7103", "7103")]


def reported(events):
    return [(e.type, e.scope, e.extension, e.state) for e in events]


@pytest.mark.parametrize("via_local", [True, False], ids=["queue", "hunt-group"])
def test_sequential_hunt_first_member_unanswered_a_later_one_answers(via_local):
    caller = scenarios.inbound_caller("+989121112233", "600")
    stream = stamped(scenarios.hunt_group_call(caller, QUEUE_MEMBERS, 1, via_local=via_local))
    state = machine()
    events = state.feed_many(stream)
    assert reported(events) == [
        ("ringing", "call", "7101", None),
        ("ended", "agent", "7101", "missed"),  # 7101's leg, not the call
        ("ringing", "call", "7102", None),
        ("answered", "call", "7102", None),
        ("ended", "call", "7102", "answered"),
    ]
    assert {e.direction for e in events} == {"inbound"}
    assert events[-1].duration > 0
    assert len({e.event_id for e in events}) == len(events)
    assert state.calls == {}
    assert state.unknown_events["VarSet"] > 0, "noise events are counted, not acted on"


def test_ring_all_nobody_answers_the_call_belongs_to_nobody():
    caller = scenarios.inbound_caller("+989121112233", "601")
    events = machine().feed_many(stamped(scenarios.ring_all_call(caller, QUEUE_MEMBERS)))
    ringing = [e.extension for e in events if e.type == "ringing"]
    assert ringing == ["7101", "7102", "7103"]
    legs_ended = [(e.extension, e.state) for e in events if e.scope == "agent"]
    assert sorted(legs_ended) == [("7101", "missed"), ("7102", "missed"), ("7103", "missed")]
    final = [e for e in events if e.scope == "call"][-1]
    assert (final.type, final.extension, final.state) == ("ended", None, "missed")
    assert events[-1] is final or final.type == "ended"


@pytest.mark.parametrize(
    "trunk", ["SIP/sip.provider.example.com", "PJSIP/provider-trunk", "IAX2/voip.example.net"]
)
def test_outbound_through_a_trunk_rings_nobody_but_the_caller_as_outbound(trunk):
    caller = leg(f"PJSIP/7101-{1:08x}", "7101", "Agent", exten="00989121112233")
    events = machine().feed_many(stamped(scenarios.trunk_call(caller, trunk, "0098912", True)))
    assert {e.direction for e in events} == {"outbound"}
    assert [(e.type, e.extension) for e in events] == [
        ("ringing", "7101"), ("answered", "7101"), ("ended", "7101")
    ]  # fmt: skip


def test_follow_me_leg_to_a_mobile_pops_nothing_up_for_the_caller():
    caller = leg(f"PJSIP/7101-{2:08x}", "7101", "Agent One", exten="7102")
    stream = scenarios.follow_me_call(caller, "PJSIP/7102", "7102", "09350000002", True)
    events = machine().feed_many(stamped(stream))
    ringing = [e.extension for e in events if e.type == "ringing"]
    assert ringing == ["7102"], "only the callee's desk phone rings in the CRM"
    answered = [e for e in events if e.type == "answered"]
    assert [(e.extension, e.direction) for e in answered] == [(None, "internal")]
    assert events[-1].type == "ended" and events[-1].state == "answered"


def test_multi_tenant_peers_are_agents():
    caller = scenarios.inbound_caller("+989121112233", "9170")
    members = [("SIP/9170-12", "9170"), ("SIP/9171-12", "9171")]
    events = machine().feed_many(stamped(scenarios.hunt_group_call(caller, members, 0)))
    assert [(e.type, e.extension) for e in events] == [
        ("ringing", "9170-12"), ("answered", "9170-12"), ("ended", "9170-12")
    ]  # fmt: skip
    assert channel_endpoint("SIP/9170-12-0000003c") == "9170-12"


def test_multi_tenant_agent_calling_out_is_the_outbound_agent():
    caller = leg("SIP/9170-12-0000003d", "9170", exten="00989121112233")
    events = machine().feed_many(stamped(scenarios.trunk_call(caller, "SIP/trunk12", "x", True)))
    assert {(e.direction, e.extension) for e in events} == {("outbound", "9170-12")}
