# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The report screens open on what a manager reads first."""

from odoo.exceptions import AccessError

from .common import CrmRolesCase


class TestReportViews(CrmRolesCase):
    def _run_menu_action(self, user):
        action = self.env.ref("crm_custom.crm_funnel_report_action_my_team")
        return action.with_user(user).run()

    def test_funnel_analysis_opens_on_the_users_team(self):
        action = self._run_menu_action(self.salesperson)
        self.assertEqual(action["res_model"], "crm.funnel.report")
        self.assertEqual(action["context"]["search_default_team_id"], self.team.id)
        self.assertTrue(action["context"]["crm_show_stage_team"])

    def test_same_named_stages_of_two_teams_are_two_groups(self):
        stages = self.env["crm.stage"].create(
            [
                {"name": "Report twin", "team_id": self.team.id},
                {"name": "Report twin", "team_id": self.other_team.id},
            ]
        )
        Stage = self.env["crm.stage"].with_context(crm_show_stage_team=True)
        names = Stage.browse(stages.ids).mapped("display_name")
        self.assertEqual(
            names, ["Report twin (Role test team)", "Report twin (Other role test team)"]
        )

    def test_default_measures(self):
        Report = self.env["crm.funnel.report"].with_user(self.sales_manager)
        pivot = Report.get_view(view_type="pivot")["arch"]
        self.assertIn('name="reached_count" type="measure"', pivot)
        reasons = self.env["crm.lost.reason.report"].get_view(view_type="graph")["arch"]
        self.assertIn('name="deal_count" type="measure"', reasons)

    def test_support_cannot_open_the_funnel_analysis(self):
        with self.assertRaises(AccessError):
            self._run_menu_action(self.support)
