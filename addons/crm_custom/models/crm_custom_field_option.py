# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import re

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from .crm_custom_field import slug_from_label, unique_name

OPTION_VALUE = re.compile(r"^[a-z0-9_]+$")


class CrmCustomFieldOption(models.Model):
    """One option of a custom selection field."""

    _name = "crm.custom.field.option"
    _description = "Option of a Custom Selection Field"
    _order = "sequence, id"

    custom_field_id = fields.Many2one(
        "crm.custom.field", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Label", required=True, translate=True)
    value = fields.Char(
        required=True,
        help="Stored value: lowercase letters, digits and underscores; used by "
        "imports and filters.",
    )

    _sql_constraints = [
        (
            "value_uniq",
            "UNIQUE(custom_field_id, value)",
            "Two options of a field cannot share a value.",
        ),
    ]

    @api.onchange("name")
    def _onchange_name_value(self):
        if self.name and not self.value:
            siblings = self.custom_field_id.option_ids - self
            base = slug_from_label(self.name) or f"option_{len(siblings) + 1}"
            self.value = unique_name(base, set(siblings.mapped("value")))

    @api.constrains("value")
    def _check_value(self):
        for option in self:
            if not OPTION_VALUE.match(option.value or ""):
                raise ValidationError(
                    _(
                        "The value “%(value)s” of option “%(label)s” may use only lowercase "
                        "letters, digits and underscores.",
                        value=option.value,
                        label=option.name,
                    )
                )
