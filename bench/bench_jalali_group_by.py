# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Benchmark: leads grouped by month, quarter and year, Gregorian (PostgreSQL's
date_trunc) against Jalali (crm_l10n_fa_calendar: an equality join of each
row's day to the table of days, jalali.day), as the pivot and graph views ask
for them.

    python3 bench/bench_jalali_group_by.py --db <database> [--leads 200000] [--runs 5]

The leads are bulk-loaded with SQL (only the fixture, spread over five years)
and rolled back at the end; the measured calls are the web client's
read_group, as the administrator, with and without ``group_calendar: "jalali"``.
"""

import statistics
import time

from benchlib import argument_parser, odoo_env

from odoo.tools import SQL


def load_leads(env, count):
    env.cr.execute(
        SQL(
            """
            INSERT INTO crm_lead (name, type, active, company_id, create_date, write_date,
                                  create_uid, write_uid, probability)
            SELECT 'Jalali bench ' || n, 'opportunity', TRUE, %s,
                   TIMESTAMP '2022-01-01' + mod(n, 1826) * INTERVAL '1 day'
                                          + mod(n, 86400) * INTERVAL '1 second',
                   now(), 1, 1, 10
              FROM generate_series(1, %s) AS n
            """,
            env.company.id,
            count,
        )
    )
    env.cr.execute("ANALYZE crm_lead")


def measure(Lead, groupby, context, runs):
    samples = []
    for _run in range(runs):
        Lead.env.invalidate_all()
        started = time.perf_counter()
        groups = Lead.with_context(**context).read_group(
            [("name", "like", "Jalali bench")], ["__count"], [groupby], lazy=False
        )
        samples.append(time.perf_counter() - started)
    return statistics.median(samples) * 1000, len(groups)


def main():
    parser = argument_parser(__doc__)
    parser.add_argument("--leads", type=int, default=200_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with odoo_env(args.db, args.config) as env:
        load_leads(env, args.leads)
        manager = env.ref("base.user_admin")
        Lead = env["crm.lead"].with_user(manager)
        base = {"tz": "Asia/Tehran", "lang": "en_US"}
        print(f"{args.leads} leads over five years, median of {args.runs} runs:")
        for granularity in ("month", "quarter", "year"):
            groupby = f"create_date:{granularity}"
            gregorian, n_g = measure(Lead, groupby, base, args.runs)
            jalali, n_j = measure(Lead, groupby, dict(base, group_calendar="jalali"), args.runs)
            print(
                f"  {granularity:8} Gregorian {gregorian:8.1f} ms ({n_g} groups)"
                f"   Jalali {jalali:8.1f} ms ({n_j} groups)   x{jalali / gregorian:.2f}"
            )
        env.cr.rollback()


if __name__ == "__main__":
    main()
