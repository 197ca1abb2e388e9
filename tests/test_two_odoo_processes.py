# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Two Odoo servers on one database and one filestore, as several Odoo containers run.

Server A takes the PBX's signed webhook; the agent's websocket is open on
server B; the caller ID popup must reach it. Odoo's bus carries it from A's
HTTP worker through PostgreSQL (NOTIFY on the "postgres" database) to B's
gevent worker, which LISTENs there. A session opened on A works on B too:
sessions live in the shared data_dir (the filestore volume in Docker).

The same runs once with the servers connected to PostgreSQL directly and once
through PgBouncer with config/pgbouncer.ini (transaction pooling, the bus's
"postgres" database pooled by session), where pgbouncer is installed.

Both servers run in prefork mode as docker-compose.yml runs Odoo (one HTTP
worker each, plus the gevent worker serving /websocket), started by the
benchmark's launcher (bench/bench_ami_to_popup.py, bench/odoo_server.py). The
test data (one agent with an extension, one customer, a PBX key) is the
benchmark's too; what the test adds is removed afterwards.
"""

from __future__ import annotations

import asyncio
import configparser
import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import pytest
import requests

import odoo
from odoo.modules.registry import Registry
from odoo.tools import config

ROOT = Path(__file__).resolve().parent.parent
# The benchmark's helpers, and the AMI bridge's event and sender (a plain package).
sys.path[:0] = [str(ROOT / "bench"), str(ROOT / "addons/crm_telephony")]

from ami_bridge.calls import CallEvent  # noqa: E402
from ami_bridge.poster import OdooPoster  # noqa: E402
from bench_ami_to_popup import (  # noqa: E402
    AgentSocket,
    OdooServer,
    authenticate,
    pbx_call_ids,
    prepare_data,
)

POPUP_TIMEOUT = 30.0
PGBOUNCER = shutil.which("pgbouncer") or (
    "/usr/sbin/pgbouncer" if Path("/usr/sbin/pgbouncer").exists() else None
)


@pytest.fixture(scope="module")
def registry():
    return Registry(config["db_name"].split(",")[0])


@pytest.fixture(scope="module")
def fixture(registry):
    data = prepare_data(registry, agents=1, customers=1)
    yield data
    # Leave the test database as it was: the servers' data is committed.
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {"active_test": False})
        users = env["res.users"].browse(uid for _login, uid in data.agents.values())
        env["crm.phone.call"].search([("agent_id", "in", users.ids)]).unlink()
        env["crm.phone.api.key"].search([("key_id", "=", data.key_id)]).unlink()
        customers = env["res.partner"].search([("phone_e164", "in", data.numbers)])
        customers.unlink()
        partners = users.partner_id
        users.unlink()
        partners.unlink()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_pgbouncer(folder: Path) -> tuple[subprocess.Popen, int]:
    """PgBouncer with config/pgbouncer.ini, pointed at the test server."""
    port = free_port()
    parser = configparser.ConfigParser()
    parser.read(ROOT / "config/pgbouncer.ini")
    server = f"host={config['db_host'] or '127.0.0.1'} port={config['db_port'] or 5432}"
    for name, value in parser["databases"].items():
        parser["databases"][name] = value.replace("host=db port=5432", server)
    user, password = config["db_user"], config["db_password"] or ""
    (folder / "userlist.txt").write_text(f'"{user}" "{password}"\n')
    parser["pgbouncer"].update(
        listen_addr="127.0.0.1",
        listen_port=str(port),
        auth_type="plain" if password else "trust",
        auth_file=str(folder / "userlist.txt"),
        unix_socket_dir="",
    )
    with (folder / "pgbouncer.ini").open("w") as ini:
        parser.write(ini)
    for path in folder.iterdir():
        path.chmod(0o644)
    command = [PGBOUNCER, str(folder / "pgbouncer.ini")]
    if os.geteuid() == 0:  # pgbouncer refuses to run as root
        account = next(n for n in ("postgres", "nobody") if _has_account(n))
        command = ["runuser", "-u", account, "--", *command]
    log = (folder / "pgbouncer.log").open("w")
    process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 10
    while True:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return process, port
        assert process.poll() is None and time.monotonic() < deadline, (
            folder / "pgbouncer.log"
        ).read_text()
        time.sleep(0.1)


def _has_account(name: str) -> bool:
    try:
        pwd.getpwnam(name)
    except KeyError:
        return False
    return True


def config_through(folder: Path, port: int) -> str:
    """The test configuration with PostgreSQL reached through the pooler's port."""
    parser = configparser.RawConfigParser()
    parser.read(config.rcfile)
    parser["options"].update(db_host="127.0.0.1", db_port=str(port))
    path = folder / "odoo-pgbouncer.conf"
    with path.open("w") as conf:
        parser.write(conf)
    return str(path)


@pytest.fixture(scope="module", params=["direct", "pgbouncer"])
def servers(request, tmp_path_factory, registry, fixture):
    logs = tmp_path_factory.mktemp(f"odoo-servers-{request.param}")
    config_path, pooler = config.rcfile, None
    if request.param == "pgbouncer":
        if PGBOUNCER is None:
            pytest.skip("pgbouncer is not installed")
        folder = Path(tempfile.mkdtemp(prefix="deploy-pgbouncer-"))
        folder.chmod(0o755)  # read by the pooler's account
        pooler, port = start_pgbouncer(folder)
        config_path = config_through(logs, port)
    started = []
    try:
        for name in ("a", "b"):
            server = OdooServer(config_path, registry.db_name, 1, logs / f"odoo-{name}.log")
            started.append(server.start())
        yield started
    finally:
        for server in started:
            server.stop()
        if pooler:
            pooler.terminate()
            pooler.wait(10)
            shutil.rmtree(folder, ignore_errors=True)


def ringing_event(fixture) -> dict:
    (extension,) = fixture.agents
    now = time.time()
    call_id = f"two-processes-{uuid.uuid4().hex}"
    return CallEvent(
        event_id=f"{call_id}:ringing:{extension}",
        call_id=call_id,
        type="ringing",
        direction="inbound",
        caller_number=fixture.numbers[0],
        caller_name="",
        callee_number=extension,
        extension=extension,
        state=None,
        at=now,
        started_at=now,
        answered_at=None,
        ended_at=None,
        duration=0,
        raw_caller=fixture.numbers[0],
    ).to_json()


def post_signed(server: OdooServer, fixture, events: list[dict]) -> None:
    """Through the bridge's own sender: HMAC-signed, retried until Odoo accepts."""

    async def deliver():
        poster = OdooPoster(server.url, fixture.key_id, fixture.secret)
        task = asyncio.create_task(poster.run())
        poster.submit(events)
        delivered = await poster.flush(POPUP_TIMEOUT)
        task.cancel()
        return delivered and poster.delivered == len(events)

    assert asyncio.run(deliver()), "server A did not accept the event"


def test_a_session_opened_on_one_server_is_valid_on_the_other(servers, fixture):
    server_a, server_b = servers
    (login, uid) = next(iter(fixture.agents.values()))
    session_id = authenticate(server_a, login)
    response = requests.post(
        f"{server_b.url}/web/session/get_session_info",
        json={"jsonrpc": "2.0", "params": {}},
        cookies={"session_id": session_id},
        timeout=30,
    )
    assert response.json()["result"]["uid"] == uid


def test_popup_of_an_event_posted_to_one_server_reaches_a_websocket_on_the_other(
    servers, fixture, registry
):
    server_a, server_b = servers
    (extension,) = fixture.agents
    login, _uid = fixture.agents[extension]
    with registry.cursor() as cr:  # only what comes from now on
        last_bus_id = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})["bus.bus"]._bus_last_id()
    socket_b = AgentSocket(extension, login, server_b, last_bus_id)
    try:
        event = ringing_event(fixture)
        posted = time.perf_counter()
        post_signed(server_a, fixture, [event])
        deadline = posted + POPUP_TIMEOUT
        while not socket_b.popups and time.perf_counter() < deadline:
            time.sleep(0.05)
    finally:
        socket_b.close()
    assert socket_b.popups, "no popup on server B's websocket"
    (call_id, received) = socket_b.popups[0]
    assert pbx_call_ids(registry, {call_id}) == {call_id: event["call_id"]}
    print(f"popup on server B {1000 * (received - posted):.0f} ms after posting to server A")
    # The webhook was served by A: its request line is in A's log, not in B's.
    log_a, log_b = (server.log_path.read_text() for server in servers)
    assert "POST /crm_telephony/v1/pbx/events" in log_a
    assert "POST /crm_telephony/v1/pbx/events" not in log_b
