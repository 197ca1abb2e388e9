# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import re

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

# An extension, optionally with the tenant of a multi-tenant PBX: chan_sip and
# PJSIP peers named <extension>-<tenant> ("SIP/9170-12-0000003c").
EXTENSION_PATTERN = re.compile(r"^\d{1,10}(-[A-Za-z0-9_]{1,32})?$")


class ResUsers(models.Model):
    _inherit = "res.users"

    pbx_extension = fields.Char(
        string="PBX Extension",
        groups="base.group_user",
        index="btree_not_null",
        copy=False,
        help="The extension of this user's phone on the company PBX. When it "
        "rings, this user - and only this user - sees who is calling.",
    )

    crm_dial_on_mobile = fields.Boolean(
        string="Dial on My Mobile",
        groups="base.group_user",
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
        # Agents keep their own extension up to date from their preferences;
        # portal users and employees who take no calls cannot make themselves agents.
        fields_ = super().SELF_WRITEABLE_FIELDS
        if self.env.user._crm_is_telephony_agent():
            fields_ = fields_ + ["pbx_extension", "crm_dial_on_mobile"]
        return fields_

    def _crm_is_telephony_agent(self):
        """Sales and support take calls (the roles table); nobody else does."""
        self.ensure_one()
        return not self.share and (
            self.has_group("sales_team.group_sale_salesman")
            or self.has_group("crm_custom.group_crm_support")
        )

    @api.constrains("pbx_extension")
    def _check_pbx_extension(self):
        for user in self.filtered("pbx_extension"):
            if not EXTENSION_PATTERN.match(user.pbx_extension):
                raise ValidationError(
                    _(
                        "The PBX extension of %(user)s must be digits, optionally followed by "
                        "a dash and the PBX tenant, like 21, 1986 or 9170-12.",
                        user=user.name,
                    )
                )
            if not user._crm_is_telephony_agent():
                raise ValidationError(
                    _(
                        "%(user)s cannot have a PBX extension: only internal users of sales "
                        "or support take calls in the CRM.",
                        user=user.name,
                    )
                )
