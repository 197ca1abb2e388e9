# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models

# Accountants read partners and leads but not calls: keep them off these fields.
CALL_READERS = "sales_team.group_sale_salesman,crm_custom.group_crm_support"


class CrmLead(models.Model):
    _name = "crm.lead"
    _inherit = ["crm.lead", "crm.phone.e164.mixin"]

    crm_phone_call_ids = fields.One2many(
        "crm.phone.call", "lead_id", string="Call Log", groups=CALL_READERS
    )
    crm_phone_call_count = fields.Integer(
        string="Calls", compute="_compute_crm_phone_call_count", groups=CALL_READERS
    )

    def _compute_crm_phone_call_count(self):
        counts = dict(
            self.env["crm.phone.call"]._read_group(
                [("lead_id", "in", self.ids)], ["lead_id"], ["__count"]
            )
        )
        for lead in self:
            lead.crm_phone_call_count = counts.get(lead._origin, 0)

    def action_crm_phone_calls(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_telephony.crm_phone_call_action"
        )
        action["domain"] = [("lead_id", "=", self.id)]
        action["context"] = {"default_lead_id": self.id, "default_partner_id": self.partner_id.id}
        return action
