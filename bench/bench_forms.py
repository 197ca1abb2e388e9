# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Benchmark: sustained public form posts against a real Odoo server in
prefork mode, on loopback.

    python3 bench/bench_forms.py --db forms_bench [--rate 50] [--duration 60] [--workers 4]

A published form of a request type that creates leads is set up (limits
raised so the per-IP limit does not refuse a benchmark that comes from one
address). Posts are sent open-loop: one every 1/rate seconds whatever the
answers' speed, from a pool of threads, each a new visitor with a unique
email (a new customer, a lead, a request with its answers, a submission).
Latency is measured from the post's scheduled time, so a server falling
behind shows in the figures. Afterwards the database is checked: every
submission stored exactly once. Bounded: rate x duration posts, 10 s per
post, and the run stops at duration + 60 s.
Targets: >= 50 submissions/s for 60 s, p95 <= 200 ms.
"""

import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor

import requests as http
from benchlib import REPOSITORY, argument_parser, odoo_env, percentiles

SLUG = "bench-form"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def setup_form(env):
    Form = env["crm.portal.form"]
    form = Form.search([("slug", "=", SLUG)], limit=1)
    if not form:
        request_type = env["crm.portal.request.type"].create(
            {
                "name": "Bench form type",
                "prefix": "BFO/",
                "create_lead": True,
                "field_definitions": [
                    {"name": "product", "string": "Product", "type": "char"},
                    {"name": "quantity", "string": "Quantity", "type": "integer"},
                    {"name": "note", "string": "Note", "type": "char"},
                ],
                "stage_ids": [(0, 0, {"name": "Received", "sequence": 1})],
            }
        )
        rules = {r.field_name: r for r in request_type.field_access_ids}
        form = Form.create(
            {
                "name": "Bench order form",
                "slug": SLUG,
                "type_id": request_type.id,
                "is_published": True,
                "register_partner": True,
                "consent_text": "I agree.",
                "field_ids": [
                    (
                        0,
                        0,
                        {
                            "access_rule_id": rules["product"].id,
                            "kind": "text",
                            "label": "P",
                            "required": True,
                        },
                    ),
                    (
                        0,
                        0,
                        {"access_rule_id": rules["quantity"].id, "kind": "number", "label": "Q"},
                    ),
                    (0, 0, {"access_rule_id": rules["note"].id, "kind": "textarea", "label": "N"}),
                ],
            }
        )
    form.write({"rate_limit_ip": 1_000_000, "rate_limit_form": 1_000_000, "min_fill_seconds": 0})
    env.cr.commit()
    return form.id


def start_server(config, db, port, workers, log):
    command = [
        sys.executable,
        str(REPOSITORY / "bench" / "odoo_server.py"),
        "-c", config, "-d", db,
        "--http-port", str(port), "--gevent-port", str(free_port()),
        "--db-filter", f"^{db}$",
        "--workers", str(workers), "--max-cron-threads", "0",
        "--limit-time-real", "120",
        "--log-level", "warn", "--logfile", log,
    ]  # fmt: skip
    server = subprocess.Popen(command, env=dict(os.environ, TZ="UTC"), start_new_session=True)
    deadline = time.time() + 180
    while time.time() < deadline:
        try:
            if http.get(f"http://127.0.0.1:{port}/forms/{SLUG}", timeout=60).ok:
                return server
        except http.RequestException:
            pass
        time.sleep(1)
    os.killpg(server.pid, signal.SIGTERM)
    raise SystemExit("the Odoo server did not start")


def main():
    parser = argument_parser(__doc__)
    parser.add_argument("--rate", type=float, default=50.0, help="posts per second")
    parser.add_argument("--duration", type=float, default=60.0, help="seconds")
    parser.add_argument("--workers", type=int, default=4, help="Odoo HTTP workers")
    parser.add_argument("--threads", type=int, default=32, help="client threads")
    args = parser.parse_args()
    with odoo_env(args.db, args.config) as env:
        setup_form(env)
        run_load(args, env.registry)


def run_load(args, registry):
    port = free_port()
    log = str(REPOSITORY / ".run" / "bench-forms-odoo.log")
    print(f"load average before: {os.getloadavg()}", flush=True)
    server = start_server(args.config, args.db, port, args.workers, log)
    base = f"http://127.0.0.1:{port}"
    run = uuid.uuid4().hex[:10]
    try:
        # Warm every worker (registry, templates) before measuring.
        for _index in range(args.workers * 4):
            http.get(f"{base}/forms/{SLUG}", timeout=60)
        page = http.get(f"{base}/forms/{SLUG}", timeout=10).text
        token = re.search(r'name="page_token" value="([^"]+)"', page).group(1)
        names = re.findall(r'name="(field_\d+)"', page)
        # Unloaded latency first: one post at a time (what a visitor waits
        # for when the server is idle), then the sustained open-loop load.
        single = []
        session = http.Session()
        for index in range(30):
            started = time.perf_counter()
            session.post(
                f"{base}/forms/{SLUG}/submit",
                data={
                    "page_token": token,
                    "consent": "1",
                    "contact_name": "Bench Single",
                    "contact_email": f"bench-{run}-single-{index}@example.com",
                    names[0]: "Product",
                },
                timeout=10,
            ).raise_for_status()
            single.append(time.perf_counter() - started)
        percentiles(single, "one post at a time")
        total = int(args.rate * args.duration)
        latencies, statuses = [], []
        lock = threading.Lock()
        local = threading.local()

        def post(index, scheduled):
            session = getattr(local, "session", None) or http.Session()
            local.session = session
            data = {
                "page_token": token,
                "lang": "en_US",
                "consent": "1",
                "contact_name": f"Bench Visitor {index}",
                "contact_email": f"bench-{run}-{index}@example.com",
                names[0]: f"Product {index}",
                names[1]: str(index % 100),
                names[2]: "A line\nanother",
            }
            try:
                status = session.post(
                    f"{base}/forms/{SLUG}/submit", data=data, timeout=10
                ).status_code
            except http.RequestException:
                status = "error"
            with lock:
                latencies.append(time.perf_counter() - scheduled)
                statuses.append(status)

        started = time.perf_counter()
        hard_stop = started + args.duration + 60
        with ThreadPoolExecutor(args.threads) as pool:
            for index in range(total):
                scheduled = started + index / args.rate
                delay = scheduled - time.perf_counter()
                if delay > 0:
                    time.sleep(delay)
                if time.perf_counter() > hard_stop:
                    break
                pool.submit(post, index, scheduled)
        elapsed = time.perf_counter() - started
        print(f"load average after: {os.getloadavg()}")
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(30)
    ok = statuses.count(200)
    print(f"posts: {len(statuses)} in {elapsed:.1f} s, HTTP 200: {ok}, other: {len(statuses) - ok}")
    print(f"throughput: {ok / elapsed:.1f} submissions/s (target rate {args.rate}/s)")
    percentiles(latencies, "post latency from scheduled time")
    with registry.cursor() as cr:
        cr.execute(
            "SELECT email, count(*) FROM crm_portal_form_submission"
            " WHERE email LIKE %s GROUP BY email",
            [f"bench-{run}-%"],
        )
        counts = dict(cr.fetchall())
        cr.execute(
            "SELECT count(*) FROM crm_portal_request r JOIN res_partner p ON p.id = r.partner_id"
            " WHERE p.email LIKE %s",
            [f"bench-{run}-%"],
        )
        requests_stored = cr.fetchone()[0]
    twice = sum(1 for n in counts.values() if n > 1)
    print(
        f"stored: {len(counts)} submissions ({twice} more than once), {requests_stored} requests; "
        f"answered 200: {ok} (+{len(single)} posted one at a time)"
    )
    ok += len(single)
    if len(counts) != ok or twice or requests_stored != ok:
        raise SystemExit("FAIL: submissions not stored exactly once")


if __name__ == "__main__":
    main()
