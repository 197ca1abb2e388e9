# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import _, api, fields, models
from odoo.exceptions import UserError


class CrmLeadLost(models.TransientModel):
    """Lost reasons as tags; Odoo's lost reason follows the first linked tag."""

    _inherit = "crm.lead.lost"

    reason_tag_ids = fields.Many2many(
        "crm.tag",
        "crm_lead_lost_wizard_tag_rel",
        "wizard_id",
        "tag_id",
        string="Lost Reason Tags",
        domain=[("is_lost_reason", "=", True)],
        help="Why the opportunity was lost, among the tags offered as lost reasons. "
        "The first one linked to an Odoo lost reason sets the Lost Reason when none "
        "is chosen.",
    )

    @api.onchange("reason_tag_ids")
    def _onchange_reason_tag_ids(self):
        if self.reason_tag_ids and not self.lost_reason_id:
            self.lost_reason_id = self._crm_main_lost_reason()

    def _crm_main_lost_reason(self):
        """Odoo lost reason of the first reason tag linked to one. Never
        created here: one per pick would fill Odoo's list with copies of the
        tags; a moderator links each lost-reason tag to its Odoo reason."""
        linked = self.reason_tag_ids.sudo().filtered("lost_reason_id")
        return linked[:1].lost_reason_id

    def action_lost_reason_apply(self):
        self.ensure_one()
        if not self.reason_tag_ids and not self.lost_reason_id:
            raise UserError(_("Give at least one reason why the opportunity was lost."))
        if self.reason_tag_ids:
            self.lead_ids.write(
                {"lost_reason_tag_ids": [fields.Command.set(self.reason_tag_ids.ids)]}
            )
            if not self.lost_reason_id:
                self.lost_reason_id = self._crm_main_lost_reason()
        return super().action_lost_reason_apply()
