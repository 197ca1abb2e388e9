"""Custom fields at scale (issue: custom fields without code).

With N leads (default 1,000,000) it measures, through the real code path
(crm.custom.field.create as a configurator would):
- the time to add a custom field, and the longest time another transaction
  had to wait on the crm_lead table while it was added (a second connection
  keeps updating random leads and times each update);
- the SQL queries and time of reading the lead list (web_search_read, 80
  rows) with 0 and with 20 custom fields;
- the time to delete the 20 fields again.

    python3 bench/bench_custom_fields.py --db crm_bench [--leads 1000000]
"""

import random
import threading
import time

import psycopg2
from benchlib import argument_parser, odoo_env, percentiles, timer

LIST_FIELDS = {
    "name": {},
    "partner_id": {"fields": {"display_name": {}}},
    "user_id": {"fields": {"display_name": {}}},
    "stage_id": {"fields": {"display_name": {}}},
    "expected_revenue": {},
}
CUSTOM_TYPES = ["char", "integer", "float", "date", "boolean", "selection", "text", "monetary"]


def ensure_leads(env, wanted):
    env.cr.execute("SELECT count(*) FROM crm_lead")
    present = env.cr.fetchone()[0]
    if present >= wanted:
        print(f"leads present: {present}")
        return
    missing = wanted - present
    with timer(f"bulk-loaded {missing} leads (fixture, plain SQL)"):
        env.cr.execute(
            """
            INSERT INTO crm_lead (name, type, active, company_id, user_id, team_id, stage_id,
                                  probability, priority, create_date, write_date, create_uid,
                                  write_uid, qualification_score)
            SELECT 'Bench lead ' || g, 'opportunity', true, %(company)s, %(user)s, NULL,
                   %(stage)s, 10, '0', now(), now(), 1, 1, 0
              FROM generate_series(1, %(missing)s) AS g
            """,
            {
                "company": env.company.id,
                "user": env.ref("base.user_admin").id,
                "stage": env["crm.stage"].search([], limit=1).id,
                "missing": missing,
            },
        )
        env.cr.execute("ANALYZE crm_lead")
        env.cr.commit()


class LockProbe(threading.Thread):
    """Updates random leads from another connection and records each wait."""

    def __init__(self, dsn, max_id):
        super().__init__(daemon=True)
        self.dsn, self.max_id = dsn, max_id
        self.waits, self.running = [], True

    def run(self):
        connection = psycopg2.connect(**self.dsn)
        connection.autocommit = True
        with connection.cursor() as cr:
            cr.execute("SET lock_timeout = '60s'")
            while self.running:
                started = time.perf_counter()
                cr.execute(
                    "UPDATE crm_lead SET priority = priority WHERE id = %s",
                    [random.randint(1, self.max_id)],
                )
                self.waits.append(time.perf_counter() - started)
                time.sleep(0.01)
        connection.close()


def list_read(env, leads, extra_fields):
    specification = dict(LIST_FIELDS, **{name: {} for name in extra_fields})
    env.invalidate_all()
    before = env.cr.sql_log_count
    started = time.perf_counter()
    env["crm.lead"].web_search_read([("id", "in", leads.ids)], specification, limit=80)
    return env.cr.sql_log_count - before, time.perf_counter() - started


def define(env, index):
    field_type = CUSTOM_TYPES[index % len(CUSTOM_TYPES)]
    options = [(0, 0, {"name": "Yes", "value": "yes"})] if field_type == "selection" else []
    return env["crm.custom.field"].create(
        {
            "name": f"Bench metric {index}",
            "technical_name": f"x_bench_metric_{index}",
            "field_type": field_type,
            "option_ids": options,
            "in_list": "show",
        }
    )


def main():
    parser = argument_parser(__doc__)
    parser.add_argument("--leads", type=int, default=1_000_000)
    args = parser.parse_args()
    with odoo_env(args.db, args.config) as env:
        import odoo  # configured by odoo_env

        env.cr.execute("SET LOCAL statement_timeout = 0")
        ensure_leads(env, args.leads)
        env["crm.custom.field"].search([("technical_name", "like", "x_bench_metric_%")]).unlink()
        env.cr.commit()
        env.cr.execute("SELECT max(id) FROM crm_lead")
        max_id = env.cr.fetchone()[0]
        leads = env["crm.lead"].search([], limit=80, order="id desc")

        list_read(env, leads, [])  # warm caches
        queries_without, seconds_without = list_read(env, leads, [])

        probe = LockProbe(odoo.sql_db.connection_info_for(args.db)[1], max_id)
        probe.start()
        time.sleep(0.5)
        adding = []
        with timer("add 1 custom field (create + registry reload + views + commit)", adding):
            define(env, 0)
            env.cr.commit()
        time.sleep(0.5)
        probe.running = False
        probe.join()
        print(f"longest wait of a concurrent lead update while adding: {max(probe.waits):.3f} s")
        percentiles(probe.waits, "concurrent lead updates during the add")

        with timer("add 19 more custom fields"):
            for index in range(1, 20):
                define(env, index)
                env.cr.commit()
        custom = [f"x_bench_metric_{index}" for index in range(20)]
        list_read(env, leads, custom)
        queries_with, seconds_with = list_read(env, leads, custom)
        for label, queries, seconds in (
            ("0 custom fields", queries_without, seconds_without),
            ("20 custom fields", queries_with, seconds_with),
        ):
            print(f"list read, 80 leads, {label}: {queries} queries, {seconds * 1000:.1f} ms")

        with timer("delete the 20 custom fields (views, fields, columns)"):
            env["crm.custom.field"].search(
                [("technical_name", "like", "x_bench_metric_%")]
            ).unlink()
            env.cr.commit()


if __name__ == "__main__":
    main()
