# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class CrmProgressMixin(models.AbstractModel):
    """Records carrying a progress in percent: the stages of a pipeline or of
    a sales process template, the tasks of a workflow and their templates.
    The range is checked here, once, whatever the model."""

    _name = "crm.progress.mixin"
    _description = "Progress in Percent"

    progress = fields.Float(string="Progress (%)", digits=(5, 2))

    @api.constrains("progress")
    def _check_progress_range(self):
        for record in self:
            if not 0 <= record.progress <= 100:
                raise ValidationError(
                    _(
                        "The progress of “%(name)s” must be between 0 and 100 %%.",
                        name=record.display_name,
                    )
                )
