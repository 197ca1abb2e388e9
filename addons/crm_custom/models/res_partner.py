# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models


class ResPartner(models.Model):
    _inherit = "res.partner"

    def action_crm_log_customer_event(self):
        return self.env["crm.customer.event.log"]._crm_open_for(self)

    def _notify_thread(self, message, msg_vals=False, **kwargs):
        recipients = super()._notify_thread(message, msg_vals=msg_vals, **kwargs)
        message._crm_tag_outgoing()
        return recipients
