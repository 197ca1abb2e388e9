# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class CrmStage(models.Model):
    _inherit = "crm.stage"

    progress = fields.Float(
        string="Progress (%)",
        digits=(5, 2),
        default=0.0,
        help="How far along the sales process a lead in this stage is, from 0 "
        "to 100. In a workflow-driven team, a lead whose workflow progress is "
        "above the previous stage's progress and up to this one is in this stage.",
    )

    @api.constrains("progress")
    def _check_progress_range(self):
        for stage in self:
            if not 0 <= stage.progress <= 100:
                raise ValidationError(
                    _(
                        "The progress of stage %(stage)s must be between 0 and 100 %%.",
                        stage=stage.name,
                    )
                )
