# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

LEAD_VISIBILITY = [
    ("own", "Only their own leads (and unassigned ones)"),
    ("team", "The leads of their sales teams"),
    ("all", "All leads"),
]


class CrmSettingsMixin(models.AbstractModel):
    """The CRM's settings, shared by Odoo's *Settings* (administrators) and
    *CRM › Configuration › CRM Settings* (sales managers and configurators):
    one definition, one storage (the groups of the Sales / User role and
    ``ir.config_parameter``)."""

    _name = "crm.settings.mixin"
    _description = "CRM Settings (fields)"

    crm_lead_visibility = fields.Selection(
        LEAD_VISIBILITY,
        string="Salespeople see",
        required=True,
        default="own",
        help="Which leads the members of the Sales / User role can see and edit. "
        "Sales managers always see every lead.",
    )
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

    def _valid_field_parameter(self, field, name):
        # As on res.config.settings: the parameter a setting is stored in.
        return name == "config_parameter" or super()._valid_field_parameter(field, name)

    @api.constrains("crm_tag_max_words")
    def _check_crm_tag_max_words(self):
        for settings in self:
            if settings.crm_tag_max_words < 1:
                raise ValidationError(_("A tag has at least one word."))
