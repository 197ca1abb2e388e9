# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, models


class CrmCustomerHistoryMixin(models.AbstractModel):
    """Records whose chatter is the customer history (contacts and leads):
    staff log customer events on them, and what the software sends from
    them to a customer (email, SMS) is tagged with the system tags."""

    _name = "crm.customer.history.mixin"
    # Inherits the thread so that its _notify_thread comes before the
    # thread's own in the records' method order.
    _inherit = ["mail.thread"]
    _description = "Customer History"

    # Read by mail.message: entries of these records' chatter are the
    # customer history.
    _crm_customer_history = True

    @api.model
    def _crm_history_models(self):
        """Names of the models whose chatter is the customer history."""
        return tuple(
            sorted(
                name
                for name, model in self.env.registry.items()
                if not model._abstract and getattr(model, "_crm_customer_history", False)
            )
        )

    def action_crm_log_customer_event(self):
        return self.env["crm.customer.event.log"]._crm_open_for(self)

    def _notify_thread(self, message, msg_vals=False, **kwargs):
        recipients = super()._notify_thread(message, msg_vals=msg_vals, **kwargs)
        message._crm_tag_outgoing()
        return recipients
