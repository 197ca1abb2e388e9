# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models


class CrmSalesProcessLoad(models.TransientModel):
    _name = "crm.sales.process.load"
    _description = "Load a Sales Process into a Sales Team"

    process_id = fields.Many2one("crm.sales.process", string="Sales process", required=True)
    team_id = fields.Many2one("crm.team", string="Sales team", required=True)
    stage_preview = fields.Text(compute="_compute_stage_preview", string="Stages")

    @api.depends("process_id")
    def _compute_stage_preview(self):
        for wizard in self:
            wizard.stage_preview = "\n".join(
                f"{line.name} — {line.progress:g}%" for line in wizard.process_id.stage_line_ids
            )

    def action_load(self):
        self.ensure_one()
        self.process_id._load_into_team(self.team_id)
        action = self.env["ir.actions.actions"]._for_xml_id("crm.crm_lead_action_pipeline")
        action["context"] = {
            "default_type": "opportunity",
            "default_team_id": self.team_id.id,
            "search_default_team_id": self.team_id.id,
            "crm_show_stage_progress": True,
        }
        return action
