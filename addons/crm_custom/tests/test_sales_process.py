# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import ast

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import CrmRolesCase


@tagged("post_install", "-at_install")
class TestSalesProcess(CrmRolesCase):
    def _load(self, xmlid, team, user=None):
        process = self.env.ref(xmlid)
        wizard = self.env["crm.sales.process.load"].with_user(user or self.sales_manager)
        wizard.create({"process_id": process.id, "team_id": team.id}).action_load()
        return self.env["crm.stage"].search([("team_id", "=", team.id)])

    def test_source_001_stages_load_with_their_progress(self):
        stages = self._load("crm_custom.sales_process_funnel", self.team)
        self.assertEqual(
            stages.mapped("name"),
            [
                "Initial contact and qualification",
                "Send price list",
                "In-person meeting",
                "Send proposal",
                "Agree to terms",
                "Final sale",
            ],
        )
        progress = dict(zip(stages.mapped("name"), stages.mapped("progress"), strict=True))
        self.assertEqual(progress["In-person meeting"], 30)
        self.assertEqual(progress["Send proposal"], 50)
        self.assertTrue(stages[-1].is_won)

    def test_loaded_process_is_the_team_pipeline(self):
        """The team's kanban shows its own stages, not Odoo's shared ones beside
        them, and its new leads start in the first of them."""
        stages = self._load("crm_custom.sales_process_funnel", self.team)
        shared = self.env["crm.stage"].search([("team_id", "=", False)])
        lead = self.env["crm.lead"].create(
            {"name": "Fresh lead", "type": "opportunity", "team_id": self.team.id}
        )
        self.assertEqual(lead.stage_id, stages[0])
        Lead = self.env["crm.lead"].with_context(default_team_id=self.team.id)
        self.assertEqual(Lead._read_group_stage_ids(shared[:0], []), stages)
        # A shared stage still holding a lead of the team stays visible.
        self.assertEqual(Lead._read_group_stage_ids(shared[:1], []), shared[:1] | stages)
        # Teams without stages of their own keep Odoo's shared pipeline.
        other = Lead.with_context(default_team_id=self.other_team.id)
        self.assertEqual(other._read_group_stage_ids(shared[:0], []), shared)

    def test_the_teams_leads_move_into_the_loaded_pipeline(self):
        self.teammate_lead.action_set_won()
        stages = self._load("crm_custom.sales_process_funnel", self.team)
        self.assertEqual(self.own_lead.stage_id, stages[0])
        self.assertEqual(self.teammate_lead.stage_id, stages.filtered("is_won"))
        self.assertEqual(self.own_lead.stage_history_ids[:1].cause, "team")
        self.assertEqual(self.foreign_lead.stage_id.team_id, self.env["crm.team"], "other teams")

    def test_source_000_stages_load(self):
        stages = self._load("crm_custom.sales_process_contract", self.other_team)
        self.assertEqual(stages[0].name, "Initial contact")
        self.assertEqual(stages[-1].name, "Contract validation")
        self.assertEqual(stages.mapped("progress"), sorted(stages.mapped("progress")))

    def test_stage_names_keep_their_translations(self):
        self.env["res.lang"]._activate_lang("fa_IR")
        line = self.env.ref("crm_custom.sales_process_funnel_4")
        line.update_field_translations("name", {"fa_IR": "ارسال پیشنهاد"})
        stages = self._load("crm_custom.sales_process_funnel", self.team)
        proposal = stages.filtered(lambda stage: stage.progress == 50)
        self.assertEqual(proposal.with_context(lang="fa_IR").name, "ارسال پیشنهاد")

    def test_loading_twice_is_refused(self):
        self._load("crm_custom.sales_process_funnel", self.team)
        with self.assertRaisesRegex(UserError, "already has its own stages"):
            self._load("crm_custom.sales_process_contract", self.team)

    def test_progress_must_increase_along_the_pipeline(self):
        stages = self._load("crm_custom.sales_process_funnel", self.team)
        with self.assertRaisesRegex(ValidationError, "Progress must increase"), self.cr.savepoint():
            stages[2].progress = 5
        self.env.invalidate_all()
        self.assertEqual(stages[2].progress, 30)
        with self.assertRaisesRegex(ValidationError, "between 0 and 100"):
            self.env["crm.stage"].create(
                {"name": "Beyond", "progress": 101, "team_id": self.other_team.id}
            )

    def test_template_progress_must_increase(self):
        line = self.env.ref("crm_custom.sales_process_funnel_5")
        with self.assertRaisesRegex(ValidationError, "lower progress"):
            line.progress = 1

    def test_pipeline_columns_show_progress(self):
        stage = self._load("crm_custom.sales_process_funnel", self.team)[2]
        self.assertEqual(
            stage.with_context(crm_show_stage_progress=True).display_name,
            "In-person meeting (30%)",
        )
        self.assertEqual(stage.display_name, "In-person meeting")
        self.own_lead.stage_id = stage
        # The pipeline action passes the flag: its kanban columns carry the progress.
        action_context = ast.literal_eval(self.env.ref("crm.crm_lead_action_pipeline").context)
        self.assertTrue(action_context.get("crm_show_stage_progress"))
        groups = (
            self.env["crm.lead"]
            .with_context(crm_show_stage_progress=True)
            .web_read_group([("id", "=", self.own_lead.id)], ["stage_id"], ["stage_id"])
        )
        names = dict(group["stage_id"] for group in groups["groups"])
        self.assertEqual(names[stage.id], "In-person meeting (30%)")

    def test_salesperson_cannot_load_or_edit_processes(self):
        with self.assertRaises(AccessError):
            self._load("crm_custom.sales_process_funnel", self.team, user=self.salesperson)
        with self.assertRaises(AccessError):
            self.env.ref("crm_custom.sales_process_funnel").with_user(self.salesperson).write(
                {"name": "Mine"}
            )
