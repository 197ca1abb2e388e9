# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install", "crm_suite_http")
class TestFunnelTour(HttpCase):
    def test_funnel_shows_the_leads_that_reached_each_stage(self):
        new_test_user(self.env, login="tour_funnel_manager", groups="sales_team.group_sale_manager")
        team = self.env["crm.team"].create({"name": "Tour funnel team"})
        first, second, won = self.env["crm.stage"].create(
            [
                {"name": f"Tour funnel {name}", "team_id": team.id, "sequence": seq}
                for seq, name in enumerate(("first", "second", "won"), start=1)
            ]
        )
        won.is_won = True
        leads = self.env["crm.lead"].create(
            [
                {"name": f"Tour funnel lead {n}", "type": "opportunity", "team_id": team.id}
                for n in range(3)
            ]
        )
        leads[1].stage_id = second
        leads[1].action_set_lost()
        leads[2].stage_id = won  # skipped the second stage: counted there too
        self.assertEqual(leads.mapped("furthest_stage_id"), first | second | won)
        self.start_tour(
            "/odoo/action-crm_custom.crm_funnel_client_action",
            "crm_custom_funnel_reached_stages",
            login="tour_funnel_manager",
        )
