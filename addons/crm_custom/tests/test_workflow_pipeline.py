# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Workflow-driven pipelines: progress → stage, task moves, moves by hand,
threshold changes, bad input and access rights."""

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import CrmRolesCase

THRESHOLDS = (10, 20, 30, 50, 80, 100)


class WorkflowCase(CrmRolesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.wf_team = cls.env["crm.team"].create(
            {"name": "Workflow team", "member_ids": [(4, cls.salesperson.id)]}
        )
        cls.stages = cls.env["crm.stage"]
        for index, threshold in enumerate(THRESHOLDS):
            cls.stages |= cls.env["crm.stage"].create(
                {
                    "name": f"WF stage {index + 1}",
                    "team_id": cls.wf_team.id,
                    "sequence": index + 1,
                    "progress": threshold,
                    "is_won": threshold == 100,
                }
            )
        cls.template = cls.env["crm.workflow.template"].create(
            {
                "name": "Test workflow",
                "line_ids": [
                    (0, 0, {"sequence": i, "name": f"Task {progress}", "progress": progress})
                    for i, progress in enumerate((10, 20, 25, 30, 40, 50, 80, 100))
                ],
            }
        )
        cls.wf_team.write({"workflow_template_id": cls.template.id, "workflow_connected": True})

    def _wf_lead(self, name="WF lead", user=None):
        return self.env["crm.lead"].create(
            {
                "name": name,
                "type": "opportunity",
                "team_id": self.wf_team.id,
                "user_id": (user or self.salesperson).id,
            }
        )

    def _task(self, lead, progress):
        return lead.workflow_task_ids.filtered(lambda task: task.progress == progress)

    def _last_move(self, lead):
        return self.env["crm.lead.stage.history"].search([("lead_id", "=", lead.id)], limit=1)

    def _done(self, lead, *progresses, user=None):
        for progress in progresses:
            self._task(lead, progress).with_user(user or self.salesperson).action_done()


@tagged("post_install", "-at_install")
class TestProgressToStage(WorkflowCase):
    def test_every_boundary(self):
        Stage = self.env["crm.stage"]
        expected = {
            0: 1,
            5: 1,
            10: 1,
            10.01: 2,
            20: 2,
            20.01: 3,
            29.99: 3,
            30: 3,
            30.01: 4,
            49.99: 4,
            50: 4,
            50.01: 5,
            80: 5,
            80.01: 6,
            99.99: 6,
            100: 6,
        }
        for progress, position in expected.items():
            with self.subTest(progress=progress):
                self.assertEqual(
                    Stage._stage_for_progress(self.stages, progress), self.stages[position - 1]
                )

    def test_tasks_generated_on_entering_team(self):
        lead = self._wf_lead()
        self.assertEqual(len(lead.workflow_task_ids), 8)
        self.assertEqual(lead.workflow_task_ids.user_id, self.salesperson)
        self.assertEqual(lead.stage_id, self.stages[0])
        other = self.env["crm.lead"].create({"name": "Moves in", "team_id": self.team.id})
        self.assertFalse(other.workflow_task_ids)
        other.team_id = self.wf_team
        self.assertEqual(len(other.workflow_task_ids), 8)

    def test_completing_tasks_moves_forward_and_reopening_back(self):
        lead = self._wf_lead()
        self._done(lead, 10)
        self.assertEqual(lead.stage_id, self.stages[0], "10 % is still stage 1")
        self._done(lead, 20, 25)
        self.assertEqual(lead.workflow_progress, 25)
        self.assertEqual(lead.stage_id, self.stages[2])
        self._done(lead, 30, 40)
        self.assertEqual(lead.stage_id, self.stages[3], "40 % lies in (30, 50]")
        messages = lead.message_ids.mapped("body")
        self.assertTrue(any("Moved by the workflow" in body for body in messages))
        self._task(lead, 40).with_user(self.salesperson).action_reopen()
        self.assertEqual(lead.workflow_progress, 30)
        self.assertEqual(lead.stage_id, self.stages[2], "reopening moves the stage back")
        causes = lead.stage_history_ids.mapped("cause")
        self.assertIn("workflow", causes)
        self.assertEqual(len(lead.stage_history_ids.filtered(lambda h: not h.date_out)), 1)

    def test_final_task_wins(self):
        lead = self._wf_lead()
        self._done(lead, 100)
        self.assertEqual(lead.stage_id, self.stages[5])
        self.assertTrue(lead.stage_id.is_won)


@tagged("post_install", "-at_install")
class TestManualMoves(WorkflowCase):
    def test_forward_over_completed_tasks_allowed(self):
        lead = self._wf_lead()
        self._done(lead, 10, 20, 25, 30)
        self.assertEqual(lead.stage_id, self.stages[2])
        lead.with_user(self.salesperson).write({"stage_id": self.stages[3].id})
        self.assertEqual(lead.stage_id, self.stages[3])
        self.assertEqual(self._last_move(lead).cause, "manual")
        self.assertTrue(any("Moved by hand" in body for body in lead.message_ids.mapped("body")))

    def test_forward_over_open_tasks_refused(self):
        lead = self._wf_lead()
        self._done(lead, 10)
        with self.assertRaisesRegex(UserError, "Task 20"):
            lead.with_user(self.salesperson).write({"stage_id": self.stages[3].id})
        self.assertEqual(lead.stage_id, self.stages[0])

    def test_backward_refused_for_salesperson(self):
        lead = self._wf_lead()
        self._done(lead, 10, 20, 25)
        with self.assertRaises(UserError):
            lead.with_user(self.salesperson).write({"stage_id": self.stages[0].id})
        self.assertEqual(lead.stage_id, self.stages[2])

    def test_manager_allowed_by_setting(self):
        lead = self._wf_lead()
        self.wf_team.workflow_manual_move = "manager"
        lead.with_user(self.sales_manager).write({"stage_id": self.stages[4].id})
        self.assertEqual(lead.stage_id, self.stages[4])
        lead.with_user(self.sales_manager).write({"stage_id": self.stages[1].id})
        self.assertEqual(lead.stage_id, self.stages[1])

    def test_manager_refused_when_forward_only(self):
        lead = self._wf_lead()
        self.wf_team.workflow_manual_move = "forward"
        with self.assertRaises(UserError):
            lead.with_user(self.sales_manager).write({"stage_id": self.stages[4].id})
        self.assertEqual(lead.stage_id, self.stages[0])

    def test_manual_team_unrestricted(self):
        stage = self.env["crm.stage"].search([("team_id", "=", False)], limit=1)
        self.own_lead.with_user(self.salesperson).write({"stage_id": stage.id})
        self.assertEqual(self.own_lead.stage_id, stage)


@tagged("post_install", "-at_install")
class TestThresholdChange(WorkflowCase):
    def test_recompute_moves_leads_set_based(self):
        leads = self._wf_lead("A") | self._wf_lead("B")
        self._done(leads[0], 10, 20, 25)  # 25 % -> stage 3
        self._done(leads[1], 40)  # 40 % -> stage 4
        self.assertEqual(leads.mapped("stage_id"), self.stages[2] | self.stages[3])
        # Stage 3 now ends at 45 %: the 40 % lead moves back into it.
        self.stages[2].progress = 45
        self.assertEqual(leads[1].stage_id, self.stages[2])
        self.assertEqual(leads[0].stage_id, self.stages[2])
        self.assertEqual(self._last_move(leads[1]).cause, "threshold")
        self.assertEqual(len(leads[1].stage_history_ids.filtered(lambda h: not h.date_out)), 1)
        self.assertEqual(leads.mapped("furthest_stage_id"), self.stages[2] | self.stages[3])
        # Stage 3 now ends at 22 %: both move forward; the funnel sees it.
        self.stages[2].progress = 22
        self.assertEqual(leads.mapped("stage_id"), self.stages[3])
        self.assertEqual(leads.mapped("furthest_stage_id"), self.stages[3])


@tagged("post_install", "-at_install")
class TestWorkflowBadInput(WorkflowCase):
    def test_thresholds_must_increase(self):
        with self.assertRaisesRegex(ValidationError, "must increase"), self.env.cr.savepoint():
            self.stages[3].progress = 25
        self.env.invalidate_all()
        self.assertEqual(self.stages[3].progress, 50)

    def test_connecting_with_decreasing_thresholds_refused(self):
        team = self.env["crm.team"].create({"name": "Unordered"})
        # A team's own stages cannot even be saved out of order...
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            self.env["crm.stage"].create(
                [
                    {"name": f"U{sequence}", "team_id": team.id, "sequence": sequence,
                     "progress": progress}
                    for sequence, progress in ((1, 40), (2, 30))
                ]
            )  # fmt: skip
        # ...and a team that falls back on shared stages whose progress does not
        # increase strictly (Odoo's default ones are all at 0) cannot be connected.
        self.assertFalse(self.env["crm.stage"].search([("team_id", "=", team.id)]))
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            team.write({"workflow_template_id": self.template.id, "workflow_connected": True})
        self.assertFalse(team.workflow_connected)

    def test_task_progress_out_of_range(self):
        for progress in (-1, 100.01, 150):
            with self.subTest(progress=progress), self.assertRaises(ValidationError):
                self.env["crm.workflow.template"].create(
                    {"name": "Bad", "line_ids": [(0, 0, {"name": "T", "progress": progress})]}
                )
        self.assertFalse(self.env["crm.workflow.template"].search([("name", "=", "Bad")]))

    def test_workflow_without_tasks(self):
        empty = self.env["crm.workflow.template"].create({"name": "Empty"})
        team = self.env["crm.team"].create({"name": "No tasks"})
        with self.assertRaisesRegex(ValidationError, "no tasks"), self.env.cr.savepoint():
            team.write({"workflow_template_id": empty.id, "workflow_connected": True})
        self.assertFalse(team.workflow_connected)
        with self.assertRaisesRegex(ValidationError, "at least one task"):
            self.template.line_ids.unlink()


@tagged("post_install", "-at_install")
class TestWorkflowAccess(WorkflowCase):
    def test_templates_edited_by_managers_and_configurators(self):
        for user in (self.sales_manager, self.configurator):
            template = (
                self.env["crm.workflow.template"]
                .with_user(user)
                .create(
                    {
                        "name": f"By {user.login}",
                        "line_ids": [(0, 0, {"name": "T", "progress": 50})],
                    }
                )
            )
            template.line_ids.progress = 60

    def test_templates_read_only_for_others(self):
        for user in (self.salesperson, self.accountant):
            self.template.with_user(user).read(["name"])
            with self.assertRaises(AccessError):
                self.template.with_user(user).write({"name": "Changed"})
            with self.assertRaises(AccessError):
                self.env["crm.workflow.template"].with_user(user).create({"name": "New"})

    def test_support_has_no_access(self):
        with self.assertRaises(AccessError):
            self.template.with_user(self.support).read(["name"])
        lead = self._wf_lead()
        with self.assertRaises(AccessError):
            lead.workflow_task_ids.with_user(self.support).read(["name"])

    def test_tasks_done_by_responsible_only(self):
        lead = self._wf_lead()
        task = self._task(lead, 10)
        with self.assertRaises(AccessError):
            task.with_user(self.other_salesperson).action_done()
        with self.assertRaises(AccessError):
            task.with_user(self.accountant).action_done()
        self.assertEqual(task.state, "todo")
        task.with_user(self.salesperson).action_done()
        self.assertEqual(task.state, "done")
