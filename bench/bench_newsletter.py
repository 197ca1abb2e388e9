#!/usr/bin/env python3
# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Benchmark of newsletter sending (issue 15).

For each size (default 10,000 and 100,000 recipients) it loads one mailing
list of that size, then sends, in one run and to the same list:

1. **vanilla**: a plain Odoo mailing whose body is the issue's HTML;
2. **ours**: a newsletter issue sent through ``crm.newsletter.issue.action_send``
   (which creates the Odoo mailing and puts it in mass mailing's queue).

Both go through Odoo's own queue (``mailing.mailing._process_mass_mailing_queue``,
what the cron runs: rendering and queueing the mails, commits per batch), then
through Odoo's own mail sending (``mail.mail.send`` in batches of 1,000, as
its mail queue does, restricted to the run's mailing) to a local
SMTP sink on loopback (aiosmtpd), which counts every recipient and keeps no
message. Each variant runs in a worker process of its own, as a cron worker
would, so that its peak memory (the kernel's high-water mark, VmHWM) is its
own. Printed per variant: render+queue mails/s, delivered mails/s, time
until the last mail is delivered, the worker's peak memory after
render+queue and after delivery, duplicates and missing recipients, and
progress samples read from a second connection while the send runs (what
the issue's progress bar shows). ``--vanilla-sizes 10000`` leaves vanilla
out of the larger runs; a vanilla send still rendering after
``--vanilla-limit`` seconds (default 600) is stopped and the rate it reached
is printed: for each batch of 50 mails vanilla mass mailing reads the opt-outs
of the whole list and every trace its mailing already has, so at 100,000
recipients it would run for hours.

With ``--segment-customers`` it also loads that many customers with
``--segment-lines`` sales order lines and times each rule kind's count
(p50/p95 of ``--segment-repeats`` counts).

Use a database of its own (it commits), with crm_newsletter installed:

    python3 -m odoo -c .run/odoo-test.conf -d news_bench \
        -i crm_newsletter,crm_newsletter_sale --without-demo=all --stop-after-init
    python3 bench/bench_newsletter.py --db news_bench --sizes 10000 100000
    python3 bench/bench_newsletter.py --db news_bench --sizes --segment-customers 1000000
"""

import collections
import logging
import re
import socket
import threading
import time

from benchlib import argument_parser, odoo_env

BODY_ITEMS = 4


class CountingSink:
    """aiosmtpd handler: counts each recipient, keeps no message."""

    def __init__(self):
        self.lock = threading.Lock()
        self.reset()

    def reset(self):
        with self.lock:
            self.recipients = collections.Counter()
            self.last_delivery = None

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            for recipient in envelope.rcpt_tos:
                self.recipients[recipient] += 1
            self.last_delivery = time.time()  # compared with the worker's clock
        return "250 OK"

    def total(self):
        with self.lock:
            return sum(self.recipients.values())


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def memory_mb(field="VmHWM", pid="self"):
    """A process's (by default this one's) peak (VmHWM) or current (VmRSS)
    resident memory."""
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    return 0.0


class ProgressSampler(threading.Thread):
    """Reads the issue's sending progress (its mailing's traces, what the
    progress bar of the issue shows) from a connection of its own while the
    worker process sends."""

    def __init__(self, registry, mailing_id, total):
        super().__init__(daemon=True)
        self.registry, self.mailing_id, self.total = registry, mailing_id, total
        self.progress = []
        self.stop = threading.Event()
        self.started = time.perf_counter()

    def run(self):
        while not self.stop.wait(5):
            with self.registry.cursor() as cr:
                cr.execute(
                    "SELECT COUNT(*) FROM mailing_trace WHERE mass_mailing_id = %s",
                    [self.mailing_id],
                )
                done = cr.fetchone()[0]
            self.progress.append((time.perf_counter() - self.started, 100.0 * done / self.total))


def load_list(env, size):
    """A mailing list of ``size`` contacts, loaded with set-based SQL."""
    name = f"Benchmark list {size}"
    existing = env["mailing.list"].search([("name", "=", name)], limit=1)
    if existing:
        return existing
    mailing_list = env["mailing.list"].create({"name": name})
    env.cr.execute(
        """
        WITH contacts AS (
            INSERT INTO mailing_contact (name, email, email_normalized, create_date, write_date)
            SELECT 'Reader ' || n, 'reader' || n || '.' || %(size)s || '@bench.example.com',
                   'reader' || n || '.' || %(size)s || '@bench.example.com', now(), now()
              FROM generate_series(1, %(size)s) n
            RETURNING id)
        INSERT INTO mailing_subscription (contact_id, list_id, opt_out, create_date, write_date)
        SELECT id, %(list)s, FALSE, now(), now() FROM contacts
        """,
        {"size": size, "list": mailing_list.id},
    )
    env.cr.commit()
    return mailing_list


def make_issue(env, mailing_list, size):
    newsletter = env["crm.newsletter"].create(
        {
            "name": f"Benchmark newsletter {size} {time.time():.0f}",
            "lang": "en_US",
            "email_from": "news@bench.example.com",
            "contact_list_ids": [(6, 0, mailing_list.ids)],
        }
    )
    return env["crm.newsletter.issue"].create(
        {
            "newsletter_id": newsletter.id,
            "name": "Benchmark issue",
            "image_url": "https://example.com/hero.jpg",
            "item_ids": [
                (0, 0, {"headline": f"News item {index}",
                        "body": "<p>" + "Some text of the news item. " * 20 + "</p>",
                        "image_url": f"https://example.com/item{index}.jpg",
                        "link_url": f"https://example.com/news/{index}",
                        "button_label": "Read more"})
                for index in range(BODY_ITEMS)
            ],
        }
    )  # fmt: skip


def deliver(env, mailing, deadline_s=3600):
    """Send the mailing's queued mails as Odoo's mail queue does (batches of
    1,000 through ``mail.mail.send``, committed), until none is left. Only
    this mailing's mails: other runs on the database keep theirs."""
    Mail = env["mail.mail"]
    deadline = time.perf_counter() + deadline_s
    while time.perf_counter() < deadline:
        batch = Mail.search(
            [("mailing_id", "=", mailing.id), ("state", "=", "outgoing")], limit=1000
        )
        if not batch:
            break
        batch.send(auto_commit=True)
        env.cr.commit()
        env.invalidate_all()


def sink_server(env, port):
    """A mail server of this run, given to its mailings (not the default)."""
    server = env["ir.mail_server"].create(
        {"name": f"Benchmark sink {port}", "smtp_host": "127.0.0.1", "smtp_port": port,
         "smtp_encryption": "none", "sequence": 1000}
    )  # fmt: skip
    env.cr.commit()
    return server


def run_worker(env, variant, record_id, server_id, no_deliver):
    """The worker process of one variant (``--worker``), as an Odoo cron
    worker runs it: put the mailing in the queue (vanilla) or send the issue
    (ours), process mass mailing's queue (render and queue the mails), then
    send the queued mails. Prints its timings and peak memory as JSON."""
    import json

    started = time.time()
    cpu_started = time.process_time()
    if variant == "ours":
        issue = env["crm.newsletter.issue"].browse(record_id)
        issue.action_send()
        mailing = issue.mailing_id
    else:
        mailing = env["mailing.mailing"].browse(record_id)
        mailing.action_put_in_queue()
    mailing.mail_server_id = server_id
    env.cr.commit()
    env["mailing.mailing"]._process_mass_mailing_queue()
    env.cr.commit()
    queued = time.time()
    cpu_queued = time.process_time()
    peak_queue = memory_mb()
    if no_deliver:
        # render+queue only: the queued mails are dropped, not sent
        env.cr.execute("DELETE FROM mail_mail WHERE mailing_id = %s", [mailing.id])
        env.cr.commit()
    else:
        deliver(env, mailing)
    print(
        "WORKER "
        + json.dumps(
            {
                "started": started, "queued": queued, "finished": time.time(),
                "cpu_queue": cpu_queued - cpu_started,
                "cpu_deliver": time.process_time() - cpu_queued,
                "peak_queue_mb": peak_queue, "peak_mb": memory_mb(), "mailing_id": mailing.id,
            }
        ),
        flush=True,
    )  # fmt: skip


def run_variant(env, args, label, size, record, mailing_id, sink):
    """Run one variant in a worker process of its own (its peak memory is
    its own, not what earlier variants left in this process) and print its
    figures; the sink, in this process, counts what is delivered."""
    import json
    import subprocess
    import sys

    sink.reset()
    sampler = ProgressSampler(env.registry, mailing_id, size)
    sampler.start()
    command = [sys.executable, __file__, "--db", env.cr.dbname, "--config", args.config,
               "--sizes", "--worker", label, str(record.id), str(sink.server.id)]  # fmt: skip
    if args.no_deliver:
        command.append("--no-deliver")
    limit = args.vanilla_limit if label == "vanilla" else 0
    worker = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    try:
        stdout, _stderr = worker.communicate(timeout=limit or 7200)
    except subprocess.TimeoutExpired:
        if limit and queued_mails(env, mailing_id) < size:
            sampler.stop.set()
            sampler.join()
            return stop_bounded_worker(env, worker, label, size, mailing_id, limit, sampler)
        # the limit bounds the rendering only: past it, the mails are delivered
        stdout, _stderr = worker.communicate(timeout=7200)
    if worker.returncode:
        raise SystemExit(f"the {label} worker failed (exit code {worker.returncode})")
    line = next(row for row in stdout.splitlines() if row.startswith("WORKER "))
    result = json.loads(line[len("WORKER ") :])
    # the sink may still be acknowledging the last message
    for _ in range(50):
        if sink.total() >= size or args.no_deliver:
            break
        time.sleep(0.1)
    sampler.stop.set()
    sampler.join()
    counts = sink.recipients
    delivered_at = sink.last_delivery or result["finished"]
    duplicates = sum(1 for count in counts.values() if count > 1)
    started, queued = result["started"], result["queued"]
    render = size / (queued - started)
    delivery = sum(counts.values()) / max(delivered_at - queued, 1e-9)
    delivered = (
        "not delivered (--no-deliver)"
        if args.no_deliver
        else f"delivered {delivery:6.0f} mails/s, last delivered after "
        f"{delivered_at - started:6.1f} s"
    )
    print(
        f"{label:>8} {size:>7}: render+queue {render:7.0f} mails/s ({queued - started:6.1f} s), "
        f"{delivered}; "
        f"peak memory of the worker {result['peak_queue_mb']:4.0f} MB render+queue, "
        f"{result['peak_mb']:4.0f} MB at the end; delivered {len(counts)} of {size}, "
        f"{duplicates} more than once; worker CPU render+queue {result['cpu_queue']:.1f} s, "
        f"delivery {result['cpu_deliver']:.1f} s",
        flush=True,
    )
    if sampler.progress:
        shown = ", ".join(f"{at:.0f}s:{pct:.0f}%" for at, pct in sampler.progress[:10])
        print(f"{'':>8} progress seen from another connection: {shown}", flush=True)
    return render


def queued_mails(env, mailing_id):
    """Mails of the mailing rendered and queued so far (its traces)."""
    with env.registry.cursor() as cr:
        cr.execute("SELECT COUNT(*) FROM mailing_trace WHERE mass_mailing_id = %s", [mailing_id])
        return cr.fetchone()[0]


def stop_bounded_worker(env, worker, label, size, mailing_id, limit, sampler):
    """The vanilla worker still rendering after ``limit`` seconds: note its
    peak memory and how many mails it queued, stop it, withdraw the rest of
    its mailing, and print the rate it reached: for each batch of 50 mails,
    vanilla mass mailing reads the opt-outs of the whole list and every trace
    the mailing already has, so the whole send takes at least the list's size
    over that rate."""
    peak = memory_mb("VmHWM", worker.pid)
    queued = queued_mails(env, mailing_id)
    worker.kill()
    worker.wait()
    with env.registry.cursor() as cr:
        cr.execute("DELETE FROM mail_mail WHERE mailing_id = %s", [mailing_id])
        cr.execute("UPDATE mailing_mailing SET state = 'done' WHERE id = %s", [mailing_id])
    rate = queued / limit
    whole = size / max(rate, 1e-9)
    print(
        f"{label:>8} {size:>7}: stopped after {limit:.0f} s with {queued} of {size} mails "
        f"queued: render+queue {rate:7.1f} mails/s over that time, so at least "
        f"{whole:.0f} s ({whole / 60:.0f} min) for the whole list at that rate; "
        f"not delivered; peak memory of the worker {peak:4.0f} MB",
        flush=True,
    )
    if sampler.progress:
        shown = ", ".join(f"{at:.0f}s:{pct:.1f}%" for at, pct in sampler.progress[::12])
        print(f"{'':>8} progress seen from another connection: {shown}", flush=True)
    return rate


def bench_sending(env, args):
    from aiosmtpd.controller import Controller

    logging.getLogger("mail.log").setLevel(logging.WARNING)  # aiosmtpd's per-command log

    sink = CountingSink()
    port = free_port()
    controller = Controller(sink, hostname="127.0.0.1", port=port, data_size_limit=1024 * 1024)
    controller.start()
    vanilla_sizes = args.sizes if args.vanilla_sizes is None else args.vanilla_sizes
    try:
        sink.server = sink_server(env, port)
        env["ir.config_parameter"].set_param("mail.catchall.domain", "bench.example.com")
        env.cr.commit()
        for size in args.sizes:
            mailing_list = load_list(env, size)
            issue = make_issue(env, mailing_list, size)
            issue._sync_mailing()  # the same HTML for vanilla
            html = re.sub(r"\s+", " ", issue.body_html)
            env.cr.commit()
            vanilla = env["mailing.mailing"].create(
                {
                    "subject": "Benchmark issue",
                    "email_from": "news@bench.example.com",
                    "mailing_model_id": env["ir.model"]._get_id("mailing.list"),
                    "contact_list_ids": [(6, 0, mailing_list.ids)],
                    "body_arch": html,
                    "body_html": html,
                }
            )
            env.cr.commit()
            rates = {}
            if "vanilla" in args.variants and size in vanilla_sizes:
                rates["vanilla"] = run_variant(
                    env, args, "vanilla", size, vanilla, vanilla.id, sink
                )
            if "ours" in args.variants:
                rates["ours"] = run_variant(
                    env, args, "ours", size, issue, issue.mailing_id.id, sink
                )
            if len(rates) == 2:
                print(
                    f"{'':>8} ours / vanilla render+queue: {rates['ours'] / rates['vanilla']:.2f}x"
                )
    finally:
        controller.stop()


def bench_kill(env, size, config):
    """A worker killed (SIGKILL) half-way through queueing an issue: the next
    run resumes it, and every recipient gets the issue exactly once."""
    import os
    import signal
    import subprocess
    import sys

    from aiosmtpd.controller import Controller

    logging.getLogger("mail.log").setLevel(logging.WARNING)
    mailing_list = load_list(env, size)
    issue = make_issue(env, mailing_list, size)
    issue.action_send()
    mailing = issue.mailing_id
    sink = CountingSink()
    port = free_port()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    mailing.mail_server_id = sink_server(env, port)
    env.cr.commit()
    worker = subprocess.Popen(
        [sys.executable, __file__, "--db", env.cr.dbname, "--config", config,
         "--sizes", "--process-queue"]
    )  # fmt: skip
    while True:
        time.sleep(0.5)
        env.cr.execute(
            "SELECT COUNT(*) FROM mailing_trace WHERE mass_mailing_id = %s", [mailing.id]
        )
        done = env.cr.fetchone()[0]
        env.cr.commit()
        if done >= size // 3 or worker.poll() is not None:
            break
    os.kill(worker.pid, signal.SIGKILL)
    worker.wait()
    env.invalidate_all()
    print(f"kill: worker killed after {done} of {size} mails queued; issue {issue.state}")
    try:
        env["crm.newsletter.issue"]._resume_interrupted_sends()
        env["mailing.mailing"]._process_mass_mailing_queue()
        env.cr.commit()
        deliver(env, mailing)
        for _ in range(50):  # the sink may still be acknowledging the last message
            if sink.total() >= size:
                break
            time.sleep(0.1)
    finally:
        controller.stop()
    counts = sink.recipients
    duplicated = sum(1 for count in counts.values() if count > 1)
    print(
        f"kill: after resuming, {len(counts)} of {size} recipients got the issue, "
        f"{duplicated} twice or more; issue {issue.state}",
        flush=True,
    )


def load_customers(env, customers, lines):
    """``customers`` partners, ``lines`` confirmed order lines over
    ``lines // 5`` orders (set-based SQL, committed once). Orders go to the
    customers unevenly, as in a real shop: a few buy often, a quarter never
    (customer k of N gets its orders where r² falls in [k/N, (k+1)/N), r
    spread evenly by a multiplicative hash of the order number)."""
    cr = env.cr
    cr.execute("SELECT COUNT(*) FROM res_partner WHERE name LIKE 'Bench customer %%'")
    if cr.fetchone()[0] >= customers:
        return
    company = env.company
    product = env["product.product"].create({"name": "Bench product"})
    pricelist = env["product.pricelist"].search([], limit=1) or env["product.pricelist"].create(
        {"name": "Bench"}
    )
    cities = ["Tehran", "Shiraz", "Haifa", "Moscow", "London"]
    cr.execute(
        """
        INSERT INTO res_partner (name, email, email_normalized, city, lang, active, type,
                                 is_company, company_id, autopost_bills, create_date, write_date)
        SELECT 'Bench customer ' || n, 'c' || n || '@bench.example.com',
               'c' || n || '@bench.example.com', (%(cities)s::text[])[1 + n %% 5],
               CASE WHEN n %% 2 = 0 THEN 'fa_IR' ELSE 'en_US' END, TRUE, 'contact',
               FALSE, NULL, 'ask', now(), now()
          FROM generate_series(1, %(customers)s) n
        """,
        {"cities": cities, "customers": customers},
    )
    cr.execute("SELECT MIN(id), MAX(id) FROM res_partner WHERE name LIKE 'Bench customer %%'")
    low, high = cr.fetchone()
    orders = lines // 5
    cr.execute(
        """
        INSERT INTO sale_order (name, partner_id, partner_invoice_id, partner_shipping_id,
                                pricelist_id, company_id, currency_id, state, date_order,
                                amount_total, amount_untaxed, create_date, write_date)
        SELECT 'BENCH' || n, p, p, p, %(pricelist)s, %(company)s, %(currency)s, 'sale',
               now() - (n %% 700) * interval '1 day', (n %% 500) + 10, (n %% 500) + 10,
               now(), now()
          FROM (SELECT n, %(low)s + floor((%(high)s - %(low)s + 1)
                                          * power(((n * 7919) %% 1000003) / 1000003.0, 2))::int AS p
                  FROM generate_series(1, %(orders)s) n) s
        """,
        {"pricelist": pricelist.id, "company": company.id, "currency": company.currency_id.id,
         "low": low, "high": high, "orders": orders},
    )  # fmt: skip
    cr.execute("SELECT MIN(id) FROM sale_order WHERE name LIKE 'BENCH%%'")
    first_order = cr.fetchone()[0]
    cr.execute(
        """
        INSERT INTO sale_order_line (order_id, order_partner_id, state, name, product_id,
                                     product_uom_qty, price_unit, customer_lead, company_id,
                                     currency_id, sequence, create_date, write_date)
        SELECT o.id, o.partner_id, o.state, 'Bench line',
               CASE WHEN n %% 50 = 0 THEN %(product)s ELSE %(other)s END,
               1, 10, 0, %(company)s, %(currency)s, 10, now(), now()
          FROM generate_series(1, %(lines)s) n
          JOIN sale_order o ON o.id = %(first)s + (n %% %(orders)s)
        """,
        {"first": first_order, "orders": orders, "product": product.id,
         "other": env["product.product"].create({"name": "Bench other"}).id,
         "company": company.id, "currency": company.currency_id.id, "lines": lines},
    )  # fmt: skip
    cr.commit()
    vacuum_analyze(env, ["res_partner", "sale_order", "sale_order_line"])


def vacuum_analyze(env, tables):
    """VACUUM (what autovacuum does in time) so that index-only scans see a
    visibility map, and fresh statistics: the state of a database in use."""
    from odoo.sql_db import db_connect

    connection = db_connect(env.cr.dbname).cursor()
    try:
        connection._cnx.autocommit = True
        for table in tables:
            connection.execute(f"VACUUM ANALYZE {table}")
    finally:
        connection.close()


def segment_cases(env):
    """One segment per rule kind, and combinations with AND, OR and NOT."""
    product = env["product.product"].search([("name", "=", "Bench product")], limit=1)
    category = env["product.category"].search([("name", "=", "Bench category")], limit=1)
    if not category:
        category = env["product.category"].create({"name": "Bench category"})
        product.product_tmpl_id.categ_id = category
        env.cr.commit()
    tag = env["crm.tag"].search([], limit=1)
    partner_tag = env["res.partner.category"].search([], limit=1)
    mailing_list = env["mailing.list"].search([], limit=1)
    country = env.ref("base.ir")
    return {
        "city": [{"kind": "city", "city": "Tehran"}],
        "lang": [{"kind": "lang", "lang_codes": "fa_IR"}],
        "country": [{"kind": "country", "country_ids": [(6, 0, country.ids)]}],
        "product": [{"kind": "product", "product_ids": [(6, 0, product.ids)]}],
        "category": [{"kind": "category", "category_ids": [(6, 0, category.ids)]}],
        "spent > 1000": [{"kind": "spent", "value": 1000}],
        "orders >= 3": [{"kind": "orders", "value": 3}],
        "recent 30 days": [{"kind": "recent", "value": 30}],
        "lapsed 365 days": [{"kind": "lapsed", "value": 365}],
        "crm_tag": [{"kind": "crm_tag", "crm_tag_ids": [(6, 0, tag.ids)]}],
        "partner_tag": [{"kind": "partner_tag", "partner_category_ids": [(6, 0, partner_tag.ids)]}],
        "mailing_list": [{"kind": "mailing_list", "mailing_list_ids": [(6, 0, mailing_list.ids)]}],
        "recent 30 AND Persian": [
            {"kind": "recent", "value": 30},
            {"kind": "lang", "lang_codes": "fa_IR"},
        ],
        "product AND spent > 500 AND NOT lapsed 365": [
            {"kind": "product", "product_ids": [(6, 0, product.ids)]},
            {"kind": "spent", "value": 500},
            {"kind": "lapsed", "value": 365, "negate": True},
        ],
        "OR: city Haifa, orders >= 5": [
            {"kind": "city", "city": "Haifa"},
            {"kind": "orders", "value": 5},
        ],
    }  # fmt: skip


def bench_segment(env, customers, lines, repeats):
    from benchlib import percentiles

    started = time.perf_counter()
    load_customers(env, customers, lines)
    print(f"segment fixture: {customers} customers, {lines} order lines ready in "
          f"{time.perf_counter() - started:.0f} s")  # fmt: skip
    for label, rules in segment_cases(env).items():
        match = "any" if label.startswith("OR") else "all"
        segment = env["crm.newsletter.segment"].create(
            {"name": label, "match": match, "rule_ids": [(0, 0, rule) for rule in rules]}
        )
        env.flush_all()
        samples = []
        for _ in range(repeats):
            env.invalidate_all()
            begin = time.perf_counter()
            counts = segment._audience_counts()
            samples.append(time.perf_counter() - begin)
        percentiles(samples, f"segment count {label!r} ({counts['eligible']} customers)")
    env.cr.rollback()


def pause_between_batches(seconds):
    """Make the queue worker wait after each batch of mails it committed, so
    that a test can kill it half-way (tests/test_newsletter_killed_worker.py)."""
    if not seconds:
        return
    import odoo.tools

    split_every = odoo.tools.split_every

    def slow_split_every(size, iterable, piece_maker=tuple):
        for piece in split_every(size, iterable, piece_maker):
            yield piece
            time.sleep(seconds)

    odoo.tools.split_every = slow_split_every


def argparse_hidden():
    import argparse

    return argparse.SUPPRESS


def main():
    parser = argument_parser(__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[10_000, 100_000])
    parser.add_argument(
        "--variants", nargs="+", default=["vanilla", "ours"], choices=["vanilla", "ours"]
    )
    parser.add_argument(
        "--vanilla-sizes", type=int, nargs="*", default=None,
        help="sizes the vanilla mailing is sent to (default: every size; see "
        "--vanilla-limit)",
    )  # fmt: skip
    parser.add_argument(
        "--vanilla-limit", type=float, default=600.0,
        help="seconds after which a vanilla send still rendering is stopped and its rate "
        "so far reported (vanilla's rate falls with the list's size: 100,000 would take "
        "hours); 0: no limit",
    )  # fmt: skip
    parser.add_argument(
        "--no-deliver", action="store_true", help="render+queue only, the mails are dropped"
    )
    parser.add_argument("--worker", nargs=3, help=argparse_hidden())
    parser.add_argument("--segment-customers", type=int, default=0)
    parser.add_argument("--kill", type=int, default=0, help="recipients of the killed-worker check")
    parser.add_argument("--process-queue", action="store_true", help=argparse_hidden())
    parser.add_argument("--process-mailing", type=int, help=argparse_hidden())
    parser.add_argument("--batch-pause", type=float, default=0.0, help=argparse_hidden())
    parser.add_argument("--segment-lines", type=int, default=5_000_000)
    parser.add_argument("--segment-repeats", type=int, default=7, help="counts timed per rule")
    args = parser.parse_args()
    with odoo_env(args.db, args.config) as env:
        if args.worker:  # the worker process of a variant
            variant, record_id, server_id = args.worker
            run_worker(env, variant, int(record_id), int(server_id), args.no_deliver)
            return
        if args.process_queue:  # the worker of --kill
            env["mailing.mailing"]._process_mass_mailing_queue()
            return
        if args.process_mailing:  # the worker of tests/test_newsletter_killed_worker.py
            pause_between_batches(args.batch_pause)
            # what the queue's cron does for each mailing of the queue, for
            # this one only (other mailings of the database are left alone)
            mailing = env["mailing.mailing"].browse(args.process_mailing)
            mailing.state = "sending"
            mailing._action_send_mail()
            return
        if args.kill:
            bench_kill(env, args.kill, args.config)
        if args.sizes:
            bench_sending(env, args)
        if args.segment_customers:
            bench_segment(env, args.segment_customers, args.segment_lines, args.segment_repeats)


if __name__ == "__main__":
    main()
