# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, models


class CrmTaggedMixin(models.AbstractModel):
    """Records that carry tags of the CRM vocabulary.

    Whatever the way a tag is written (form, import, RPC), a user may only
    apply the tags he may use: not another user's personal tag, not a system
    tag, not a proposal waiting for approval when approval is required, and
    as a lost reason only a tag offered as one.
    """

    _name = "crm.tagged.mixin"
    _description = "Records carrying CRM tags"

    # The many2many fields to crm.tag that the guard checks.
    _crm_guarded_tag_fields = ("crm_tag_ids",)
    # Those of them that take only the tags offered as lost reasons.
    _crm_lost_reason_tag_fields = ()

    @api.model_create_multi
    def create(self, vals_list):
        self.env["crm.tag"]._crm_guard_write(
            self.browse(), vals_list, self._crm_guarded_tag_fields, self._crm_lost_reason_tag_fields
        )
        return super().create(vals_list)

    def write(self, vals):
        self.env["crm.tag"]._crm_guard_write(
            self, [vals], self._crm_guarded_tag_fields, self._crm_lost_reason_tag_fields
        )
        return super().write(vals)
