#!/usr/bin/env python3
# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Benchmark of the tag vocabulary (issue 4).

1. Autocomplete (``crm.tag.name_search`` as a salesperson, the call the tag
   field makes while typing) over 50,000 tags: p50/p95/p99 latency, queries.
2. Merge of two tags carrying 100,000 references in total (leads and history
   entries) through ``crm.tag.merge._crm_merge_into``.

The fixture is bulk-loaded with set-based SQL; the measured operations run
through the real code. Everything is rolled back at the end.

    python3 bench/bench_tags.py --db crm_tags_bench [-c .run/odoo-test.conf]
"""

import argparse
import random
import statistics
import time

import odoo
from odoo.tools import config

TAGS = 50_000
WORDS = [
    "ارسال",
    "بسته",
    "پستی",
    "پاکت",
    "مشتری",
    "ویژه",
    "عمده",
    "قیمت",
    "بالا",
    "تماس",
    "پیگیری",
    "نمایشگاه",
    "تخفیف",
    "فاکتور",
    "پرداخت",
    "نقدی",
    "چک",
    "قسط",
    "نماینده",
    "شعبه",
    "تهران",
    "تبریز",
    "شیراز",
    "مشهد",
    "اصفهان",
    "parcel",
    "envelope",
    "postal",
    "urgent",
    "vip",
    "wholesale",
    "retail",
    "discount",
    "invoice",
    "cash",
    "cheque",
    "follow",
    "call",
    "visit",
    "demo",
    "trial",
    "renewal",
    "upgrade",
    "churn",
    "referral",
    "partner",
    "exhibition",
    "quote",
    "price",
    "competitor",
    "budget",
    "delay",
    "support",
    "training",
    "install",
    "delivery",
    "return",
]


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def load_tags(env):
    """50,000 public approved tags of two words and a number ("tehran cash 123")."""
    cr = env.cr
    cr.execute(
        """
        INSERT INTO crm_tag (name, normalized_name, color, kind, state,
                             create_uid, write_uid, create_date, write_date)
        SELECT jsonb_build_object('en_US', label), label, (n %% 11) + 1, 'public', 'approved',
               1, 1, now(), now()
          FROM (SELECT n, (%(words)s)[1 + n %% %(count)s] || ' ' ||
                          (%(words)s)[1 + (n / %(count)s) %% %(count)s] || ' ' || n AS label
                  FROM generate_series(1, %(tags)s) n) s
        """,
        {"words": WORDS, "count": len(WORDS), "tags": TAGS},
    )
    cr.execute("ANALYZE crm_tag")


def bench_autocomplete(env, user):
    Tag = env["crm.tag"].with_user(user)
    rng = random.Random(4)
    queries = []
    for _i in range(300):
        word = rng.choice(WORDS)
        kind = rng.random()
        if kind < 0.4:
            queries.append(word[: rng.randint(2, len(word))])  # typing the first letters
        elif kind < 0.8:
            queries.append(f"{word} {rng.choice(WORDS)}")  # two words
        else:  # an Arabic-keyboard variant of a Persian word
            queries.append(word.replace("ی", "ي").replace("ک", "ك"))
    timings, queries_run = [], []
    for query in queries:
        env.invalidate_all()
        before = env.cr.sql_log_count
        start = time.perf_counter()
        Tag.name_search(query, limit=8)
        timings.append((time.perf_counter() - start) * 1000)
        queries_run.append(env.cr.sql_log_count - before)
    print(f"autocomplete over {TAGS} tags, {len(timings)} searches (name_search, limit 8):")
    print(
        f"  p50 {percentile(timings, 0.5):.1f} ms  p95 {percentile(timings, 0.95):.1f} ms  "
        f"p99 {percentile(timings, 0.99):.1f} ms  max {max(timings):.1f} ms  "
        f"mean {statistics.mean(timings):.1f} ms  queries/search {max(queries_run)}"
    )


def load_references(env, source, target):
    """100,000 references: 40,000 leads (source on 30,000, target on 20,000,
    10,000 leads carry both) and 50,000 history entries (30,000 / 20,000)."""
    cr = env.cr
    cr.execute(
        """
        WITH leads AS (
            INSERT INTO crm_lead (name, type, active,
                                  create_uid, write_uid, create_date, write_date)
            SELECT 'Bench lead ' || n, 'opportunity', true, 1, 1, now(), now()
              FROM generate_series(1, 40000) n
            RETURNING id
        ), numbered AS (SELECT id, row_number() OVER (ORDER BY id) AS n FROM leads)
        INSERT INTO crm_tag_rel (lead_id, tag_id)
        SELECT id, %(source)s FROM numbered WHERE n <= 30000
        UNION ALL
        SELECT id, %(target)s FROM numbered WHERE n > 20000
        """,
        {"source": source.id, "target": target.id},
    )
    cr.execute(
        """
        WITH messages AS (
            INSERT INTO mail_message (model, res_id, message_type, body, date,
                                      create_uid, write_uid, create_date, write_date)
            SELECT 'res.partner', 1, 'comment', '<p>Bench</p>', now(), 1, 1, now(), now()
              FROM generate_series(1, 50000)
            RETURNING id
        ), numbered AS (SELECT id, row_number() OVER (ORDER BY id) AS n FROM messages)
        INSERT INTO mail_message_crm_tag_rel (message_id, tag_id)
        SELECT id, CASE WHEN n <= 30000 THEN %(source)s ELSE %(target)s END FROM numbered
        """,
        {"source": source.id, "target": target.id},
    )
    cr.execute("ANALYZE crm_tag_rel; ANALYZE mail_message_crm_tag_rel")


def count_references(env, tag):
    env.cr.execute(
        "SELECT (SELECT count(*) FROM crm_tag_rel WHERE tag_id = %s)"
        " + (SELECT count(*) FROM mail_message_crm_tag_rel WHERE tag_id = %s)",
        [tag.id, tag.id],
    )
    return env.cr.fetchone()[0]


def bench_merge(env):
    Tag = env["crm.tag"].with_context(crm_tag_allow_similar=True)
    source = Tag.create({"name": "bench postal envelope"})
    target = Tag.create({"name": "bench postal parcel"})
    load_references(env, source, target)
    total = count_references(env, source) + count_references(env, target)
    env.invalidate_all()
    before = env.cr.sql_log_count
    start = time.perf_counter()
    env["crm.tag.merge"]._crm_merge_into(source, target)
    env.flush_all()
    elapsed = time.perf_counter() - start
    print(f"merge of two tags carrying {total} references (40,000 leads, 50,000 messages):")
    print(
        f"  {elapsed:.2f} s, {env.cr.sql_log_count - before} queries; "
        f"target now has {count_references(env, target)} references "
        "(90,000 expected: 40,000 leads + 50,000 messages; 10,000 leads carried both tags)"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", required=True)
    parser.add_argument("-c", "--config", default=".run/odoo-test.conf")
    args = parser.parse_args()
    config.parse_config(["-c", args.config, "-d", args.db])
    registry = odoo.modules.registry.Registry(args.db)
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        try:
            salesperson = env["res.users"].create(
                {
                    "name": "Bench salesperson",
                    "login": "bench_tag_salesperson",
                    "groups_id": [(6, 0, [env.ref("crm_custom.group_crm_sales_user").id])],
                }
            )
            start = time.perf_counter()
            load_tags(env)
            print(f"fixture: {TAGS} tags loaded in {time.perf_counter() - start:.1f} s")
            bench_autocomplete(env, salesperson)
            bench_merge(env)
        finally:
            cr.rollback()


if __name__ == "__main__":
    main()
