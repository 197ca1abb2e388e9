# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The workflow guard over HTTP, as the web client and an RPC script meet it:
the form's status bar offers the team's pipeline only, and a salesperson's
write of Odoo's shared Won stage (or of a forged workflow cause) is refused."""

from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install", "crm_suite_http")
class TestHttpWorkflowGuard(HttpCase):
    def setUp(self):
        super().setUp()
        self.salesperson = new_test_user(
            self.env, login="http_guard_sales", groups="crm_custom.group_crm_sales_user"
        )
        team = self.env["crm.team"].create(
            {"name": "HTTP guard team", "member_ids": [(4, self.salesperson.id)]}
        )
        self.stages = self.env["crm.stage"].create(
            [
                {"name": "Guard one", "team_id": team.id, "sequence": 1, "progress": 20},
                {"name": "Guard won", "team_id": team.id, "sequence": 2, "progress": 100,
                 "is_won": True},
            ]
        )  # fmt: skip
        template = self.env["crm.workflow.template"].create(
            {"name": "HTTP guard workflow", "line_ids": [(0, 0, {"name": "Call", "progress": 20})]}
        )
        team.write({"workflow_template_id": template.id, "workflow_connected": True})
        self.lead = self.env["crm.lead"].create(
            {"name": "Guarded", "type": "opportunity", "team_id": team.id,
             "user_id": self.salesperson.id}
        )  # fmt: skip
        self.authenticate("http_guard_sales", "http_guard_sales")

    def _rpc(self, method, *args, **kwargs):
        response = self.opener.post(
            f"{self.base_url()}/web/dataset/call_kw/crm.lead/{method}",
            json={
                "jsonrpc": "2.0",
                "method": "call",
                "params": {"model": "crm.lead", "method": method, "args": list(args),
                           "kwargs": kwargs},
            },
        )  # fmt: skip
        return response.json()

    def test_status_bar_stages_are_the_team_pipeline(self):
        result = self._rpc(
            "web_read",
            [self.lead.id],
            specification={"pipeline_stage_ids": {}, "stage_id": {}},
        )["result"][0]
        self.assertEqual(result["pipeline_stage_ids"], self.stages.ids)
        # The status bar's own query, with the domain of the form.
        stages = self.opener.post(
            f"{self.base_url()}/web/dataset/call_kw/crm.stage/search_read",
            json={
                "jsonrpc": "2.0",
                "method": "call",
                "params": {"model": "crm.stage", "method": "search_read",
                           "args": [[("id", "in", result["pipeline_stage_ids"])], ["name"]],
                           "kwargs": {}},
            },
        ).json()["result"]  # fmt: skip
        self.assertEqual([stage["name"] for stage in stages], ["Guard one", "Guard won"])

    def test_writing_shared_won_over_rpc_is_refused(self):
        shared_won = self.env.ref("crm.stage_lead4")
        for context in ({}, {"crm_stage_move_cause": "workflow"}):
            with self.subTest(context=context):
                response = self._rpc(
                    "write", [self.lead.id], {"stage_id": shared_won.id}, context=context
                )
                self.assertIn("error", response)
                self.assertIn("pipeline", response["error"]["data"]["message"])
                response = self._rpc(
                    "write", [self.lead.id], {"stage_id": self.stages[1].id}, context=context
                )
                self.assertIn("not done", response["error"]["data"]["message"])
        self.lead.invalidate_recordset()
        self.assertEqual(self.lead.stage_id, self.stages[0])
        self.assertFalse(self.lead.stage_history_ids.filtered(lambda h: h.cause == "manual"))
