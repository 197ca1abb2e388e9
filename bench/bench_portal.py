# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Benchmark: the customer club's pages for a customer with 10,000 requests
in a database of 1,000,000 requests, through a real Odoo server.

    python3 bench/bench_portal.py --db portal_bench [--requests 1000000] [--mine 10000]

The fixture (requests, their status history, other customers) is bulk-loaded
with set-based SQL; the measured requests are real HTTP requests of the
logged-in portal customer to /my/requests (first page, a far page, a filter, a
search) and to one of his request pages, rendered by Odoo's own server.
Target: p95 <= 100 ms.
"""

import os
import socket
import subprocess
import sys
import time

import requests as http
from benchlib import REPOSITORY, argument_parser, odoo_env, percentiles, timer

LOGIN = "bench_club_customer"
FIXTURE_TYPE = "Bench request type"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def load_fixture(env, total, mine):
    """Create the type, the customer and, by SQL, ``total`` requests of which
    ``mine`` are his, each with a status row."""
    from odoo.tools import SQL

    Type = env["crm.portal.request.type"]
    request_type = Type.search([("name", "=", FIXTURE_TYPE)], limit=1)
    user = env["res.users"].search([("login", "=", LOGIN)], limit=1)
    if request_type and user:
        count = env["crm.portal.request"].search_count([])
        print(f"fixture already loaded: {count} requests")
        return user, request_type
    request_type = Type.create(
        {
            "name": FIXTURE_TYPE,
            "prefix": "BEN/",
            "create_lead": False,
            "field_definitions": [
                {"name": "product", "string": "Product", "type": "char"},
                {"name": "quantity", "string": "Quantity", "type": "integer"},
            ],
            "stage_ids": [
                (0, 0, {"name": "Received", "sequence": 1}),
                (0, 0, {"name": "Preparing", "sequence": 2}),
                (0, 0, {"name": "Delivered", "sequence": 3, "is_closed": True}),
            ],
        }
    )
    env["crm.portal.field.access"]._set_access_rules(
        request_type.id, [("product", "readonly", "Product"), ("quantity", "editable", "Quantity")]
    )
    user = env["res.users"].create(
        {
            "name": "Bench Customer",
            "login": LOGIN,
            "password": LOGIN,
            "groups_id": [(6, 0, [env.ref("base.group_portal").id])],
        }
    )
    stages = request_type.stage_ids.sorted("sequence")
    cr = env.cr
    env.flush_all()
    others = max(1, (total - mine) // 1000)
    with timer(f"create {others} other customers"):
        other_ids = (
            env["res.partner"]
            .create([{"name": f"Bench other {index}"} for index in range(others)])
            .ids
        )
        env.flush_all()
    with timer(f"load {total} requests ({mine} of the customer)"):
        cr.execute(
            SQL(
                """
                INSERT INTO crm_portal_request
                       (name, type_id, company_id, partner_id, portal_user_id, stage_id,
                        customer_stage_id, is_closed, properties, create_date, write_date,
                        create_uid, write_uid, date_last_stage_update)
                SELECT 'BEN/' || lpad(g::text, 7, '0'), %(type)s, %(company)s,
                       CASE WHEN g <= %(mine)s THEN %(partner)s
                            ELSE (%(others)s::int[])[1 + mod(g, %(other_count)s)] END,
                       CASE WHEN g <= %(mine)s THEN %(user)s END,
                       (%(stages)s::int[])[1 + mod(g, 3)], (%(stages)s::int[])[1 + mod(g, 3)],
                       mod(g, 3) = 2,
                       jsonb_build_object('product', 'Desk ' || g, 'quantity', mod(g, 9)),
                       now() - g * interval '1 minute', now(), 1, 1,
                       now() - g * interval '1 minute'
                  FROM generate_series(1, %(total)s) g
                """,
                type=request_type.id,
                company=env.company.id,
                mine=mine,
                partner=user.partner_id.id,
                others=other_ids,
                other_count=len(other_ids),
                user=user.id,
                stages=stages.ids,
                total=total,
            )
        )
    with timer("load one status row per request"):
        cr.execute(
            SQL(
                """
                INSERT INTO crm_portal_request_status
                       (request_id, stage_id, date, user_id, create_date, write_date,
                        create_uid, write_uid)
                SELECT id, stage_id, create_date, 1, now(), now(), 1, 1
                  FROM crm_portal_request WHERE type_id = %s
                """,
                request_type.id,
            )
        )
    with timer("analyze"):
        cr.execute(SQL("ANALYZE crm_portal_request, crm_portal_request_status, res_partner"))
    cr.commit()
    return user, request_type


def start_server(config, db, port):
    command = [
        sys.executable,
        str(REPOSITORY / "bench" / "odoo_server.py"),
        "-c",
        config,
        "-d",
        db,
        "--http-port",
        str(port),
        "--db-filter",
        f"^{db}$",
        "--max-cron-threads",
        "0",
        "--log-level",
        "warn",
    ]
    server = subprocess.Popen(command, env=dict(os.environ, TZ="UTC"))
    deadline = time.time() + 120
    while time.time() < deadline:
        try:
            http.get(f"http://127.0.0.1:{port}/web/login", timeout=5)
            return server
        except http.ConnectionError:
            time.sleep(1)
    server.terminate()
    raise SystemExit("the Odoo server did not start")


def measure(session, url, samples, label):
    durations = []
    for _index in range(3):  # warm the worker and the caches
        session.get(url, timeout=30).raise_for_status()
    for _index in range(samples):
        started = time.perf_counter()
        response = session.get(url, timeout=30)
        durations.append(time.perf_counter() - started)
        response.raise_for_status()
    percentiles(durations, label)
    return durations


def main():
    parser = argument_parser(__doc__)
    parser.add_argument("--requests", type=int, default=1_000_000)
    parser.add_argument("--mine", type=int, default=10_000)
    parser.add_argument("--samples", type=int, default=200)
    args = parser.parse_args()

    with odoo_env(args.db, args.config) as env:
        user, _request_type = load_fixture(env, args.requests, args.mine)
        cr = env.cr
        cr.execute(
            "SELECT count(*), count(*) FILTER (WHERE partner_id = %s) FROM crm_portal_request",
            [user.partner_id.id],
        )
        total, mine = cr.fetchone()
        cr.execute(
            "SELECT id FROM crm_portal_request WHERE partner_id = %s ORDER BY id LIMIT 1",
            [user.partner_id.id],
        )
        request_id = cr.fetchone()[0]
    print(f"database: {total} requests, {mine} of the customer")

    port = free_port()
    server = start_server(args.config, args.db, port)
    try:
        base = f"http://127.0.0.1:{port}"
        session = http.Session()
        login = session.post(
            f"{base}/web/session/authenticate",
            json={"params": {"db": args.db, "login": LOGIN, "password": LOGIN}},
            timeout=30,
        )
        login.raise_for_status()
        if login.json().get("error"):
            raise SystemExit(login.json()["error"])
        results = {}
        for label, path in (
            ("/my/requests (first page)", "/my/requests"),
            ("/my/requests (page 100)", "/my/requests/page/100"),
            (
                "/my/requests?filterby=open&sortby=update",
                "/my/requests?filterby=open&sortby=update",
            ),
            ("/my/requests?search=BEN/00042", "/my/requests?search_in=all&search=BEN/00042"),
            ("/my/requests/<id>", f"/my/requests/{request_id}"),
            ("/my home counters", "/my/counters"),
        ):
            if path == "/my/counters":
                # JSON route of the home page's counters.
                durations = []
                payload = {"params": {"counters": ["crm_request_count", "crm_step_count"]}}
                for index in range(args.samples + 3):
                    started = time.perf_counter()
                    response = session.post(f"{base}{path}", json=payload, timeout=30)
                    if index >= 3:
                        durations.append(time.perf_counter() - started)
                    response.raise_for_status()
                percentiles(durations, label)
            else:
                durations = measure(session, f"{base}{path}", args.samples, label)
            results[label] = sorted(durations)[int(0.95 * len(durations))] * 1000
        worst = max(results.values())
        print(f"worst p95: {worst:.1f} ms (target <= 100 ms): {'OK' if worst <= 100 else 'MISSED'}")
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
