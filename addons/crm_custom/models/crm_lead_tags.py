# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
# The tag side of crm.lead (kept apart from crm_lead.py, which other topics extend).
from odoo import _, api, fields, models


class CrmLead(models.Model):
    _inherit = "crm.lead"

    lost_reason_tag_ids = fields.Many2many(
        "crm.tag",
        "crm_lead_lost_reason_tag_rel",
        "lead_id",
        "tag_id",
        string="Lost Reasons",
        help="Why the opportunity was lost, as tags of the common vocabulary.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        self.env["crm.tag"]._crm_guard_write(
            self.browse(), vals_list, ("tag_ids", "lost_reason_tag_ids")
        )
        return super().create(vals_list)

    def write(self, vals):
        self.env["crm.tag"]._crm_guard_write(self, [vals], ("tag_ids", "lost_reason_tag_ids"))
        return super().write(vals)

    def action_crm_log_customer_event(self):
        return self.env["crm.customer.event.log"]._crm_open_for(self)

    def _notify_thread(self, message, msg_vals=False, **kwargs):
        recipients = super()._notify_thread(message, msg_vals=msg_vals, **kwargs)
        message._crm_tag_outgoing()
        return recipients

    def action_view_tag_lost_reasons(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Lost Reasons"),
            "res_model": "crm.tag",
            "view_mode": "list,form",
            "domain": [("id", "in", self.lost_reason_tag_ids.ids)],
        }
