# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import _, api, fields, models
from odoo.exceptions import UserError


class CrmLeadLost(models.TransientModel):
    """Lost reasons as tags; Odoo's lost reason follows the main (first) tag."""

    _inherit = "crm.lead.lost"

    reason_tag_ids = fields.Many2many(
        "crm.tag",
        "crm_lead_lost_wizard_tag_rel",
        "wizard_id",
        "tag_id",
        string="Reason Tags",
        help="Why the opportunity was lost. The first tag is the main reason and "
        "sets the lost reason of the opportunity when none is chosen.",
    )

    @api.onchange("reason_tag_ids")
    def _onchange_reason_tag_ids(self):
        if self.reason_tag_ids and not self.lost_reason_id:
            self.lost_reason_id = self.reason_tag_ids[0].lost_reason_id

    def _crm_main_lost_reason(self):
        """Odoo lost reason of the main tag: its mapped reason, else one of the
        same name (created if missing) so reports on lost_reason_id still work."""
        tag = self.reason_tag_ids[:1].sudo()
        if not tag:
            return self.env["crm.lost.reason"]
        if tag.lost_reason_id:
            return tag.lost_reason_id
        Reason = self.env["crm.lost.reason"].sudo()
        reason = Reason.search([("name", "=ilike", tag.name)], limit=1) or Reason.create(
            {"name": tag.name}
        )
        tag.lost_reason_id = reason
        return reason

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
