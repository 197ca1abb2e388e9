#!/usr/bin/env python3
# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Caller-ID lookup at scale: E.164 columns against Odoo's phone_mobile_search.

    python3 bench/bench_caller_id.py --db crm_tel_bench [--partners 1000000 --leads 1000000]

Bulk-loads partners and leads whose phones are written in many formats (Iran,
Israel, Russia, United States), times the set-based recomputation of the E.164
columns for the partners (the install hook's code path), then looks callers up
in formats different from the stored ones and prints p50/p95/p99 and recall for
(a) our lookup in the database (the SQL of `_crm_search_caller`), (b) the whole
`crm.phone.call._crm_match_number` Python path and (c) Odoo's own
`phone_mobile_search` on the same data; then (d) what a country change costs:
the settings request (count, queue the background job) and the job re-reading
up to 100,000 unparsed numbers.
"""

import argparse
import random
import time

import odoo
from odoo.modules.registry import Registry
from odoo.tools import config

# (country of the record, stored format, caller-ID format, E.164), per family; {n} is
# the 7-digit subscriber part. The PBX is in Iran (the default-country setting): it
# presents Iranian callers nationally or internationally and foreign callers with
# "+", "00" or the bare country code, as trunks do.
FAMILIES = [
    ("IR", "0912 {a} {b}", "+98 912 {a} {b}", "+98912{n}"),
    ("IR", "0098-912-{a}-{b}", "0912{n}", "+98912{n}"),
    ("IL", "054-{a}-{b}", "00972 54 {a} {b}", "+97254{n}"),
    ("IL", "+972 54 {a} {b}", "97254{n}", "+97254{n}"),
    ("RU", "8 (916) {a}-{b2}-{b3}", "+7 916 {a} {b}", "+7916{n}"),
    ("RU", "+7 916 {a} {b}", "00 7 916 {a}-{b}", "+7916{n}"),
    ("US", "(415) {a}-{b}", "+1 415 {a} {b}", "+1415{n}"),
    ("US", "+1 415-{a}-{b}", "00 1 415 {a}{b}", "+1415{n}"),
]


def fmt(template, number):
    n = f"{number:07d}"
    return template.format(n=n, a=n[:3], b=n[3:], b2=n[3:5], b3=n[5:])


def percentiles(samples):
    ordered = sorted(samples)

    def pick(q):
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000

    return pick(0.50), pick(0.95), pick(0.99)


def load_rows(cr, table, count, offset, countries):
    """Insert ``count`` rows with phones of every family, set-based."""
    # Build the phone strings in SQL from the same templates as Python.
    phone_sql = []
    for _country, stored, _caller, _e164 in FAMILIES:
        sql = "'" + stored.replace("'", "''") + "'"
        for placeholder, part in (
            ("{a}", "substr(n, 1, 3)"),
            ("{b}", "substr(n, 4)"),
            ("{b2}", "substr(n, 4, 2)"),
            ("{b3}", "substr(n, 6)"),
        ):
            sql = sql.replace(placeholder, f"' || {part} || '")
        phone_sql.append(sql)
    phone_case = (
        "CASE fam " + " ".join(f"WHEN {i} THEN {sql}" for i, sql in enumerate(phone_sql)) + " END"
    )
    country_case = (
        "CASE fam " + " ".join(f"WHEN {i} THEN %s" for i in range(len(FAMILIES))) + " END"
    )
    country_args = [countries[family[0]] for family in FAMILIES]
    series = f"""
        SELECT g AS i, (g %% {len(FAMILIES)}) AS fam,
               lpad(((g + {offset}) %% 10000000)::text, 7, '0') AS n
          FROM generate_series(1, {count}) g
    """
    if table == "res_partner":
        cr.execute(
            f"""
            INSERT INTO res_partner (name, complete_name, active, type, is_company, lang,
                                     phone, country_id, autopost_bills, create_date, write_date)
            SELECT 'Bench partner ' || i, 'Bench partner ' || i, true, 'contact', false, 'en_US',
                   {phone_case}, {country_case}, 'ask',
                   now() - (i || ' seconds')::interval, now() - (i || ' seconds')::interval
              FROM ({series}) s
            """,
            country_args,
        )
        cr.execute(
            "UPDATE res_partner SET commercial_partner_id = id WHERE commercial_partner_id IS NULL"
        )
    else:
        cr.execute(
            f"""
            INSERT INTO crm_lead (name, type, active, priority, phone, country_id,
                                  company_id, create_date, write_date)
            SELECT 'Bench lead ' || i, 'lead', true, '0', {phone_case}, {country_case},
                   1, now() - (i || ' seconds')::interval, now() - (i || ' seconds')::interval
              FROM ({series}) s
            """,
            country_args,
        )


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", required=True)
    parser.add_argument("--config", default=".run/odoo-test.conf")
    parser.add_argument("--partners", type=int, default=1_000_000)
    parser.add_argument("--leads", type=int, default=1_000_000)
    parser.add_argument("--samples", type=int, default=2000)
    parser.add_argument("--odoo-samples", type=int, default=20)
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument(
        "--skip-recompute",
        action="store_true",
        help="measure the lookups only (the fixture is already normalised)",
    )
    args = parser.parse_args()
    config.parse_config(["-c", args.config, "-d", args.db])
    registry = Registry(args.db)
    rng = random.Random(args.seed)
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        countries = {
            c.code: c.id
            for c in env["res.country"].search([("code", "in", ["IR", "IL", "RU", "US"])])
        }
        env["ir.config_parameter"].set_param("crm_telephony.default_country_id", countries["IR"])
        cr.execute("SELECT count(*) FROM res_partner WHERE name LIKE 'Bench partner %%'")
        if cr.fetchone()[0] < args.partners:
            start = time.perf_counter()
            load_rows(cr, "res_partner", args.partners, 0, countries)
            load_rows(cr, "crm_lead", args.leads, 5_000_000, countries)
            cr.execute("ANALYZE res_partner")
            cr.execute("ANALYZE crm_lead")
            cr.commit()
            print(
                f"fixture: {args.partners:,} partners + {args.leads:,} leads loaded "
                f"in {time.perf_counter() - start:.1f} s"
            )

        # 1. Recompute the E.164 columns of every partner (the install hook's path).
        if not args.skip_recompute:
            recompute(env, cr)

        run_lookups(env, cr, args, rng)


def recompute(env, cr):
    cr.execute(
        "UPDATE res_partner SET phone_e164 = NULL, mobile_e164 = NULL "
        "WHERE name LIKE 'Bench partner %%'"
    )
    cr.commit()
    start = time.perf_counter()
    done = env["res.partner"]._crm_backfill_e164()
    partner_seconds = time.perf_counter() - start
    cr.commit()
    start = time.perf_counter()
    done_leads = env["crm.lead"]._crm_backfill_e164()
    lead_seconds = time.perf_counter() - start
    cr.commit()
    cr.execute("ANALYZE res_partner")
    cr.execute("ANALYZE crm_lead")
    print(
        f"recompute E.164: {done:,} partners in {partner_seconds:.1f} s "
        f"({done / partner_seconds:,.0f}/s); {done_leads:,} leads in {lead_seconds:.1f} s"
    )


def run_lookups(env, cr, args, rng):
    # 2. Callers in another format than stored.
    def sample(table_offset, count):
        picks = []
        for _ in range(args.samples if count else 0):
            i = rng.randint(1, count)
            family = FAMILIES[i % len(FAMILIES)]
            number = (i + table_offset) % 10_000_000
            picks.append((fmt(family[2], number), fmt(family[3], number)))
        return picks

    partner_callers = sample(0, args.partners)
    lead_callers = sample(5_000_000, args.leads)
    Partner, Lead = env["res.partner"], env["crm.lead"]

    def run(model, callers, lookup):
        timings, found = [], 0
        for caller, e164 in callers:
            start = time.perf_counter()
            records = lookup(model, caller)
            timings.append(time.perf_counter() - start)
            found += any(e164 in (r.phone_e164, r.mobile_e164) for r in records)
        return timings, found

    def sql_lookup(model, caller):
        from odoo.addons.crm_telephony.tools.phone import caller_id_candidates

        candidates = caller_id_candidates(caller, "IR")
        start = time.perf_counter()
        cr.execute(
            f"SELECT id FROM {model._table} WHERE phone_e164 = ANY(%s) "
            f"UNION SELECT id FROM {model._table} WHERE mobile_e164 = ANY(%s)",
            (candidates, candidates),
        )
        ids = [row[0] for row in cr.fetchall()]
        sql_timings.append(time.perf_counter() - start)
        return model.browse(ids)

    for label, model, callers in (
        ("partners", Partner, partner_callers),
        ("leads", Lead, lead_callers),
    ):
        sql_timings = []
        _timings, found = run(model, callers, sql_lookup)
        p50, p95, p99 = percentiles(sql_timings)
        print(
            f"E.164 lookup in the database, {label}: p50 {p50:.3f} ms, p95 {p95:.3f} ms, "
            f"p99 {p99:.3f} ms; recall {found}/{len(callers)} "
            f"({100 * found / len(callers):.1f} %)"
        )
        timings, found = run(model, callers, lambda m, c: m._crm_search_caller(c))
        p50, p95, p99 = percentiles(timings)
        print(
            f"  ORM _crm_search_caller, {label}: p50 {p50:.3f} ms, p95 {p95:.3f} ms, "
            f"p99 {p99:.3f} ms; recall {found}/{len(callers)}"
        )
        env.invalidate_all()

    # Server-side execution time of the same query (EXPLAIN ANALYZE), without the
    # client round trip that dominates the tail on a shared machine.
    from odoo.addons.crm_telephony.tools.phone import caller_id_candidates

    for label, model, callers in (
        ("partners", Partner, partner_callers),
        ("leads", Lead, lead_callers),
    ):
        executions = []
        for caller, _e164 in callers[:1000]:
            candidates = caller_id_candidates(caller, "IR")
            cr.execute(
                f"EXPLAIN (ANALYZE, FORMAT JSON) SELECT id FROM {model._table} "
                f"WHERE phone_e164 = ANY(%s) UNION SELECT id FROM {model._table} "
                f"WHERE mobile_e164 = ANY(%s)",
                (candidates, candidates),
            )
            executions.append(cr.fetchone()[0][0]["Execution Time"] / 1000)
        p50, p95, p99 = percentiles(executions)
        print(
            f"  server-side execution (EXPLAIN ANALYZE), {label}: p50 {p50:.3f} ms, "
            f"p95 {p95:.3f} ms, p99 {p99:.3f} ms"
        )

    timings, found = [], 0
    for caller, e164 in partner_callers[:500]:
        start = time.perf_counter()
        match = env["crm.phone.call"]._crm_match_number(caller)
        timings.append(time.perf_counter() - start)
        found += match["partner"].phone_e164 == e164
    p50, p95, p99 = percentiles(timings)
    print(
        f"_crm_match_number (partners + leads, ranked): p50 {p50:.3f} ms, "
        f"p95 {p95:.3f} ms, p99 {p99:.3f} ms; recall {found}/{len(timings)}"
    )

    # 3. Odoo's own phone_mobile_search on the same data and callers.
    for label, model, callers in (
        ("partners", Partner, partner_callers),
        ("leads", Lead, lead_callers),
    ):
        timings, found = [], 0
        for caller, e164 in callers[: args.odoo_samples]:
            start = time.perf_counter()
            records = model.search([("phone_mobile_search", "=", caller)], limit=20)
            timings.append(time.perf_counter() - start)
            found += any(r.phone_e164 == e164 for r in records)
        p50, p95, p99 = percentiles(timings)
        print(
            f"Odoo phone_mobile_search, {label} ({len(timings)} callers): "
            f"p50 {p50:.1f} ms, p95 {p95:.1f} ms, p99 {p99:.1f} ms; "
            f"recall {found}/{len(timings)} ({100 * found / len(timings):.1f} %)"
        )
    # 4. Re-reading the numbers left unparsed after a country change: the
    # settings request (counts, then queues the job) and the job itself.
    unparsed = min(args.partners, 100_000)
    cr.execute(
        "UPDATE res_partner SET phone_e164 = NULL WHERE id IN "
        "(SELECT id FROM res_partner WHERE phone IS NOT NULL ORDER BY id DESC LIMIT %s)",
        [unparsed],
    )
    env.invalidate_all()
    start = time.perf_counter()
    Partner._crm_request_renormalize()
    request_seconds = time.perf_counter() - start
    remaining = Partner._crm_unparsed_remaining()
    start = time.perf_counter()
    done = Partner._crm_renormalize_run(max_rows=None)
    job_seconds = time.perf_counter() - start
    print(
        f"country change: settings request {request_seconds * 1000:.0f} ms "
        f"({remaining:,} numbers queued for the background job); the job re-read "
        f"{done:,} rows in {job_seconds:.1f} s ({done / job_seconds:,.0f}/s)"
    )
    cr.rollback()


if __name__ == "__main__":
    main()
