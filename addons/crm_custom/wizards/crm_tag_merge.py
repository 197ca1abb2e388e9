# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import _, api, fields, models
from odoo.exceptions import UserError


class CrmTagMerge(models.TransientModel):
    """Replace one or several tags by an existing one, everywhere."""

    _name = "crm.tag.merge"
    _description = "Replace Tags"

    source_tag_ids = fields.Many2many(
        "crm.tag",
        "crm_tag_merge_source_rel",
        "wizard_id",
        "tag_id",
        string="Tags to Replace",
        required=True,
    )
    target_tag_id = fields.Many2one(
        "crm.tag",
        string="Replace By",
        required=True,
        domain="[('id', 'not in', source_tag_ids), ('kind', '!=', 'system'), "
        "'|', ('kind', '=', 'public'), ('owner_id', '=', personal_owner_id)]",
    )
    personal_owner_id = fields.Many2one(
        "res.users",
        compute="_compute_personal_owner_id",
        help="The owner of the tags replaced when they are all his personal tags: "
        "only then may one of his personal tags be kept.",
    )
    suggested_tag_names = fields.Char(
        compute="_compute_suggested_tag_names", string="Similar Existing Tags"
    )

    @api.depends("source_tag_ids")
    def _compute_personal_owner_id(self):
        for wizard in self:
            sources = wizard.source_tag_ids
            owner = sources.owner_id
            all_personal = sources and all(tag.kind == "personal" for tag in sources)
            wizard.personal_owner_id = owner if all_personal and len(owner) == 1 else False

    @api.depends("source_tag_ids")
    def _compute_suggested_tag_names(self):
        for wizard in self:
            wizard.suggested_tag_names = ", ".join(
                name for name in wizard.source_tag_ids.mapped("similar_tag_names") if name
            )

    @api.onchange("source_tag_ids")
    def _onchange_source_tag_ids(self):
        # Offer the most similar existing tag as the one to keep.
        if self.source_tag_ids and not self.target_tag_id:
            similar = self.env["crm.tag"]._crm_similar_tags(
                self.source_tag_ids[0].name,
                exclude=self.source_tag_ids._origin,
                limit=1,
                domain=self.env["crm.tag"]._crm_merge_target_domain(self.source_tag_ids._origin),
            )
            self.target_tag_id = similar

    def action_merge(self):
        self.ensure_one()
        self.env["crm.tag"]._crm_check_moderator()
        if self.target_tag_id in self.source_tag_ids:
            raise UserError(_("The tag kept cannot also be one of the tags replaced."))
        target = self.source_tag_ids._crm_merge_into(self.target_tag_id)
        return {
            "type": "ir.actions.act_window",
            "res_model": "crm.tag",
            "res_id": target.id,
            "view_mode": "form",
            "target": "current",
        }
