"""A spool file that cannot be written never costs a call or the PBX connection.

In the container the spool folder may be missing or belong to another user;
the bridge logs it, keeps the events in memory, delivers them, and writes the
whole outbox again once the file can be written.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from pathlib import Path

from ami_bridge.poster import OdooPoster
from scenarios import answered_call, simple_call
from test_end_to_end import Bridge, fast_sleep, receiver, run, started_peer

__all__ = ["receiver"]  # the fixture, shared with the end-to-end tests

UNREACHABLE_ODOO = "http://127.0.0.1:9"


def spooled_ids(spool: Path) -> list[str]:
    return [json.loads(line)["event_id"] for line in spool.read_text().splitlines()]


def spool_errors(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if "Cannot write the spool" in r.getMessage()]


def test_unwritable_spool_keeps_the_pbx_connection_and_delivers_every_event(
    receiver, tmp_path: Path, caplog
):
    """The first call used to raise in the AMI reader and drop the PBX connection."""
    spool = tmp_path / "not-created" / "outbox.jsonl"  # as a folder missing from the image
    first, second = simple_call("0475123456", "21"), simple_call("0475654321", "22")

    async def scenario():
        peer = await started_peer()
        async with Bridge(peer, receiver, spool_path=spool) as bridge:
            await bridge.wait_session(1)
            await peer.replay(answered_call(*first))
            await receiver.wait_for(lambda events: len(events) >= 3, 5)
            await peer.replay(answered_call(*second))
            await receiver.wait_for(lambda events: len(events) >= 6, 5)
            sessions, failing = bridge.client.sessions, bridge.poster.spool_failing
        await peer.close()
        return sessions, failing

    with caplog.at_level(logging.ERROR, logger="ami_bridge.poster"):
        sessions, failing = run(scenario())
    assert sessions == 1, "the AMI connection was dropped"
    assert [e["type"] for e in receiver.events] == ["ringing", "answered", "ended"] * 2
    assert failing and not spool.parent.exists()
    (message,) = spool_errors(caplog)  # once per failure streak, not per event
    assert str(spool) in message and "kept in memory" in message


def test_spool_is_written_whole_once_it_can_be_written_again(tmp_path: Path, caplog):
    spool = tmp_path / "spool" / "outbox.jsonl"

    async def scenario():
        poster = OdooPoster(UNREACHABLE_ODOO, "k", "s", spool_path=spool, sleep=fast_sleep)
        task = asyncio.create_task(poster.run())
        poster.submit([{"event_id": "a:ringing:21"}, {"event_id": "a:ended:21"}])
        await asyncio.sleep(0.05)
        assert poster.spool_failing and poster.pending == 2
        spool.parent.mkdir()  # e.g. the operator fixed the volume
        poster.submit([{"event_id": "b:ringing:22"}])
        failing = poster.spool_failing
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
        return failing

    with caplog.at_level(logging.WARNING, logger="ami_bridge.poster"):
        failing = run(scenario())
    assert not failing
    assert spooled_ids(spool) == ["a:ringing:21", "a:ended:21", "b:ringing:22"]
    assert any("writable again" in record.getMessage() for record in caplog.records)
    # and a restart finds all three
    assert OdooPoster(UNREACHABLE_ODOO, "k", "s", spool_path=spool).pending == 3


def test_unreadable_spool_at_start_is_logged_and_the_bridge_runs(receiver, tmp_path: Path, caplog):
    spool = tmp_path / "outbox.jsonl"
    spool.mkdir()  # neither readable nor writable as a file, even for root

    async def scenario():
        poster = OdooPoster(receiver.url, receiver.key_id, receiver.secret, spool_path=spool)
        task = asyncio.create_task(poster.run())
        poster.submit([{"event_id": "c:ringing:23"}])
        await receiver.wait_for(lambda events: len(events) == 1, 3)
        delivered = await poster.flush(2)
        task.cancel()
        return delivered

    with caplog.at_level(logging.ERROR, logger="ami_bridge.poster"):
        assert run(scenario())
    assert receiver.event_ids() == ["c:ringing:23"]
    messages = [record.getMessage() for record in caplog.records]
    assert any("Cannot read the spool file" in message for message in messages)
    assert len(spool_errors(caplog)) == 1
