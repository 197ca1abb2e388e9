# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class CrmLead(models.Model):
    _inherit = "crm.lead"

    portal_request_ids = fields.One2many(
        "crm.portal.request", "lead_id", string="Customer Requests"
    )
    portal_request_count = fields.Integer(compute="_compute_portal_request_count")

    def _compute_portal_request_count(self):
        counts = dict(
            self.env["crm.portal.request"]._read_group(
                [("lead_id", "in", self.ids)], ["lead_id"], ["__count"]
            )
        )
        for lead in self:
            lead.portal_request_count = counts.get(lead, 0)

    def write(self, vals):
        res = super().write(vals)
        if "stage_id" in vals:
            self._crm_portal_follow_stage()
        return res

    def _crm_portal_follow_stage(self):
        """Open requests of these leads enter the stage of their type that
        follows the lead's new stage, if any (sudo: the workflow moves leads
        for whoever completed a task, a customer included)."""
        requests = self.sudo().portal_request_ids.filtered(lambda r: not r.is_closed)
        for request in requests:
            target = request.type_id.stage_ids.filtered(
                lambda s, lead=request.lead_id: s.crm_stage_id == lead.stage_id
            )[:1]
            if target and target != request.stage_id:
                request.stage_id = target

    def action_open_portal_requests(self):
        self.ensure_one()
        action = self.env["ir.actions.actions"]._for_xml_id("crm_portal.crm_portal_request_action")
        action["domain"] = [("lead_id", "=", self.id)]
        action["context"] = {"default_lead_id": self.id, "default_partner_id": self.partner_id.id}
        return action
