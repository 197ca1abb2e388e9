"""Benchmark the AMI bridge over loopback: AMI test peer → client → poster → HTTP.

Drives ``--rate`` calls per second for ``--duration`` seconds (ringing → answered
→ ended, varied extensions) and prints events processed, the latency from the
peer writing the Newstate-ringing event to the HTTP receiver getting the
matching ``ringing`` event, and CPU time. Peer, bridge and receiver share this
process, so the CPU figure covers all three.

    python3 bench/bench_ami_bridge.py [--rate 20] [--duration 30]
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import sys
import time
from pathlib import Path

TESTS_DIR = Path(__file__).resolve().parents[1] / "addons/crm_telephony/ami_bridge/tests"
sys.path[:0] = [str(TESTS_DIR.parents[1]), str(TESTS_DIR)]

from ami_bridge.calls import CallStateMachine  # noqa: E402
from ami_bridge.client import AmiClient, AmiSettings  # noqa: E402
from ami_bridge.poster import OdooPoster  # noqa: E402
from scenarios import call_answer, call_hangup, call_start, simple_call  # noqa: E402
from testpeer import AmiTestPeer, OdooReceiver  # noqa: E402

RING_SECONDS = 0.5
TALK_SECONDS = 1.5
DRAIN_TIMEOUT = 30.0


async def one_call(peer: AmiTestPeer, rng: random.Random) -> str:
    """Play one answered call; return its Linkedid."""
    caller_number = rng.choice([f"04{rng.randrange(10**8):08d}", str(rng.randrange(10, 99))])
    caller, dest = simple_call(caller_number, str(rng.randrange(100, 400)))
    await peer.replay(call_start(caller, dest))
    await asyncio.sleep(RING_SECONDS)
    await peer.replay(call_answer(caller, dest))
    await asyncio.sleep(TALK_SECONDS)
    await peer.replay(call_hangup(caller, dest))
    return caller.linkedid


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


async def drive(rate: float, duration: float) -> None:
    peer, receiver = AmiTestPeer(), OdooReceiver().start()
    await peer.start()
    ring_written: dict[str, float] = {}

    def note_ringing(fields) -> None:
        if fields.get("Event") == "Newstate" and fields.get("ChannelState") == "5":
            ring_written[fields["Linkedid"]] = time.perf_counter()

    peer.on_event_written = note_ringing
    machine = CallStateMachine()
    poster = OdooPoster(receiver.url, receiver.key_id, receiver.secret)
    settings = AmiSettings(host="127.0.0.1", port=peer.port, username="bridge", secret="s3cret")
    client = AmiClient(settings, machine, lambda evs: poster.submit(e.to_json() for e in evs))
    tasks = [
        asyncio.create_task(client.run_forever()),
        asyncio.create_task(poster.run()),
    ]
    await peer.wait_for_clients(1)

    cpu_start, wall_start = time.process_time(), time.perf_counter()
    rng, calls = random.Random(42), []
    for index in range(int(rate * duration)):
        await asyncio.sleep(max(0.0, wall_start + index / rate - time.perf_counter()))
        calls.append(asyncio.create_task(one_call(peer, rng)))
    linkedids = await asyncio.gather(*calls)
    expected = 3 * len(linkedids)
    await receiver.wait_for(lambda events: len(events) >= expected, DRAIN_TIMEOUT)
    wall, cpu = time.perf_counter() - wall_start, time.process_time() - cpu_start

    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    await peer.close()
    receiver.close()
    report(receiver, ring_written, linkedids, wall=wall, cpu=cpu)


def report(
    receiver: OdooReceiver,
    ring_written: dict[str, float],
    linkedids: list[str],
    *,
    wall: float,
    cpu: float,
) -> None:
    """Print the figures; latency pairs the peer's write with the HTTP arrival."""
    expected = 3 * len(linkedids)
    ringing_at = {
        event["call_id"]: receiver.received_at[event["event_id"]]
        for event in receiver.events
        if event["type"] == "ringing"
    }
    latencies = [(ringing_at[lid] - ring_written[lid]) * 1000 for lid in linkedids]
    ended = sum(1 for event in receiver.events if event["type"] == "ended")
    print(f"calls driven: {len(linkedids)} in {wall:.1f} s wall")
    print(f"call events delivered to HTTP: {len(receiver.events)} (expected {expected})")
    print(f"ended events: {ended}, HTTP POSTs: {len(receiver.statuses)}")
    print(f"ami→post ringing latency p50: {percentile(latencies, 0.50):.1f} ms")
    print(f"ami→post ringing latency p95: {percentile(latencies, 0.95):.1f} ms")
    print(f"ami→post ringing latency p99: {percentile(latencies, 0.99):.1f} ms")
    print(f"ami→post ringing latency max: {max(latencies):.1f} ms, "
          f"mean: {statistics.mean(latencies):.1f} ms")  # fmt: skip
    share = 100 * cpu / wall
    print(f"CPU time (peer + bridge + receiver): {cpu:.2f} s ({share:.1f}% of one core)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rate", type=float, default=20.0, help="calls started per second")
    parser.add_argument("--duration", type=float, default=30.0, help="seconds of call starts")
    args = parser.parse_args()
    asyncio.run(drive(args.rate, args.duration))


if __name__ == "__main__":
    main()
