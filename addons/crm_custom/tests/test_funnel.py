# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Funnel numbers for a hand-built history against hand-computed figures."""

from datetime import timedelta
from unittest.mock import patch

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import tagged

from ..hooks import post_init_hook
from .common import CrmRolesCase


@tagged("post_install", "-at_install")
class TestFunnel(CrmRolesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.funnel_team = cls.env["crm.team"].create({"name": "Funnel team"})
        cls.stage_a, cls.stage_b, cls.stage_c, cls.stage_won = (
            cls.env["crm.stage"].create(
                {
                    "name": name,
                    "team_id": cls.funnel_team.id,
                    "sequence": seq,
                    "progress": seq * 25,
                    "is_won": name == "Won",
                }
            )
            for seq, name in enumerate(("A", "B", "C", "Won"), start=1)
        )
        cls.tag = cls.env["crm.tag"].create({"name": "Funnel tag"})
        Lead = cls.env["crm.lead"]

        def lead(name, user, *stages):
            record = Lead.create(
                {
                    "name": name,
                    "type": "opportunity",
                    "team_id": cls.funnel_team.id,
                    "user_id": user.id,
                    "stage_id": cls.stage_a.id,
                }
            )
            for stage in stages:
                record.stage_id = stage
            return record

        # 1: A → B → C → back to B (furthest C); 2: A → C (skipped B);
        # 3: A → B, lost there; 4: A → Won (skipped B, C); 5: stays in A.
        cls.lead_1 = lead("Back and forth", cls.salesperson, cls.stage_b, cls.stage_c, cls.stage_b)
        cls.lead_2 = lead("Skipper", cls.salesperson, cls.stage_c)
        cls.lead_3 = lead("Lost at B", cls.other_salesperson, cls.stage_b)
        cls.lead_3.action_set_lost()
        cls.lead_4 = lead("Winner", cls.other_salesperson)
        cls.lead_4.action_set_won()
        cls.lead_5 = lead("Idle", cls.salesperson)
        cls.lead_5.tag_ids = cls.tag
        cls.History = cls.env["crm.lead.stage.history"]
        today = fields.Date.today()
        cls.period = (today - timedelta(days=1), today + timedelta(days=1))

    def _figures(self, **filters):
        rows = self.History._funnel(self.funnel_team, *self.period, **filters)
        return [
            (row["stage"], row["reached"], row["lost"], row["conversion"], row["drop_off"])
            for row in rows
        ]

    def test_hand_computed_funnel(self):
        self.assertEqual(self.lead_4.stage_id, self.stage_won)
        self.assertEqual(
            self._figures(),
            [
                ("A", 5, 0, 80.0, 20.0),
                ("B", 4, 1, 75.0, 25.0),
                ("C", 3, 0, 33.33, 66.67),
                ("Won", 1, 0, None, None),
            ],
        )

    def test_filters(self):
        self.assertEqual([row[1] for row in self._figures(users=self.salesperson)], [3, 2, 2, 0])
        self.assertEqual([row[1] for row in self._figures(tags=self.tag)], [1, 0, 0, 0])

    def test_counts_only_the_leads_one_may_see(self):
        self._set_lead_visibility("own")
        History = self.History.with_user(self.salesperson)
        rows = History._funnel(self.funnel_team, *self.period)
        self.assertEqual([row["reached"] for row in rows], [3, 2, 2, 0])
        with self.assertRaises(AccessError):
            self.History.with_user(self.support)._funnel(self.funnel_team, *self.period)

    def test_period_excludes_other_leads(self):
        before = fields.Date.today() - timedelta(days=60)
        rows = self.History._funnel(self.funnel_team, before, before + timedelta(days=1))
        self.assertEqual([row["reached"] for row in rows], [0, 0, 0, 0])

    def test_period_comparison(self):
        data = self.History.get_funnel_data(self.funnel_team.id, "quarter")
        self.assertEqual([row["reached"] for row in data["current"]["stages"]], [5, 4, 3, 1])
        self.assertEqual([row["reached"] for row in data["previous"]["stages"]], [0, 0, 0, 0])
        start, end, prev_start, prev_end = self.History._period_bounds(
            "month", fields.Date.to_date("2026-01-15")
        )
        self.assertEqual(
            [str(d) for d in (start, end, prev_start, prev_end)],
            ["2026-01-01", "2026-02-01", "2025-12-01", "2026-01-01"],
        )
        quarter = self.History._period_bounds("quarter", fields.Date.to_date("2026-05-20"))
        self.assertEqual(
            [str(d) for d in quarter], ["2026-04-01", "2026-07-01", "2026-01-01", "2026-04-01"]
        )

    def test_query_count_independent_of_stages(self):
        self.env.flush_all()
        count_4 = self._count_queries(self.funnel_team)
        big_team = self.env["crm.team"].create({"name": "Many stages"})
        for seq in range(12):
            self.env["crm.stage"].create(
                {"name": f"S{seq}", "team_id": big_team.id, "sequence": seq}
            )
        self.env.flush_all()
        self.assertEqual(self._count_queries(big_team), count_4)

    def test_furthest_stage_is_stored_on_each_lead(self):
        self.assertEqual(
            (self.lead_1 | self.lead_2 | self.lead_3 | self.lead_4 | self.lead_5).mapped(
                "furthest_stage_id"
            ),
            self.stage_c | self.stage_c | self.stage_b | self.stage_won | self.stage_a,
        )
        self.assertEqual(self.lead_1.stage_id, self.stage_b, "went back, furthest stays C")

    def test_new_leads_reached_their_first_stage(self):
        """A lead's creation sets its furthest stage without the set-based
        recompute: the same stage as the recompute finds from its history."""
        Lead = self.env["crm.lead"].with_user(self.salesperson)
        leads = Lead.create(
            [
                {"name": "Team's first stage", "team_id": self.funnel_team.id},
                {"name": "Given stage", "team_id": self.funnel_team.id,
                 "stage_id": self.stage_b.id},
                {"name": "Shared pipeline", "team_id": False},
            ]
        )  # fmt: skip
        self.assertEqual(leads[0].stage_id, self.stage_a)
        self.assertEqual(leads[1].stage_id, self.stage_b)
        self.assertTrue(leads[2].stage_id)
        self.assertEqual(
            [lead.furthest_stage_id for lead in leads], [lead.stage_id for lead in leads]
        )
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE crm_lead SET furthest_stage_id = NULL WHERE id = ANY(%s)", [leads.ids]
        )
        leads.invalidate_recordset(["furthest_stage_id"])
        leads._funnel_recompute_furthest_stage()
        self.assertEqual(
            [lead.furthest_stage_id for lead in leads], [lead.stage_id for lead in leads]
        )
        self.assertEqual(self.History.search_count([("lead_id", "in", leads.ids)]), 3)

    def test_new_lead_is_in_the_funnel_report_at_once(self):
        lead = self.env["crm.lead"].create(
            {"name": "Counted at once", "team_id": self.funnel_team.id, "stage_id": self.stage_b.id}
        )
        rows = self.env["crm.funnel.report"].search([("lead_id", "=", lead.id)])
        self.assertEqual(
            rows.stage_id, self.stage_a | self.stage_b, "A and B reached, in the same transaction"
        )

    def test_reordering_stages_recomputes_the_funnel(self):
        """With C before B, the lead that went A → B → C → B reached B last."""
        self.stage_c.write({"sequence": 2, "progress": 50})
        self.stage_b.write({"sequence": 3, "progress": 75})
        self.env.cr.precommit.run()
        self.assertEqual(self.lead_1.furthest_stage_id, self.stage_b)
        self.assertEqual(self.lead_2.furthest_stage_id, self.stage_c)
        self.assertEqual(
            self._figures(),
            [
                ("A", 5, 0, 80.0, 20.0),
                ("C", 4, 0, 75.0, 25.0),
                ("B", 3, 1, 33.33, 66.67),
                ("Won", 1, 0, None, None),
            ],
        )

    def test_reordering_a_big_team_recomputes_in_the_background(self):
        """Above the inline limit (1,000,000 leads in the benchmark), the
        request only marks the team; the job recomputes, the funnel says so
        meanwhile."""
        self.funnel_team.member_ids = [(4, self.salesperson.id)]
        cron = self.env.ref("crm_custom.ir_cron_funnel_recompute_furthest")
        triggers = self.env["ir.cron.trigger"].search_count([("cron_id", "=", cron.id)])
        with patch("odoo.addons.crm_custom.models.crm_stage.FURTHEST_INLINE_LIMIT", 3):
            self.stage_c.with_user(self.sales_manager).write({"sequence": 2, "progress": 50})
            self.stage_b.with_user(self.sales_manager).write({"sequence": 3, "progress": 75})
            self.env.cr.precommit.run()
        self.assertEqual(self.lead_1.furthest_stage_id, self.stage_c, "not in the request")
        self.assertTrue(self.funnel_team.funnel_recompute_pending)
        self.assertGreater(
            self.env["ir.cron.trigger"].search_count([("cron_id", "=", cron.id)]), triggers
        )
        data = self.History.with_user(self.salesperson).get_funnel_data(self.funnel_team.id)
        self.assertTrue(data["recomputing"])
        # The job, as Odoo's cron runner runs it.
        self.env["crm.team"]._cron_funnel_recompute_furthest()
        self.assertFalse(self.funnel_team.funnel_recompute_pending)
        self.assertEqual(self.lead_1.furthest_stage_id, self.stage_b)
        data = self.History.with_user(self.salesperson).get_funnel_data(self.funnel_team.id)
        self.assertFalse(data["recomputing"])
        self.assertEqual(self._figures()[2], ("B", 3, 1, 33.33, 66.67))

    def test_deleting_the_furthest_stage_falls_back(self):
        extra = self.env["crm.stage"].create(
            {"name": "Extra", "team_id": self.funnel_team.id, "sequence": 3, "progress": 75}
        )
        self.lead_5.stage_id = extra
        self.lead_5.stage_id = self.stage_a
        self.assertEqual(self.lead_5.furthest_stage_id, extra)
        extra.unlink()
        self.assertEqual(self.lead_5.furthest_stage_id, self.stage_a)

    def test_changing_team_counts_the_new_pipeline(self):
        other = self.env["crm.team"].create({"name": "Other funnel team"})
        other_first = self.env["crm.stage"].create(
            {"name": "O1", "team_id": other.id, "sequence": 1}
        )
        self.lead_2.write({"team_id": other.id, "stage_id": other_first.id})
        self.assertEqual(self.lead_2.furthest_stage_id, other_first)
        self.assertEqual([row[1] for row in self._figures()], [4, 3, 2, 1])

    def test_analysis_report_gives_the_same_numbers(self):
        """Pivot/graph access: rows per stage reached = the funnel's figures."""
        groups = self.env["crm.funnel.report"]._read_group(
            [("team_id", "=", self.funnel_team.id)],
            ["stage_id"],
            ["__count", "lost_count:sum", "stopped_count:sum"],
        )
        by_stage = {stage: (count, lost, stopped) for stage, count, lost, stopped in groups}
        self.assertEqual(
            [by_stage.get(stage, (0, 0, 0))[:2] for stage in self._stages()],
            [(row[1], row[2]) for row in self._figures()],
        )
        self.assertEqual(sum(stopped for _count, _lost, stopped in by_stage.values()), 5)

    def test_analysis_report_follows_lead_visibility(self):
        self._set_lead_visibility("own")
        Report = self.env["crm.funnel.report"]
        seen = Report.with_user(self.salesperson).search([("team_id", "=", self.funnel_team.id)])
        self.assertEqual(seen.lead_id, self.lead_1 | self.lead_2 | self.lead_5)
        self.assertEqual(len(seen), 3 + 3 + 1, "one row per stage reached")
        with self.assertRaises(AccessError):
            Report.with_user(self.support).search([])

    def _stages(self):
        return self.stage_a | self.stage_b | self.stage_c | self.stage_won

    def _count_queries(self, team):
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        self.History._funnel(team, *self.period)
        return self.env.cr.sql_log_count - before


@tagged("post_install", "-at_install")
class TestHistoryBackfill(CrmRolesCase):
    def test_backfill_from_tracking_values(self):
        """Leads that moved before the module was installed get their stage
        history from the chatter's stage tracking values."""
        env = self.env(context={})  # tracking on
        team = env["crm.team"].create({"name": "Backfill team"})
        first, _second, third = env["crm.stage"].create(
            [{"name": f"BF{seq}", "team_id": team.id, "sequence": seq} for seq in (1, 2, 3)]
        )
        lead = env["crm.lead"].create(
            {"name": "Old lead", "type": "opportunity", "team_id": team.id, "stage_id": first.id}
        )
        # The lead is moved in a later transaction than its creation: a write
        # in the creating transaction is not tracked.
        env.flush_all()
        env.cr.precommit.run()
        lead.stage_id = third
        env.flush_all()
        env.cr.precommit.run()
        env.invalidate_all()
        self.assertTrue(lead.message_ids.tracking_value_ids, "stage change tracked")
        env.cr.execute("DELETE FROM crm_lead_stage_history WHERE lead_id = %s", [lead.id])
        env.cr.execute("UPDATE crm_lead SET furthest_stage_id = NULL WHERE id = %s", [lead.id])
        env.invalidate_all()
        post_init_hook(env)
        self.assertEqual(lead.furthest_stage_id, third)
        history = env["crm.lead.stage.history"].search([("lead_id", "=", lead.id)])
        self.assertEqual(set(history.mapped("cause")), {"import"})
        self.assertIn(third, history.stage_id)
        self.assertEqual(history.filtered(lambda h: h.stage_id == third).previous_stage_id, first)
