# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Benchmark: the sales funnel over 1,000,000 leads and their stage history,
and the set-based stage recompute after a threshold change for 100,000
workflow-driven leads.

    python3 bench/bench_funnel.py --db crm_flow_bench [--leads 1000000] [--wf-leads 100000]

The fixture is bulk-loaded with set-based SQL (it is only the fixture); the
measured operations go through the real code paths
(crm.lead._funnel_recompute_furthest_stage as at install, crm.lead.stage.history._funnel,
the crm.funnel.report pivot, a stage reorder's request and its background job
crm.team._cron_funnel_recompute_furthest, and crm.stage.write →
_workflow_recompute_team_stages).
"""

import argparse
import statistics
import time

import odoo
from odoo.modules.registry import Registry
from odoo.tools import SQL


def build_team(env, name, stage_count, thresholds, wf=False):
    team = env["crm.team"].create({"name": name})
    stages = env["crm.stage"]
    for index in range(stage_count):
        stages |= env["crm.stage"].create(
            {
                "name": f"{name} S{index + 1}",
                "team_id": team.id,
                "sequence": index + 1,
                "progress": thresholds[index],
                "is_won": index == stage_count - 1,
            }
        )
    if wf:
        template = env["crm.workflow.template"].create(
            {
                "name": f"{name} workflow",
                "line_ids": [(0, 0, {"name": f"T{p}", "progress": p}) for p in (10, 30, 50, 100)],
            }
        )
        team.write({"workflow_template_id": template.id, "workflow_connected": True})
    return team, stages


def load_leads(cr, team, stages, count, with_history):
    """``count`` leads spread over the stages; history rows for every stage up
    to the current one, one in two skipping the second stage."""
    ids = stages.ids
    cr.execute(
        """
        INSERT INTO crm_lead (name, type, active, team_id, stage_id, company_id, user_id,
                              probability, workflow_progress, create_date, write_date,
                              create_uid, write_uid, date_last_stage_update)
        SELECT 'Bench ' || n, 'opportunity', n %% 7 <> 0, %(team)s,
               (%(stages)s::int[])[1 + (n %% array_length(%(stages)s::int[], 1))],
               1, 2, 10, (n %% 10001) / 100.0,
               now() - ((n %% 180) || ' days')::interval, now(), 1, 1, now()
          FROM generate_series(1, %(count)s) n
        RETURNING id
        """,
        {"team": team.id, "stages": ids, "count": count},
    )
    if with_history:
        cr.execute(
            """
            INSERT INTO crm_lead_stage_history (lead_id, team_id, stage_id, date_in, cause,
                                                create_uid, write_uid, create_date, write_date)
            SELECT lead.id, lead.team_id, stage.id, lead.create_date, 'manual', 1, 1, now(), now()
              FROM crm_lead lead
              JOIN crm_stage current ON current.id = lead.stage_id
              JOIN crm_stage stage ON stage.team_id = lead.team_id
                                  AND stage.sequence <= current.sequence
             WHERE lead.team_id = %(team)s
               AND NOT (stage.sequence = 2 AND lead.id %% 2 = 0)
            """,
            {"team": team.id},
        )
    cr.execute("ANALYZE crm_lead; ANALYZE crm_lead_stage_history")


def timed(fn, runs):
    timings = []
    for _run in range(runs):
        start = time.perf_counter()
        result = fn()
        timings.append(time.perf_counter() - start)
    return timings, result


def percentiles(timings):
    ordered = sorted(timings)
    pick = lambda q: ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]  # noqa: E731
    return (
        f"p50 {statistics.median(ordered) * 1000:.0f} ms, p95 {pick(0.95) * 1000:.0f} ms, "
        f"p99 {pick(0.99) * 1000:.0f} ms, max {ordered[-1] * 1000:.0f} ms"
    )


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True)
    parser.add_argument("--config", default=".run/odoo-test.conf")
    parser.add_argument("--leads", type=int, default=1_000_000)
    parser.add_argument("--wf-leads", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    odoo.tools.config.parse_config(["-c", args.config, "-d", args.db])
    registry = Registry(args.db)
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {"tracking_disable": True})
        thresholds = [10, 20, 30, 50, 80, 100]
        tag = str(int(time.time()))

        # 1. Funnel over 1M leads.
        team, stages = build_team(env, f"Bench funnel {tag}", 6, thresholds)
        start = time.perf_counter()
        load_leads(cr, team, stages, args.leads, with_history=True)
        cr.execute("SELECT count(*) FROM crm_lead_stage_history WHERE team_id = %s", [team.id])
        history_rows = cr.fetchone()[0]
        print(
            f"fixture: {args.leads} leads, {history_rows} history rows "
            f"({time.perf_counter() - start:.1f} s)"
        )
        start = time.perf_counter()
        env["crm.lead"]._funnel_recompute_furthest_stage(SQL("lead.team_id = %s", team.id))
        cr.execute("ANALYZE crm_lead")
        print(
            f"furthest stage of {args.leads} leads computed from their history "
            f"(as at install): {time.perf_counter() - start:.1f} s"
        )
        History = env["crm.lead.stage.history"]
        today = odoo.fields.Date.today()
        date_from, date_to = today.replace(year=today.year - 1), today.replace(year=today.year + 1)

        def funnel():
            before = cr.sql_log_count
            rows = History._funnel(team, date_from, date_to)
            return rows, cr.sql_log_count - before

        timings, (rows, queries) = timed(funnel, args.runs)
        print(
            f"funnel, all {args.leads} leads, {len(rows)} stages, {queries} queries: "
            f"{percentiles(timings)}"
        )
        for row in rows:
            print(
                f"   {row['stage']:<28} reached {row['reached']:>8}  lost {row['lost']:>7}  "
                f"conversion {row['conversion']}  drop-off {row['drop_off']}"
            )
        month_start = today.replace(day=1)
        timings, _rows = timed(
            lambda: History._funnel(team, month_start, date_to, users=env["res.users"].browse(2)),
            args.runs,
        )
        print(f"funnel, this month, one salesperson: {percentiles(timings)}")
        timings, _data = timed(lambda: History.get_funnel_data(team.id, "quarter"), args.runs)
        print(f"funnel, quarter vs previous quarter (client action call): {percentiles(timings)}")

        def analysis():
            return env["crm.funnel.report"]._read_group(
                [("team_id", "=", team.id)], ["stage_id"], ["__count", "lost_count:sum"]
            )

        timings, _groups = timed(analysis, max(3, args.runs // 3))
        print(f"funnel analysis (pivot by stage reached), all leads: {percentiles(timings)}")

        # Swapping two stages (a drag and drop in the stage list): the request
        # writes the stages and, at commit, only marks the big team and
        # triggers the job; the job recomputes every lead's furthest stage.
        before = cr.sql_log_count
        start = time.perf_counter()
        stages[2].write({"sequence": 4, "progress": thresholds[3]})
        stages[3].write({"sequence": 3, "progress": thresholds[2]})
        cr.precommit.run()
        request = time.perf_counter() - start
        data = History.get_funnel_data(team.id, "quarter")
        print(
            f"stages 3 and 4 swapped, the request (writes + commit hooks): {request:.2f} s, "
            f"{cr.sql_log_count - before} queries; funnel says recomputing: {data['recomputing']}"
        )
        before = cr.sql_log_count
        start = time.perf_counter()
        env["crm.team"]._cron_funnel_recompute_furthest()
        print(
            f"background job, furthest stage of {args.leads} leads recomputed: "
            f"{time.perf_counter() - start:.1f} s, {cr.sql_log_count - before} queries; "
            f"still pending: {team.funnel_recompute_pending}"
        )

        # 2. Threshold change, 100k workflow-driven leads.
        wf_team, wf_stages = build_team(env, f"Bench workflow {tag}", 6, thresholds, wf=True)
        load_leads(cr, wf_team, wf_stages, args.wf_leads, with_history=False)
        env.invalidate_all()
        before = cr.sql_log_count
        start = time.perf_counter()
        wf_stages[3].write({"progress": 60})
        elapsed = time.perf_counter() - start
        cr.execute(
            "SELECT count(*) FROM crm_lead_stage_history"
            " WHERE team_id = %s AND cause = 'threshold'",
            [wf_team.id],
        )
        moved = cr.fetchone()[0]
        print(
            f"threshold change, {args.wf_leads} workflow-driven leads: {elapsed:.2f} s, "
            f"{moved} leads moved, {cr.sql_log_count - before} queries"
        )
        cr.rollback()
        print("(rolled back: the bench leaves no data behind)")


if __name__ == "__main__":
    main()
