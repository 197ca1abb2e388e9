# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models


class CrmSalesProcessStage(models.Model):
    _name = "crm.sales.process.stage"
    _inherit = ["crm.progress.mixin"]
    _description = "Stage of a Sales Process Template"
    _order = "sequence, id"

    process_id = fields.Many2one("crm.sales.process", required=True, ondelete="cascade", index=True)
    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    is_won = fields.Boolean(string="Won stage")
    fold = fields.Boolean(string="Folded in pipeline")
    requirements = fields.Text(translate=True)

    @api.constrains("progress", "sequence")
    def _check_progress_order(self):
        self.process_id._check_stage_lines()

    def _stage_values(self, team):
        return {
            "name": self.name,
            "sequence": self.sequence,
            "progress": self.progress,
            "is_won": self.is_won,
            "fold": self.fold,
            "requirements": self.requirements,
            "team_id": team.id,
        }

    def _copy_name_translations(self, stage):
        translations = self._fields["name"]._get_stored_translations(self) or {}
        stage.update_field_translations(
            "name", {lang: value for lang, value in translations.items() if lang != "en_US"}
        )
