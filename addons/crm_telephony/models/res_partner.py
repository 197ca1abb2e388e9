# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models

# Accountants read partners and leads but not calls: keep them off these fields.
CALL_READERS = "sales_team.group_sale_salesman,crm_custom.group_crm_support"


class ResPartner(models.Model):
    _name = "res.partner"
    _inherit = ["res.partner", "crm.phone.e164.mixin"]

    crm_phone_call_ids = fields.One2many(
        "crm.phone.call", "partner_id", string="Call Log", groups=CALL_READERS
    )
    crm_phone_call_count = fields.Integer(
        string="Calls", compute="_compute_crm_phone_call_count", groups=CALL_READERS
    )

    def write(self, vals):
        result = super().write(vals)
        if "country_id" in vals and (
            self.env["res.company"].sudo().search_count([("partner_id", "in", self.ids)], limit=1)
        ):
            # A company's country is the country of its stored numbers that
            # have none: read again those that could not be parsed before.
            self._crm_request_renormalize()
        return result

    def _compute_crm_phone_call_count(self):
        counts = dict(
            self.env["crm.phone.call"]._read_group(
                [("partner_id", "in", self.ids)], ["partner_id"], ["__count"]
            )
        )
        for partner in self:
            partner.crm_phone_call_count = counts.get(partner._origin, 0)

    def action_crm_phone_calls(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_telephony.crm_phone_call_action"
        )
        action["domain"] = [("partner_id", "=", self.id)]
        action["context"] = {"default_partner_id": self.id}
        return action
