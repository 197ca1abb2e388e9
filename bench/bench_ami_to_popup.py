"""Benchmark the whole caller-ID chain: AMI event → bridge → Odoo → bus → agent's websocket.

Everything is real and talks over loopback:

* the AMI test peer (asyncio TCP server speaking the AMI wire protocol) plays
  calls, direct to one agent or to a hunt group ringing several agents;
* the bridge runs as its own process (``python -m ami_bridge``, configured by
  environment like in production) and posts HMAC-signed batches;
* a real Odoo 18 server runs as a subprocess, in prefork mode (HTTP workers +
  the gevent worker serving ``/websocket``, as docker-compose.yml runs it) or
  threaded (one process serves both);
* one websocket per agent, logged in as that agent through
  ``/web/session/authenticate`` and subscribed like the web client.

Latency is measured from the peer writing the ``Newstate`` ringing event of an
agent's channel to that agent's websocket receiving the popup
(``crm_telephony/incoming_call``) of that call. The data (agents with an
extension, customers with phone numbers, a PBX key) is created in the database
given with ``--db``, which must have crm_telephony installed; use a database
made for benchmarks, for instance::

    python3 -m odoo -c .run/odoo-test.conf -d crm_e2e -i crm_custom,crm_telephony \\
        --without-demo=all --stop-after-init
    python3 bench/bench_ami_to_popup.py --db crm_e2e
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import os
import random
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import psutil
import requests
import websocket
from benchlib import REPOSITORY

ADDON_DIR = REPOSITORY / "addons/crm_telephony"
TESTS_DIR = ADDON_DIR / "ami_bridge/tests"
sys.path[:0] = [str(ADDON_DIR), str(TESTS_DIR)]

from ami_bridge.calls import channel_endpoint  # noqa: E402
from scenarios import (  # noqa: E402
    Leg,
    bridge_enter,
    dial_begin,
    dial_end,
    dial_state,
    hangup,
    newchannel,
    newstate,
)
from testpeer import AmiTestPeer  # noqa: E402

# odoo-bin through a launcher that survives a gevent/setuptools mismatch (see there).
ODOO_LAUNCHER = Path(__file__).resolve().parent / "odoo_server.py"
POPUP_TYPE = "crm_telephony/incoming_call"
WEBSOCKET_VERSION = "18.0-2"  # bus WebsocketConnectionHandler._VERSION of Odoo 18
AGENT_PASSWORD = "bench-agent-password"
EXTENSION_BASE = 5100
RING_SECONDS = 0.5
TALK_SECONDS = 1.5
HUNT_GROUP_SIZE = 3
DRAIN_SECONDS = 30.0
REQUEST_LOG = re.compile(
    r'"POST /crm_telephony/v1/pbx/events [^"]*" (\d{3}) - (\d+) ([\d.]+) ([\d.]+)'
)


# ------------------------------------------------------------------ database
@dataclass
class Fixture:
    agents: dict[str, tuple[str, int]]  # extension -> (login, user id)
    numbers: list[str]
    key_id: str
    secret: str
    last_bus_id: int


def open_registry(db: str, config: str):
    import odoo
    from odoo.modules.registry import Registry

    odoo.tools.config.parse_config(["-c", config, "-d", db, "--log-level=warn"])
    return Registry(db)


def prepare_data(registry, agents: int, customers: int) -> Fixture:
    """Agents with extensions, customers with phones, a PBX key (idempotent)."""
    import odoo

    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {"tracking_disable": True})
        users = {ext: (login, ensure_agent(env, ext, login)) for ext, login in agent_logins(agents)}
        numbers = ensure_customers(env, customers)
        key = env["crm.phone.api.key"].search([("name", "=", "bench_ami_to_popup")], limit=1)
        key = key or env["crm.phone.api.key"].create({"name": "bench_ami_to_popup", "kind": "pbx"})
        secret = key._crm_issue_secret()
        last_bus_id = env["bus.bus"]._bus_last_id()
        return Fixture(users, numbers, key.key_id, secret, last_bus_id)


def agent_logins(count: int):
    return [(str(EXTENSION_BASE + i), f"bench_agent_{i:03d}") for i in range(count)]


def ensure_agent(env, extension: str, login: str) -> int:
    user = env["res.users"].with_context(active_test=False).search([("login", "=", login)])
    values = {"password": AGENT_PASSWORD, "pbx_extension": extension, "active": True}
    if user:
        user.write(values)
        return user.id
    groups = [env.ref("base.group_user").id, env.ref("crm_custom.group_crm_sales_user").id]
    values.update(name=f"Bench Agent {login[-3:]}", login=login, groups_id=[(6, 0, groups)])
    return env["res.users"].create(values).id


def ensure_customers(env, count: int) -> list[str]:
    numbers = [f"+3225{550000 + i:06d}" for i in range(count)]
    Partner = env["res.partner"]
    known = set(Partner.search([("phone_e164", "in", numbers)]).mapped("phone_e164"))
    Partner.create(
        [
            {"name": f"Bench Customer {i}", "phone": number, "is_company": i % 5 == 0}
            for i, number in enumerate(numbers)
            if number not in known
        ]
    )
    return numbers


def pbx_call_ids(registry, call_ids: set[int]) -> dict[int, str]:
    with registry.cursor() as cr:
        cr.execute(
            "SELECT id, pbx_call_id FROM crm_phone_call WHERE id = ANY(%s)", [list(call_ids)]
        )
        return dict(cr.fetchall())


# -------------------------------------------------------------------- server
def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class OdooServer:
    config: str
    db: str
    workers: int
    log_path: Path
    http_port: int = field(default_factory=free_port)
    gevent_port: int = field(default_factory=free_port)
    process: subprocess.Popen | None = None

    @property
    def mode(self) -> str:
        return (
            f"prefork ({self.workers} HTTP workers + gevent websocket worker)"
            if self.workers
            else "threaded"
        )

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.http_port}"

    @property
    def websocket_url(self) -> str:
        port = self.gevent_port if self.workers else self.http_port
        return f"ws://127.0.0.1:{port}/websocket?version={WEBSOCKET_VERSION}"

    def start(self) -> OdooServer:
        command = [
            sys.executable, str(ODOO_LAUNCHER), "-c", self.config, "-d", self.db,
            f"--db-filter=^{self.db}$", f"--http-port={self.http_port}",
            f"--gevent-port={self.gevent_port}", f"--workers={self.workers}",
            "--max-cron-threads=0", "--log-level=warn", "--log-handler=werkzeug:INFO",
        ]  # fmt: skip
        with self.log_path.open("w") as log:
            self.process = subprocess.Popen(
                command, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
            )
        wait_http(f"{self.url}/web/health", 60)
        if self.workers:
            wait_http(f"http://127.0.0.1:{self.gevent_port}/websocket/health", 60)
        return self

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)  # our own session: server + workers
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)

    def processes(self) -> list[psutil.Process]:
        root = psutil.Process(self.process.pid)
        return [root, *root.children(recursive=True)]


def wait_http(url: str, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


def cpu_seconds(processes: list[psutil.Process]) -> float:
    total = 0.0
    for process in processes:
        try:
            times = process.cpu_times()
        except psutil.NoSuchProcess:
            continue
        total += times.user + times.system
    return total


# ----------------------------------------------------------------- websocket
class AgentSocket:
    """One agent's websocket, read by a thread that timestamps every popup."""

    def __init__(self, extension: str, login: str, server: OdooServer, last_bus_id: int):
        self.extension = extension
        self.popups: list[tuple[int, float]] = []  # (Odoo call id, perf_counter)
        session_id = authenticate(server, login)
        self.ws = websocket.create_connection(
            server.websocket_url, cookie=f"session_id={session_id}", timeout=None
        )
        subscribe = {"event_name": "subscribe", "data": {"channels": [], "last": last_bus_id}}
        self.ws.send(json.dumps(subscribe))
        self.thread = threading.Thread(target=self._read, daemon=True)
        self.thread.start()

    def _read(self) -> None:
        while True:
            try:
                data = self.ws.recv()
            except (websocket.WebSocketException, OSError):
                return
            received = time.perf_counter()
            if not data:
                continue
            for notification in json.loads(data):
                message = notification.get("message", {})
                if message.get("type") == POPUP_TYPE:
                    self.popups.append((message["payload"]["call_id"], received))

    def close(self) -> None:
        self.ws.close()
        self.thread.join(5)


def authenticate(server: OdooServer, login: str) -> str:
    response = requests.post(
        f"{server.url}/web/session/authenticate",
        json={
            "jsonrpc": "2.0",
            "params": {"db": server.db, "login": login, "password": AGENT_PASSWORD},
        },
        timeout=30,
    )
    response.raise_for_status()
    if response.json().get("error"):
        raise RuntimeError(f"login of {login} failed: {response.json()['error']}")
    return response.cookies["session_id"]


# ------------------------------------------------------------------- bridge
def start_bridge(peer_port: int, server: OdooServer, fixture: Fixture, log_path: Path):
    """The production entry point, ``python -m ami_bridge``, in its own process."""
    environ = dict(
        os.environ,
        PYTHONPATH=str(ADDON_DIR),
        AMI_HOST="127.0.0.1",
        AMI_PORT=str(peer_port),
        AMI_USERNAME="bridge",
        AMI_SECRET="s3cret",
        ODOO_URL=server.url,
        CRM_PBX_KEY_ID=fixture.key_id,
        CRM_PBX_SECRET=fixture.secret,
        LOG_LEVEL="WARNING",
    )
    with log_path.open("w") as log:
        return subprocess.Popen(
            [sys.executable, "-m", "ami_bridge"], env=environ, stdout=log, stderr=subprocess.STDOUT
        )


# -------------------------------------------------------------------- calls
class CallFactory:
    """AMI legs with ids unique to this run (calls are stored by Linkedid)."""

    def __init__(self, seed: int) -> None:
        self._ids = itertools.count(1)
        self._base = int(time.time())
        self.rng = random.Random(seed)

    def leg(self, channel: str, number: str, linkedid: str | None = None, exten: str = "s") -> Leg:
        uniqueid = f"{self._base}.{next(self._ids)}"
        suffix = f"-{next(self._ids):08x}"
        return Leg(channel + suffix, uniqueid, linkedid or uniqueid, number, "", exten)


async def direct_call(peer: AmiTestPeer, factory: CallFactory, number: str, agent: str) -> None:
    caller = factory.leg("PJSIP/trunk", number, exten=agent)
    dest = factory.leg(f"PJSIP/{agent}", agent, linkedid=caller.linkedid)
    await peer.replay([newchannel(caller, 4), newchannel(dest), dial_begin(caller, dest)])
    await peer.replay([newstate(dest, 5), dial_state(caller, dest)])
    await asyncio.sleep(RING_SECONDS)
    await peer.replay([newstate(dest, 6), dial_end(caller, dest, "ANSWER"), newstate(caller, 6)])
    await peer.replay([bridge_enter(dest), bridge_enter(caller)])
    await asyncio.sleep(TALK_SECONDS)
    await peer.replay([hangup(dest), hangup(caller)])


async def hunt_group_call(
    peer: AmiTestPeer, factory: CallFactory, number: str, agents: list[str]
) -> None:
    """Trunk → ring group 600 through Local/ channels → every agent rings, one answers."""
    caller = factory.leg("PJSIP/trunk", number, exten="600")
    lid = caller.linkedid
    local1 = factory.leg("Local/600@from-internal", "600", lid)
    local2 = factory.leg("Local/600@from-internal", "600", lid)
    legs = [factory.leg(f"PJSIP/{agent}", agent, lid) for agent in agents]
    await peer.replay(
        [newchannel(caller, 4), newchannel(local1), newchannel(local2), dial_begin(caller, local1)]
        + [newchannel(leg) for leg in legs]
        + [dial_begin(local2, leg) for leg in legs]
    )
    await peer.replay(
        [newstate(leg, 5) for leg in legs] + [dial_state(local2, leg) for leg in legs]
    )
    await peer.replay([newstate(local1, 5), dial_state(caller, local1)])
    await asyncio.sleep(RING_SECONDS)
    taker, others = legs[0], legs[1:]
    await peer.replay([newstate(taker, 6), dial_end(local2, taker, "ANSWER")])
    await peer.replay(
        [event for leg in others for event in (dial_end(local2, leg, "CANCEL"), hangup(leg, "26"))]
    )
    await peer.replay(
        [newstate(local2, 6), newstate(local1, 6), dial_end(caller, local1, "ANSWER")]
        + [newstate(caller, 6), bridge_enter(local1), bridge_enter(caller)]
        + [bridge_enter(taker), bridge_enter(local2)]
    )
    await asyncio.sleep(TALK_SECONDS)
    await peer.replay([hangup(taker), hangup(local2), hangup(local1), hangup(caller)])


@dataclass
class Run:
    """What the peer wrote: ringing time per (Linkedid, extension)."""

    ring_written: dict[tuple[str, str], float] = field(default_factory=dict)

    def note(self, fields) -> None:
        if fields.get("Event") == "Newstate" and fields.get("ChannelState") == "5":
            channel = fields.get("Channel", "")
            if not channel.startswith("Local/"):
                key = (fields["Linkedid"], channel_endpoint(channel))
                self.ring_written.setdefault(key, time.perf_counter())


async def play_calls(peer, factory, fixture, *, rate, duration, hunt_share) -> float:
    """Start ``rate`` calls a second for ``duration`` s; the seconds the starts took."""
    extensions = sorted(fixture.agents)
    started, tasks = time.perf_counter(), []
    for index in range(int(rate * duration)):
        await asyncio.sleep(max(0.0, started + index / rate - time.perf_counter()))
        number = factory.rng.choice(fixture.numbers)
        if factory.rng.random() < hunt_share:
            group = factory.rng.sample(extensions, min(HUNT_GROUP_SIZE, len(extensions)))
            tasks.append(asyncio.create_task(hunt_group_call(peer, factory, number, group)))
        else:
            agent = factory.rng.choice(extensions)
            tasks.append(asyncio.create_task(direct_call(peer, factory, number, agent)))
    span = time.perf_counter() - started
    await asyncio.gather(*tasks)
    return span


async def wait_for_popups(sockets: list[AgentSocket], expected: int, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while sum(len(s.popups) for s in sockets) < expected and time.monotonic() < deadline:
        await asyncio.sleep(0.05)
    await asyncio.sleep(1.0)  # late duplicates would arrive now


# ------------------------------------------------------------------ the run
async def measure(args, registry, fixture: Fixture, server: OdooServer) -> None:
    sockets = [
        AgentSocket(ext, login, server, fixture.last_bus_id)
        for ext, (login, _uid) in sorted(fixture.agents.items())
    ]
    peer = AmiTestPeer()
    await peer.start()
    bridge = start_bridge(peer.port, server, fixture, Path(args.log_dir) / "bridge.log")
    try:
        await peer.wait_for_clients(1, timeout=30)
        factory = CallFactory(args.seed)
        warmup = Run()
        peer.on_event_written = warmup.note
        await play_calls(
            peer, factory, fixture, rate=args.rate, duration=args.warmup, hunt_share=args.hunt_share
        )
        await wait_for_popups(sockets, len(warmup.ring_written), DRAIN_SECONDS)
        run = Run()
        peer.on_event_written = run.note
        log_offset = server.log_path.stat().st_size
        processes = server.processes()
        cpu_server, cpu_bridge = cpu_seconds(processes), cpu_seconds([psutil.Process(bridge.pid)])
        cpu_bench, wall = time.process_time(), time.perf_counter()
        span = await play_calls(
            peer,
            factory,
            fixture,
            rate=args.rate,
            duration=args.duration,
            hunt_share=args.hunt_share,
        )
        wall = time.perf_counter() - wall
        expected = len(warmup.ring_written) + len(run.ring_written)
        await wait_for_popups(sockets, expected, DRAIN_SECONDS)
        cpu = {
            "Odoo server (all processes)": cpu_seconds(processes) - cpu_server,
            "bridge": cpu_seconds([psutil.Process(bridge.pid)]) - cpu_bridge,
            "peer + websocket clients": time.process_time() - cpu_bench,
        }
    finally:
        bridge.send_signal(signal.SIGTERM)
        bridge.wait(15)
        await peer.close()
        await asyncio.sleep(0.2)  # let the peer's sessions see their sockets closed
        for sock in sockets:
            sock.close()
    received = [(sock.extension, call_id, at) for sock in sockets for call_id, at in sock.popups]
    linkedid_of = pbx_call_ids(registry, {call_id for _ext, call_id, _at in received})
    report(args, server, run, warmup, received, linkedid_of, (span, wall), cpu, log_offset)


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def report(args, server, run, warmup, received, linkedid_of, times, cpu, log_offset) -> None:
    span, wall = times
    seen = Counter((linkedid_of.get(call_id), ext) for ext, call_id, _at in received)
    first_at: dict[tuple[str, str], float] = {}
    for ext, call_id, at in received:
        first_at.setdefault((linkedid_of.get(call_id), ext), at)
    expected = run.ring_written
    latencies = [
        (first_at[key] - written) * 1000 for key, written in expected.items() if key in first_at
    ]
    known = set(expected) | set(warmup.ring_written)
    wrong = sum(count for key, count in seen.items() if key not in known)
    calls = len({lid for lid, _ext in expected})
    duplicated = sum(count - 1 for key, count in seen.items() if key in expected and count > 1)
    print(f"Odoo mode: {server.mode}")
    print(
        f"calls driven: {calls} started over {span:.1f} s ({calls / span:.1f}/s), "
        f"{args.hunt_share:.0%} to hunt groups of {HUNT_GROUP_SIZE}, {args.agents} agents"
    )
    print(
        f"popups received/expected: {len(latencies)}/{len(expected)}, "
        f"missing: {len(expected) - len(latencies)}, duplicated: {duplicated}"
    )
    print(f"popups to an agent whose extension was not ringing that call: {wrong}")
    if latencies:
        print(
            "AMI ringing written -> agent's websocket popup (ms): "
            f"p50 {percentile(latencies, 0.50):.1f}, p95 {percentile(latencies, 0.95):.1f}, "
            f"p99 {percentile(latencies, 0.99):.1f}, max {max(latencies):.1f}"
        )
    print_server_requests(server.log_path, log_offset)
    for label, seconds in cpu.items():
        print(f"CPU {label}: {seconds:.1f} s ({100 * seconds / wall:.0f}% of one core)")


def print_server_requests(log_path: Path, offset: int) -> None:
    """Per-request figures from Odoo's werkzeug log: status, queries, SQL and other time."""
    with log_path.open() as log:
        log.seek(offset)
        rows = [REQUEST_LOG.search(line) for line in log]
    rows = [match.groups() for match in rows if match]
    if not rows:
        return
    statuses = Counter(status for status, *_rest in rows)
    queries = [int(row[1]) for row in rows]
    total_ms = [(float(row[2]) + float(row[3])) * 1000 for row in rows]
    print(
        f"event POSTs: {len(rows)} {dict(statuses)}, queries per POST "
        f"mean {sum(queries) / len(queries):.0f} max {max(queries)}, server time per POST "
        f"p50 {percentile(total_ms, 0.5):.0f} ms p95 {percentile(total_ms, 0.95):.0f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, help="database with crm_telephony installed")
    parser.add_argument("--config", default=str(REPOSITORY / ".run/odoo-test.conf"))
    parser.add_argument("--mode", choices=["prefork", "threaded", "both"], default="prefork")
    parser.add_argument("--workers", type=int, default=5, help="HTTP workers in prefork mode")
    parser.add_argument("--rate", type=float, default=20.0, help="calls started per second")
    parser.add_argument("--duration", type=float, default=30.0, help="seconds of measured calls")
    parser.add_argument("--warmup", type=float, default=3.0, help="seconds of unmeasured calls")
    parser.add_argument("--agents", type=int, default=20)
    parser.add_argument("--customers", type=int, default=500)
    parser.add_argument("--hunt-share", type=float, default=0.25, help="share of hunt-group calls")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--log-dir", default=str(REPOSITORY / ".run"))
    args = parser.parse_args()
    registry = open_registry(args.db, args.config)
    modes = ["prefork", "threaded"] if args.mode == "both" else [args.mode]
    for mode in modes:
        fixture = prepare_data(registry, args.agents, args.customers)
        workers = args.workers if mode == "prefork" else 0
        server = OdooServer(
            args.config, args.db, workers, Path(args.log_dir) / f"bench-odoo-{mode}.log"
        )
        try:
            server.start()
            asyncio.run(measure(args, registry, fixture, server))
        finally:
            server.stop()
        print()


if __name__ == "__main__":
    main()
