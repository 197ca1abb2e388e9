"""Client ↔ AMI test peer ↔ poster ↔ real local HTTP receiver, over 127.0.0.1."""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections import Counter
from pathlib import Path

import pytest
from ami_bridge.calls import CallStateMachine
from ami_bridge.client import AmiAuthError, AmiClient, AmiSettings
from ami_bridge.poster import OdooPoster, sign_body, submit_by_urgency
from scenarios import call_answer, call_hangup, call_start, hangup, simple_call
from testpeer import AmiTestPeer, OdooReceiver, expected_signature, load_capture

TEST_TIMEOUT = 8.0


def run(coro, timeout: float = TEST_TIMEOUT):
    """Run a test coroutine with a hard time bound so nothing can hang."""
    return asyncio.run(asyncio.wait_for(coro, timeout))


async def fast_sleep(_delay: float) -> None:
    await asyncio.sleep(0.01)


class Bridge:
    """The production wiring (machine → client → poster) pointed at the test doubles."""

    def __init__(
        self,
        peer: AmiTestPeer,
        receiver: OdooReceiver,
        secret: str = "s3cret",
        **options,
    ) -> None:
        self.delays: list[float] = []
        self.machine = CallStateMachine()
        self.poster = OdooPoster(receiver.url, receiver.key_id, receiver.secret,
                                 sleep=fast_sleep, **options)  # fmt: skip
        settings = AmiSettings(host="127.0.0.1", port=peer.port, username="bridge",
                               secret=secret, backoff_initial=0.05, backoff_max=0.4,
                               action_timeout=2.0, connect_timeout=2.0)  # fmt: skip
        self.client = AmiClient(settings, self.machine, self._submit, sleep=self._sleep)
        self._tasks: list[asyncio.Task] = []

    def _submit(self, events) -> None:
        self.poster.submit(event.to_json() for event in events)

    async def _sleep(self, delay: float) -> None:
        self.delays.append(delay)
        await asyncio.sleep(0.02)

    async def __aenter__(self) -> Bridge:
        self._tasks = [asyncio.create_task(self.client.run_forever()),
                       asyncio.create_task(self.poster.run())]  # fmt: skip
        return self

    async def __aexit__(self, *_exc) -> None:
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)

    async def wait_session(self, number: int, timeout: float = 5.0) -> None:
        async def ready() -> None:
            while not (self.client.sessions >= number and self.client.connected.is_set()):
                await asyncio.sleep(0.01)

        await asyncio.wait_for(ready(), timeout)


@pytest.fixture
def receiver():
    server = OdooReceiver().start()
    yield server
    server.close()


async def started_peer(**kwargs) -> AmiTestPeer:
    peer = AmiTestPeer(**kwargs)
    await peer.start()
    return peer


def test_capture_streamed_over_ami_reaches_odoo_signed(receiver, ami_fixtures_dir):
    async def scenario():
        peer = await started_peer()
        async with Bridge(peer, receiver) as bridge:
            await bridge.wait_session(1)
            await peer.replay(load_capture(ami_fixtures_dir / "answered-internal.raw"))
            await receiver.wait_for(lambda events: len(events) >= 3, 5)
        await peer.close()

    run(scenario())
    assert receiver.rejected == []
    assert [(e["type"], e["extension"]) for e in receiver.events] == [
        ("ringing", "1986"), ("answered", "1986"), ("ended", "1986")
    ]  # fmt: skip
    assert receiver.events[-1]["state"] == "answered"
    assert receiver.events[0]["caller_name"] == "Kitchen"
    assert receiver.events[0]["at"].endswith("Z")


def test_disconnect_mid_call_reconnects_reconciles_and_loses_nothing(receiver):
    ended_in_gap = simple_call("1986", "21", caller_name="Martin")
    still_up = simple_call("22", "1986", caller_name="Desk")
    started_in_gap = simple_call("0475123456", "23")

    async def scenario(bridge: Bridge, peer: AmiTestPeer):
        await bridge.wait_session(1)
        for caller, dest in (ended_in_gap, still_up):
            await peer.replay(call_start(caller, dest) + call_answer(caller, dest))
        await receiver.wait_for(lambda events: len(events) >= 4, 5)
        peer.drop_connections()
        # While the bridge is away: one call ends, another starts ringing.
        await peer.replay(call_hangup(*ended_in_gap) + call_start(*started_in_gap))
        await bridge.wait_session(2)
        await receiver.wait_for(lambda events: len(events) >= 6, 5)
        caller, dest = started_in_gap
        await peer.replay(call_hangup(*still_up) + [hangup(dest, "19"), hangup(caller, "19")])
        await receiver.wait_for(lambda events: len(events) >= 9, 5)

    async def main():
        peer = await started_peer()
        async with Bridge(peer, receiver) as bridge:
            await scenario(bridge, peer)
            delays = bridge.delays
        await peer.close()
        return delays, peer.actions

    delays, actions = run(main())
    ids = receiver.event_ids()
    assert Counter(ids).most_common(1)[0][1] == 1, "an event was delivered twice"
    by_call = {}
    for event in receiver.events:
        summary = (event["type"], event["extension"], event["state"])
        by_call.setdefault(event["call_id"], []).append(summary)
    assert by_call[ended_in_gap[0].linkedid] == [
        ("ringing", "21", None), ("answered", "21", None), ("ended", "21", "answered")
    ]  # fmt: skip
    assert by_call[still_up[0].linkedid] == [
        ("ringing", "1986", None),
        ("answered", "1986", None),
        ("ended", "1986", "answered"),
    ]
    assert by_call[started_in_gap[0].linkedid] == [
        ("ringing", "23", None), ("ended", "23", "missed"), ("ended", None, "missed")
    ]  # fmt: skip
    assert len(delays) >= 1 and all(0.05 <= delay <= 0.4 * 1.2 for delay in delays)
    logins = [a for a in actions if a.get("Action") == "Login"]
    assert len(logins) == 2 and all(a["Events"] == "call" for a in logins)
    assert [a for a in actions if a.get("Action") == "CoreShowChannels"]


def test_odoo_down_then_up_delivers_each_event_once_in_order(receiver, ami_fixtures_dir):
    receiver.failures_to_serve = [503, 503]

    async def scenario():
        peer = await started_peer()
        async with Bridge(peer, receiver, batch_size=2) as bridge:
            await bridge.wait_session(1)
            await peer.replay(load_capture(ami_fixtures_dir / "unanswered-cancel.raw"))
            await receiver.wait_for(lambda events: len(events) >= 3, 5)
            await asyncio.sleep(0.1)  # anything duplicated would show up now
        await peer.close()

    run(scenario())
    assert receiver.statuses[:3] == [503, 503, 200]
    assert [(e["type"], e["extension"], e["state"]) for e in receiver.events] == [
        ("ringing", "21", None), ("ended", "21", "missed"), ("ended", None, "missed")
    ]  # fmt: skip


def test_client_error_from_odoo_is_dropped_not_retried(receiver):
    receiver.failures_to_serve = [400]

    async def scenario():
        poster = OdooPoster(receiver.url, receiver.key_id, receiver.secret, sleep=fast_sleep)
        task = asyncio.create_task(poster.run())
        poster.submit([{"event_id": "a:ringing:21"}])
        await asyncio.sleep(0.2)
        poster.submit([{"event_id": "b:ringing:21"}])
        await receiver.wait_for(lambda events: len(events) == 1, 3)
        task.cancel()
        return poster.dropped

    assert run(scenario()) == 1
    assert receiver.statuses == [400, 200]
    assert receiver.event_ids() == ["b:ringing:21"]


def test_wrong_ami_secret_is_a_clear_error_retried_without_crash(receiver, caplog):
    async def scenario():
        peer = await started_peer()
        async with Bridge(peer, receiver, secret="wrong") as bridge:
            for _ in range(300):
                if peer.failed_logins >= 3:
                    break
                await asyncio.sleep(0.01)
            alive = not any(task.done() for task in bridge._tasks)
            error = bridge.client.last_error
        await peer.close()
        return peer.failed_logins, alive, error

    failed, alive, error = run(scenario())
    assert failed >= 3 and alive
    assert isinstance(error, AmiAuthError) and "Authentication failed" in str(error)
    assert "AMI login refused for user 'bridge': Authentication failed" in caplog.text
    assert "wrong" not in caplog.text  # the secret is never logged


def test_pbx_down_at_start_then_up(receiver):
    async def scenario():
        probe = await started_peer()
        port = probe.port
        await probe.close()  # nothing listens on this port any more
        peer = AmiTestPeer()
        peer.port = port
        async with Bridge(peer, receiver) as bridge:
            await asyncio.sleep(0.15)
            failures = len(bridge.delays)
            await peer.start()
            await bridge.wait_session(1)
        await peer.close()
        return failures, bridge.delays

    failures, delays = run(scenario())
    assert failures >= 2
    assert delays[1] > delays[0]  # exponential back-off


def test_originate_click_to_dial(receiver):
    async def scenario():
        peer = await started_peer()
        async with Bridge(peer, receiver) as bridge:
            await bridge.wait_session(1)
            response = await bridge.client.originate(
                "21",
                "0475123456",
                context="from-internal",
                caller_id="CRM <21>",
                timeout=20,
            )
        await peer.close()
        return response, peer.actions

    response, actions = run(scenario())
    assert response["Response"] == "Success"
    assert response["Message"] == "Originate successfully queued"
    (action,) = [a for a in actions if a.get("Action") == "Originate"]
    assert action["Channel"] == "PJSIP/21" and action["Exten"] == "0475123456"
    assert action["Context"] == "from-internal" and action["Priority"] == "1"
    assert action["Async"] == "true" and action["ActionID"] == response["ActionID"]
    assert action["Timeout"] == "20000" and action["CallerID"] == "CRM <21>"


def test_spool_file_survives_a_bridge_restart(receiver, tmp_path: Path):
    spool = tmp_path / "outbox.jsonl"

    async def offline():
        poster = OdooPoster("http://127.0.0.1:9", "k", "s", spool_path=spool, sleep=fast_sleep)
        task = asyncio.create_task(poster.run())
        poster.submit([{"event_id": "x:ringing:21"}, {"event_id": "x:ended:21"}])
        await asyncio.sleep(0.1)
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task

    async def restarted():
        poster = OdooPoster(receiver.url, receiver.key_id, receiver.secret, spool_path=spool)
        assert poster.pending == 2
        task = asyncio.create_task(poster.run())
        await receiver.wait_for(lambda events: len(events) == 2, 3)
        await poster.flush(2)
        task.cancel()

    run(offline())
    assert len(spool.read_text().splitlines()) == 2
    run(restarted())
    assert receiver.event_ids() == ["x:ringing:21", "x:ended:21"]
    assert spool.read_text() == ""


def test_signature_matches_the_documented_formula():
    body = json.dumps({"events": []}).encode()
    assert sign_body("hmac-secret", 1770888534, body) == expected_signature(
        "hmac-secret", "1770888534", body
    )
    assert sign_body("hmac-secret", 1770888534, body).startswith("sha256=")
    assert sign_body("other", 1770888534, body) != sign_body("hmac-secret", 1770888534, body)


def test_ringing_events_get_their_own_poster(receiver):
    """Popups must not wait behind answered/ended batches (see submit_by_urgency)."""
    urgent = OdooPoster(receiver.url, receiver.key_id, receiver.secret)
    other = OdooPoster(receiver.url, receiver.key_id, receiver.secret)
    events = [
        {"event_id": "a:ended:21", "type": "ended"},
        {"event_id": "b:ringing:22", "type": "ringing"},
        {"event_id": "b:answered:22", "type": "answered"},
        {"event_id": "c:ringing:21", "type": "ringing"},
    ]
    submit_by_urgency(events, urgent, other)
    assert [e["event_id"] for e in urgent._outbox] == ["b:ringing:22", "c:ringing:21"]
    assert [e["event_id"] for e in other._outbox] == ["a:ended:21", "b:answered:22"]
