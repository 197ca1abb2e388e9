# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class ResUsers(models.Model):
    _inherit = "res.users"

    pbx_extension = fields.Char(
        string="PBX Extension",
        index="btree_not_null",
        copy=False,
        help="The extension of this user's phone on the company PBX. When it "
        "rings, this user - and only this user - sees who is calling.",
    )

    crm_dial_on_mobile = fields.Boolean(
        string="Dial on My Mobile",
        help="Dial buttons send the number to your mobile app instead of ringing your "
        "desk phone through the PBX.",
    )

    _sql_constraints = [
        (
            "pbx_extension_unique",
            "UNIQUE(pbx_extension)",
            "Each PBX extension can belong to one user only.",
        ),
    ]

    @property
    def SELF_READABLE_FIELDS(self):
        return super().SELF_READABLE_FIELDS + ["pbx_extension", "crm_dial_on_mobile"]

    @property
    def SELF_WRITEABLE_FIELDS(self):
        # Agents keep their own extension up to date from their preferences.
        return super().SELF_WRITEABLE_FIELDS + ["pbx_extension", "crm_dial_on_mobile"]

    @api.constrains("pbx_extension")
    def _check_pbx_extension(self):
        for user in self.filtered("pbx_extension"):
            if not user.pbx_extension.isdigit():
                raise ValidationError(
                    _(
                        "The PBX extension of %(user)s must contain digits only, like 21 or 1986.",
                        user=user.name,
                    )
                )
