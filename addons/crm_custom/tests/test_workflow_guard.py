# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The workflow guard cannot be bypassed: a team with its own stages has
exactly those as its pipeline (status bar, pickers, writes), forward moves
follow the workflow whatever the path, tasks follow the salesperson and a
lead's team and stage stay consistent; workflow tasks change only as their
rule says, on every write path."""

from lxml import etree

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .test_workflow_pipeline import WorkflowCase


@tagged("post_install", "-at_install")
class TestTeamPipelineEverywhere(WorkflowCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.shared = cls.env["crm.stage"].search([("team_id", "=", False)])
        cls.proposition = cls.env.ref("crm.stage_lead3")
        cls.shared_won = cls.env.ref("crm.stage_lead4")

    def test_status_bar_and_pickers_offer_the_team_pipeline_only(self):
        lead = self._wf_lead().with_user(self.salesperson)
        self.assertEqual(lead.pipeline_stage_ids, self.stages)
        arch = etree.fromstring(lead.get_views([(False, "form")])["views"]["form"]["arch"])
        status_bar = arch.xpath("//header/field[@name='stage_id']")[0]
        self.assertEqual(status_bar.get("domain"), "[('id', 'in', pipeline_stage_ids)]")
        self.assertTrue(arch.xpath("//field[@name='pipeline_stage_ids']"))
        # Lists and mass edit use the field's own domain.
        field = lead.fields_get(["stage_id"])["stage_id"]
        self.assertEqual(field["domain"], "[('id', 'in', pipeline_stage_ids)]")
        # A team without stages of its own has the shared ones.
        own = self.own_lead.with_user(self.salesperson)
        self.assertEqual(own.pipeline_stage_ids, self.shared.sorted(lambda s: (s.sequence, s.id)))
        self.assertFalse(own.pipeline_stage_ids & self.stages)

    def test_shared_stage_refused_on_a_team_with_own_stages(self):
        lead = self._wf_lead()
        for stage in (self.proposition, self.shared_won):
            with (
                self.subTest(stage=stage.name),
                self.assertRaisesRegex(UserError, "pipeline"),
                self.cr.savepoint(),
            ):
                lead.with_user(self.salesperson).write({"stage_id": stage.id})
        self.assertEqual(lead.stage_id, self.stages[0])
        self.assertFalse(lead.stage_history_ids.filtered(lambda h: h.cause == "manual"))
        self.assertEqual(lead.furthest_stage_id, self.stages[0])

    def test_another_teams_stage_refused_without_changing_team(self):
        with self.assertRaisesRegex(UserError, "not in the pipeline"):
            self.own_lead.with_user(self.salesperson).write({"stage_id": self.stages[0].id})
        # With the team change, the stage is the new team's: allowed.
        self.own_lead.with_user(self.sales_manager).write(
            {"team_id": self.wf_team.id, "stage_id": self.stages[0].id}
        )
        self.assertEqual(self.own_lead.stage_id, self.stages[0])
        self.assertEqual(len(self.own_lead.workflow_task_ids), 8)

    def test_creating_in_another_pipeline_refused(self):
        with self.assertRaisesRegex(UserError, "not in the pipeline"):
            self.env["crm.lead"].with_user(self.salesperson).create(
                {
                    "name": "Wrong column",
                    "team_id": self.wf_team.id,
                    "stage_id": self.proposition.id,
                }
            )

    def test_rpc_context_cannot_claim_a_workflow_move(self):
        lead = self._wf_lead()
        forged = lead.with_user(self.salesperson).with_context(crm_stage_move_cause="workflow")
        with self.assertRaisesRegex(UserError, "Task 10"):
            forged.write({"stage_id": self.stages[3].id})
        self.assertEqual(lead.stage_id, self.stages[0])

    def test_writing_the_same_team_does_not_skip_the_workflow(self):
        lead = self._wf_lead()
        with self.assertRaisesRegex(UserError, "not done"):
            lead.with_user(self.salesperson).write(
                {"team_id": self.wf_team.id, "stage_id": self.stages[5].id}
            )
        self.assertEqual(lead.stage_id, self.stages[0])

    def test_won_button_follows_the_workflow(self):
        lead = self._wf_lead().with_user(self.salesperson)
        with self.assertRaisesRegex(UserError, "not done"):
            lead.action_set_won_rainbowman()
        self.assertEqual(lead.stage_id, self.stages[0])
        self._done(lead, 10, 20, 25, 30, 40, 50, 80)
        lead.action_set_won_rainbowman()
        self.assertEqual(lead.stage_id, self.stages[5])
        self.assertEqual(lead.furthest_stage_id, self.stages[5])

    def test_won_refused_where_the_pipeline_has_no_won_stage(self):
        team = self.env["crm.team"].create(
            {"name": "No won stage", "member_ids": [(4, self.salesperson.id)]}
        )
        self.env["crm.stage"].create({"name": "Only stage", "team_id": team.id})
        lead = self.env["crm.lead"].create(
            {"name": "Cannot win", "type": "opportunity", "team_id": team.id,
             "user_id": self.salesperson.id}
        )  # fmt: skip
        with self.assertRaisesRegex(UserError, "no won stage"):
            lead.with_user(self.salesperson).action_set_won()


@tagged("post_install", "-at_install")
class TestReassignment(WorkflowCase):
    def test_tasks_follow_the_new_salesperson(self):
        self.wf_team.member_ids = [(4, self.other_salesperson.id)]
        given = self.template.line_ids[0]
        given.write({"responsible": "user", "user_id": self.sales_manager.id})
        lead = self._wf_lead()
        done = self._task(lead, 20)
        done.with_user(self.salesperson).action_done()
        lead.with_user(self.salesperson).write({"user_id": self.other_salesperson.id})
        self.assertEqual(lead.team_id, self.wf_team)
        open_tasks = lead.workflow_task_ids.filtered(lambda t: t.state == "todo")
        by_salesperson = open_tasks.filtered(lambda t: t.template_line_id != given)
        self.assertEqual(by_salesperson.user_id, self.other_salesperson)
        self.assertEqual(self._task(lead, 10).user_id, self.sales_manager, "a given user keeps it")
        self.assertEqual(done.user_id, self.salesperson, "a done task keeps who did it")
        # The new salesperson completes his tasks.
        self._done(lead, 25, user=self.other_salesperson)
        self.assertEqual(self._task(lead, 25).state, "done")

    def test_salesperson_outside_the_team_moves_the_stage_into_the_new_pipeline(self):
        lead = self._wf_lead()
        self._done(lead, 10, 20, 25)
        self.assertEqual(lead.stage_id, self.stages[2])
        # Odoo moves the lead to the new salesperson's team, on shared stages.
        lead.with_user(self.sales_manager).write({"user_id": self.outsider_salesperson.id})
        self.assertEqual(lead.team_id, self.other_team)
        self.assertIn(lead.stage_id, self.other_team._pipeline_stages())
        self.assertEqual(self._last_move(lead).cause, "team")
        self.assertEqual(len(lead.stage_history_ids.filtered(lambda h: not h.date_out)), 1)
        self.assertIn(lead.furthest_stage_id, self.other_team._pipeline_stages())

    def test_won_lead_stays_won_in_the_new_pipeline(self):
        lead = self._wf_lead()
        self._done(lead, 100)
        self.assertTrue(lead.stage_id.is_won)
        lead.with_user(self.sales_manager).write({"team_id": self.other_team.id})
        self.assertTrue(lead.stage_id.is_won)
        self.assertIn(lead.stage_id, self.other_team._pipeline_stages())


@tagged("post_install", "-at_install")
class TestTaskWritePaths(WorkflowCase):
    def setUp(self):
        super().setUp()
        # Everybody sees every lead: the task rule alone must refuse.
        self._set_lead_visibility("all")

    def test_plain_write_of_the_state_checks_who(self):
        lead = self._wf_lead()
        task = self._task(lead, 10)
        with self.assertRaises(AccessError):
            task.with_user(self.other_salesperson).write({"state": "done"})
        self.assertEqual(task.state, "todo")
        self._done(lead, 10)
        with self.assertRaises(AccessError):
            task.with_user(self.other_salesperson).write({"state": "todo"})
        with self.assertRaises(AccessError):
            task.with_user(self.other_salesperson).write(
                {"done_user_id": self.other_salesperson.id}
            )
        self.assertEqual(task.state, "done")
        self.assertEqual(task.done_user_id, self.salesperson)

    def test_plain_write_by_the_responsible_moves_the_lead(self):
        lead = self._wf_lead()
        tasks = self._task(lead, 10) | self._task(lead, 20) | self._task(lead, 25)
        tasks.with_user(self.salesperson).write(
            {"state": "done", "done_user_id": self.sales_manager.id}
        )
        self.assertEqual(tasks.done_user_id, self.salesperson, "who did it is not typed in")
        self.assertEqual(lead.stage_id, self.stages[2])
        self.assertEqual(self._last_move(lead).cause, "workflow")

    def test_a_task_never_changes_lead_for_non_managers(self):
        lead = self._wf_lead()
        other = self._wf_lead("Other", user=self.salesperson)
        task = self._task(lead, 10)
        with self.assertRaises(AccessError):
            task.with_user(self.salesperson).write({"lead_id": other.id})
        with self.assertRaises(AccessError):
            task.with_user(self.salesperson).write({"lead_id": self.foreign_lead.id})
        self.assertEqual(task.lead_id, lead)
        task.with_user(self.sales_manager).write({"lead_id": other.id})
        self.assertEqual(task.lead_id, other)
