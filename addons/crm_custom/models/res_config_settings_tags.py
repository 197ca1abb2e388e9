# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
# Tag moderation settings (kept apart from res_config_settings.py).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    # Stored as "approval required" (off by default): Odoo deletes a boolean
    # parameter that is switched off, so the absent value must mean the default.
    crm_tag_approval_required = fields.Boolean(
        string="Proposed tags wait for approval",
        config_parameter="crm_custom.tag_approval_required",
        help="When on, a tag proposed by a user can only be used by that user "
        "until a tag moderator approves it; when off, everyone can use it at once.",
    )
    crm_tag_max_words = fields.Integer(
        string="Maximum words per tag",
        config_parameter="crm_custom.tag_max_words",
        default=3,
        help="Longer tags are refused: tags are keywords, descriptions go in notes.",
    )

    @api.constrains("crm_tag_max_words")
    def _check_crm_tag_max_words(self):
        for settings in self:
            if settings.crm_tag_max_words < 1:
                raise ValidationError(_("A tag has at least one word."))
