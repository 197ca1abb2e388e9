# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install", "crm_suite_http")
class TestWorkflowTour(HttpCase):
    def test_completing_a_task_moves_the_card(self):
        salesperson = new_test_user(
            self.env, login="tour_workflow_sales", groups="crm_custom.group_crm_sales_user"
        )
        team = self.env["crm.team"].create(
            {"name": "Tour workflow team", "member_ids": [(4, salesperson.id)]}
        )
        stages = self.env["crm.stage"].create(
            [
                {"name": "Tour stage one", "team_id": team.id, "sequence": 1, "progress": 20},
                {"name": "Tour stage two", "team_id": team.id, "sequence": 2, "progress": 60},
                {
                    "name": "Tour stage won",
                    "team_id": team.id,
                    "sequence": 3,
                    "progress": 100,
                    "is_won": True,
                },
            ]
        )
        template = self.env["crm.workflow.template"].create(
            {
                "name": "Tour workflow",
                "line_ids": [
                    (0, 0, {"sequence": 1, "name": "Tour call", "progress": 40}),
                    (0, 0, {"sequence": 2, "name": "Tour contract", "progress": 100}),
                ],
            }
        )
        team.write({"workflow_template_id": template.id, "workflow_connected": True})
        lead = self.env["crm.lead"].create(
            {
                "name": "Tour: workflow lead",
                "type": "opportunity",
                "team_id": team.id,
                "user_id": salesperson.id,
            }
        )
        self.assertEqual(lead.stage_id, stages[0])
        self.start_tour(
            "/odoo/action-crm.crm_lead_action_pipeline",
            "crm_custom_workflow_task_moves_card",
            login="tour_workflow_sales",
        )
        self.assertEqual(lead.stage_id, stages[1])
        self.assertEqual(lead.workflow_task_ids.mapped("state"), ["done", "todo"])
