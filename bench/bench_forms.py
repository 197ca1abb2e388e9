# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Benchmark: sustained public form posts against a real Odoo server in
prefork mode, on loopback.

    python3 bench/bench_forms.py --db forms_bench [--rate 50] [--duration 60] [--workers 4]
    python3 bench/bench_forms.py --db forms_bench --quick   # 10 s, for a busy machine

The server serves one database as Odoo documents it (``-d db``, no
``--db-filter``: with a filter, every request without a session lists the
databases through a new PostgreSQL connection; ``--db-filter`` measures that).

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


def cpu_seconds(process):
    """CPU seconds (user + system) a process has used so far (0 if gone)."""
    import psutil

    try:
        times = process.cpu_times()
    except psutil.Error:
        return 0.0
    return times.user + times.system


def server_cpu(pid):
    """CPU seconds of the Odoo server and its workers so far."""
    import psutil

    try:
        master = psutil.Process(pid)
        return sum(map(cpu_seconds, [master, *master.children(recursive=True)]))
    except psutil.Error:
        return 0.0


def postgres_cpu():
    """{pid: CPU seconds} of the PostgreSQL server processes now."""
    import psutil

    return {
        process.pid: cpu_seconds(process)
        for process in psutil.process_iter(["name"])
        if (process.info["name"] or "").startswith("postgres")
    }


def postgres_cpu_since(before):
    """CPU seconds PostgreSQL used since ``before`` (a ``postgres_cpu()``),
    by the processes alive at the end: a backend that started and ended in
    between is missed, which ``machine_busy`` does not miss."""
    return sum(seconds - before.get(pid, 0.0) for pid, seconds in postgres_cpu().items())


def machine_busy():
    """CPU seconds the whole machine has been busy so far (all cores)."""
    import psutil

    times = psutil.cpu_times()
    return sum(times) - times.idle - getattr(times, "iowait", 0.0)


def own_cpu():
    """CPU seconds of this process (the load generator) so far."""
    times = os.times()
    return times.user + times.system


def uptime():
    return subprocess.run(["uptime"], capture_output=True, text=True, check=False).stdout.strip()


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


def start_server(config, db, port, workers, log, db_filter=False):
    command = [
        sys.executable,
        str(REPOSITORY / "bench" / "odoo_server.py"),
        "-c", config, "-d", db,
        "--http-port", str(port), "--gevent-port", str(free_port()),
        "--workers", str(workers), "--max-cron-threads", "0",
        "--limit-time-real", "120",
        "--log-level", "warn", "--logfile", log,
    ]  # fmt: skip
    if db_filter:
        command += ["--db-filter", f"^{db}$"]
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
    parser.add_argument(
        "--quick", action="store_true", help="10 s at the target rate (a bounded check)"
    )
    parser.add_argument(
        "--db-filter", action="store_true", help="serve with --db-filter ^db$ (see above)"
    )
    args = parser.parse_args()
    if args.quick:
        args.duration = min(args.duration, 10.0)
    with odoo_env(args.db, args.config) as env:
        form_id = setup_form(env)
        print(f"queries per submission (in-process, warm): {queries_per_submission(env, form_id)}")
        run_load(args, env.registry)


def queries_per_submission(env, form_id):
    """The SQL statements one public submission runs (what the query-count
    test pins), measured on a rolled-back submission."""
    public = env.ref("base.public_user")
    form = env["crm.portal.form"].browse(form_id).with_user(public).sudo()
    names = {q.field_name: f"field_{q.id}" for q in form.field_ids}
    counts = []
    for index in range(3):
        with env.cr.savepoint(flush=False) as savepoint:
            env.invalidate_all()
            before = env.cr.sql_log_count
            form._submit(
                {
                    "consent": "1",
                    "contact_name": "Bench Count",
                    "contact_email": f"bench-count-{uuid.uuid4().hex}@example.com",
                    names["product"]: f"Product {index}",
                },
                {},
                public,
                "en_US",
                "127.0.0.1",
            )
            env.flush_all()
            counts.append(env.cr.sql_log_count - before)
            savepoint.rollback()
    env.invalidate_all()
    return counts[-1]


def run_load(args, registry):
    port = free_port()
    log = str(REPOSITORY / ".run" / "bench-forms-odoo.log")
    print(f"uptime before: {uptime()}", flush=True)
    server = start_server(args.config, args.db, port, args.workers, log, args.db_filter)
    base = f"http://127.0.0.1:{port}"
    run = uuid.uuid4().hex[:10]
    try:
        # Warm every worker (registry, templates, the post's code paths)
        # before measuring; the warm-up posts are not counted below.
        for _index in range(args.workers * 4):
            http.get(f"{base}/forms/{SLUG}", timeout=60)
        page = http.get(f"{base}/forms/{SLUG}", timeout=10).text
        token = re.search(r'name="page_token" value="([^"]+)"', page).group(1)
        names = re.findall(r'name="(field_\d+)"', page)
        for index in range(args.workers * 4):
            http.post(
                f"{base}/forms/{SLUG}/submit",
                data={
                    "page_token": token,
                    "consent": "1",
                    "contact_name": "Bench Warm-up",
                    "contact_email": f"bench-warm-up-{run}-{index}@example.com",
                    names[0]: "Product",
                },
                timeout=60,
            ).raise_for_status()
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
        latencies, statuses, answered = [], [], {}
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
                answered[data["contact_email"]] = status

        cpu_before = server_cpu(server.pid)
        postgres_before, client_before, busy_before = postgres_cpu(), own_cpu(), machine_busy()
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
        cpu = server_cpu(server.pid) - cpu_before
        postgres = postgres_cpu_since(postgres_before)
        busy = machine_busy() - busy_before
        client = own_cpu() - client_before
        print(f"uptime after: {uptime()}")
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(30)
    ok = statuses.count(200)
    print(f"posts: {len(statuses)} in {elapsed:.1f} s, HTTP 200: {ok}, other: {len(statuses) - ok}")
    print(f"throughput: {ok / elapsed:.1f} submissions/s (target rate {args.rate}/s)")
    # What the Odoo workers spent per post whatever the machine's load: on a
    # quiet machine, cores / (this + PostgreSQL's share) bounds the rate.
    per_post = 1000 / max(ok, 1)
    print(
        f"CPU per submission: Odoo {cpu * per_post:.1f} ms (workers, user+system), "
        f"PostgreSQL {postgres * per_post:.1f} ms, load generator {client * per_post:.1f} ms; "
        f"the three: {(cpu + postgres + client) / elapsed / os.cpu_count():.0%} of "
        f"{os.cpu_count()} cores; the whole machine busy {busy / elapsed / os.cpu_count():.0%}"
    )
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
    missing = [email for email, status in answered.items() if status == 200 and email not in counts]
    # A post the client gave up on (timeout) may still have been stored: once.
    unanswered = sum(1 for status in answered.values() if status != 200)
    print(
        f"stored: {len(counts)} submissions ({twice} more than once), {requests_stored} requests; "
        f"answered 200: {ok} (+{len(single)} posted one at a time), "
        f"answered 200 but not stored: {len(missing)}, not answered 200: {unanswered}"
    )
    if (
        twice
        or missing
        or len(counts) != requests_stored
        or len(counts) > len(answered) + len(single)
    ):
        raise SystemExit("FAIL: submissions not stored exactly once")


if __name__ == "__main__":
    main()
