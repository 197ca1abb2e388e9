# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models


class CrmTaggedMixin(models.AbstractModel):
    """Records that carry tags of the CRM vocabulary.

    Whatever the way a tag is written (form, import, RPC), a user may only
    apply the tags he may use: not another user's personal tag, not a system
    tag, not a proposal waiting for approval when approval is required, and
    as a lost reason only a tag offered as one. The tag model says which tags
    are usable (``crm.tag._crm_check_usable``); this mixin finds the tags a
    write adds and asks it.
    """

    _name = "crm.tagged.mixin"
    _description = "Records carrying CRM tags"

    # The many2many fields to crm.tag that the guard checks.
    _crm_guarded_tag_fields = ("crm_tag_ids",)
    # Those of them that take only the tags offered as lost reasons.
    _crm_lost_reason_tag_fields = ()

    @api.model_create_multi
    def create(self, vals_list):
        self.browse()._crm_guard_tags(vals_list)
        return super().create(vals_list)

    def write(self, vals):
        self._crm_guard_tags([vals])
        return super().write(vals)

    def _crm_guard_tags(self, vals_list):
        """Refuse the values that add to ``self`` tags the user may not use."""
        if self.env.su:
            return
        Tag = self.env["crm.tag"]
        for vals in vals_list:
            for fname in self._crm_guarded_tag_fields:
                if fname in vals:
                    added = self._crm_added_tags(fname, vals[fname])
                    Tag._crm_check_usable(added)
                    if fname in self._crm_lost_reason_tag_fields:
                        Tag._crm_check_lost_reasons(added)

    def _crm_added_tags(self, fname, commands):
        """Tags the ``commands`` add to the records' ``fname`` (ids only)."""
        added = set()
        current = set(self.sudo().mapped(fname).ids) if self else set()
        for command in commands or []:
            if not isinstance(command, (list, tuple)):
                added.add(command)
            elif command[0] == fields.Command.LINK:
                added.add(command[1])
            elif command[0] == fields.Command.SET:
                added.update(set(command[2]) - current)
        return self.env["crm.tag"].browse(added).exists()
