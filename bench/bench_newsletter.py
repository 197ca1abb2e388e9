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
message. Printed per variant: render+queue mails/s, delivered mails/s, time
until the last mail is delivered, peak memory (RSS of this process, which runs
Odoo), duplicates and missing recipients, and progress samples read from a
second connection while the send runs (what the issue's progress bar shows).

With ``--segment-customers`` it also loads that many customers with
``--segment-lines`` sales order lines and times a segment count.

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
            self.last_delivery = time.perf_counter()
        return "250 OK"

    def total(self):
        with self.lock:
            return sum(self.recipients.values())


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def rss_mb():
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


class Sampler(threading.Thread):
    """Samples this process's RSS, and the mailing's trace count from a
    connection of its own (the progress another user sees on the issue)."""

    def __init__(self, registry, mailing_id, total):
        super().__init__(daemon=True)
        self.registry, self.mailing_id, self.total = registry, mailing_id, total
        self.peak_rss = rss_mb()
        self.progress = []
        self.stop = threading.Event()
        self.started = time.perf_counter()

    def run(self):
        ticks = 0
        while not self.stop.wait(0.2):
            self.peak_rss = max(self.peak_rss, rss_mb())
            ticks += 1
            if ticks % 25 == 0:
                with self.registry.cursor() as cr:
                    cr.execute(
                        "SELECT COUNT(*) FROM mailing_trace WHERE mass_mailing_id = %s",
                        [self.mailing_id],
                    )
                    done = cr.fetchone()[0]
                self.progress.append(
                    (time.perf_counter() - self.started, 100.0 * done / self.total)
                )


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


def deliver(env, mailing, sink, size, deadline):
    """Send the mailing's queued mails as Odoo's mail queue does (batches of
    1,000 through ``mail.mail.send``, committed), until none is left. Only
    this mailing's mails: other runs on the database keep theirs."""
    Mail = env["mail.mail"]
    while time.perf_counter() < deadline:
        batch = Mail.search(
            [("mailing_id", "=", mailing.id), ("state", "=", "outgoing")], limit=1000
        )
        if not batch:
            break
        batch.send(auto_commit=True)
        env.cr.commit()
        env.invalidate_all()
    # the sink may still be acknowledging the last message
    for _ in range(50):
        if sink.total() >= size:
            break
        time.sleep(0.1)


def sink_server(env, port):
    """A mail server of this run, given to its mailings (not the default)."""
    server = env["ir.mail_server"].create(
        {"name": f"Benchmark sink {port}", "smtp_host": "127.0.0.1", "smtp_port": port,
         "smtp_encryption": "none", "sequence": 1000}
    )  # fmt: skip
    env.cr.commit()
    return server


def run_variant(env, label, size, mailing, sink, start_queue, no_deliver=False):
    sink.reset()
    sampler = Sampler(env.registry, mailing.id, size)
    sampler.start()
    started = time.perf_counter()
    cpu_started = time.process_time()
    start_queue()
    mailing.mail_server_id = sink.server
    env.cr.commit()
    env["mailing.mailing"]._process_mass_mailing_queue()
    env.cr.commit()
    queued = time.perf_counter()
    cpu_queued = time.process_time()
    if no_deliver:
        # render+queue only: the queued mails are dropped, not sent
        env.cr.execute("DELETE FROM mail_mail WHERE mailing_id = %s", [mailing.id])
        env.cr.commit()
    else:
        deliver(env, mailing, sink, size, deadline=queued + 3600)
    sampler.stop.set()
    sampler.join()
    delivered_at = sink.last_delivery or time.perf_counter()
    counts = sink.recipients
    duplicates = sum(1 for count in counts.values() if count > 1)
    render = size / (queued - started)
    delivery = sum(counts.values()) / max(delivered_at - queued, 1e-9)
    print(
        f"{label:>8} {size:>7}: render+queue {render:7.0f} mails/s ({queued - started:6.1f} s), "
        f"delivered {delivery:6.0f} mails/s, last delivered after {delivered_at - started:6.1f} s, "
        f"peak RSS {sampler.peak_rss:6.0f} MB; delivered {len(counts)} of {size}, "
        f"{duplicates} duplicated; CPU of this process: render+queue "
        f"{cpu_queued - cpu_started:.1f} s, delivery {time.process_time() - cpu_queued:.1f} s",
        flush=True,
    )
    if sampler.progress:
        shown = ", ".join(f"{at:.0f}s:{pct:.0f}%" for at, pct in sampler.progress[:8])
        print(f"{'':>8} progress seen from another connection: {shown}", flush=True)
    return render


def bench_sending(env, sizes, variants, no_deliver=False):
    from aiosmtpd.controller import Controller

    logging.getLogger("mail.log").setLevel(logging.WARNING)  # aiosmtpd's per-command log

    sink = CountingSink()
    port = free_port()
    controller = Controller(sink, hostname="127.0.0.1", port=port, data_size_limit=1024 * 1024)
    controller.start()
    try:
        sink.server = sink_server(env, port)
        env["ir.config_parameter"].set_param("mail.catchall.domain", "bench.example.com")
        env.cr.commit()
        for size in sizes:
            mailing_list = load_list(env, size)
            issue = make_issue(env, mailing_list, size)
            issue._sync_mailing()  # the same HTML for vanilla (tracked item links included)
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
            if "vanilla" in variants:
                rates["vanilla"] = run_variant(
                    env, "vanilla", size, vanilla, sink, vanilla.action_put_in_queue, no_deliver
                )
            if "ours" in variants:
                rates["ours"] = run_variant(
                    env, "ours", size, issue.mailing_id, sink, issue.action_send, no_deliver
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
        deliver(env, mailing, sink, size, deadline=time.perf_counter() + 3600)
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
    ``lines // 5`` orders (set-based SQL, committed once)."""
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
          FROM (SELECT n, %(low)s + (n::bigint * 7919) %% (%(high)s - %(low)s + 1) AS p
                  FROM generate_series(1, %(orders)s) n) s
        """,
        {"pricelist": pricelist.id, "company": company.id, "currency": company.currency_id.id,
         "low": low, "high": high, "orders": orders},
    )  # fmt: skip
    cr.execute("SELECT MIN(id) FROM sale_order WHERE name LIKE 'BENCH%%'")
    first_order = cr.fetchone()[0]
    cr.execute(
        """
        INSERT INTO sale_order_line (order_id, name, product_id, product_uom_qty, price_unit,
                                     customer_lead, company_id, currency_id, sequence,
                                     create_date, write_date)
        SELECT %(first)s + (n %% %(orders)s), 'Bench line',
               CASE WHEN n %% 50 = 0 THEN %(product)s ELSE %(other)s END,
               1, 10, 0, %(company)s, %(currency)s, 10, now(), now()
          FROM generate_series(1, %(lines)s) n
        """,
        {"first": first_order, "orders": orders, "product": product.id,
         "other": env["product.product"].create({"name": "Bench other"}).id,
         "company": company.id, "currency": company.currency_id.id, "lines": lines},
    )  # fmt: skip
    cr.execute("ANALYZE res_partner; ANALYZE sale_order; ANALYZE sale_order_line")
    cr.commit()


def bench_segment(env, customers, lines):
    started = time.perf_counter()
    load_customers(env, customers, lines)
    print(f"segment fixture: {customers} customers, {lines} order lines ready in "
          f"{time.perf_counter() - started:.0f} s")  # fmt: skip
    product = env["product.product"].search([("name", "=", "Bench product")], limit=1)
    cases = {
        "city": [{"kind": "city", "city": "Tehran"}],
        "product bought": [{"kind": "product", "product_ids": [(6, 0, product.ids)]}],
        "spent > 1000": [{"kind": "spent", "value": 1000}],
        "3+ orders": [{"kind": "orders", "value": 3}],
        "bought within 30 days AND Persian": [
            {"kind": "recent", "value": 30},
            {"kind": "lang", "lang_codes": "fa_IR"},
        ],
        "product AND spent > 500 AND not lapsed 365": [
            {"kind": "product", "product_ids": [(6, 0, product.ids)]},
            {"kind": "spent", "value": 500},
            {"kind": "lapsed", "value": 365, "negate": True},
        ],
    }
    for label, rules in cases.items():
        segment = env["crm.newsletter.segment"].create(
            {"name": label, "rule_ids": [(0, 0, rule) for rule in rules]}
        )
        env.flush_all()
        started = time.perf_counter()
        counts = segment._audience_counts()
        elapsed = time.perf_counter() - started
        print(f"segment count '{label}': {counts['eligible']} customers in {elapsed:.3f} s")
    env.cr.rollback()


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
        "--no-deliver", action="store_true", help="render+queue only, the mails are dropped"
    )
    parser.add_argument("--segment-customers", type=int, default=0)
    parser.add_argument("--kill", type=int, default=0, help="recipients of the killed-worker check")
    parser.add_argument("--process-queue", action="store_true", help=argparse_hidden())
    parser.add_argument("--segment-lines", type=int, default=5_000_000)
    args = parser.parse_args()
    with odoo_env(args.db, args.config) as env:
        if args.process_queue:  # the worker of --kill
            env["mailing.mailing"]._process_mass_mailing_queue()
            return
        if args.kill:
            bench_kill(env, args.kill, args.config)
        if args.sizes:
            bench_sending(env, args.sizes, args.variants, args.no_deliver)
        if args.segment_customers:
            bench_segment(env, args.segment_customers, args.segment_lines)


if __name__ == "__main__":
    main()
