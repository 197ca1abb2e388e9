# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import html2plaintext, plaintext2html


class CrmCustomerEventLog(models.TransientModel):
    """Log a customer event ("parcel posted, tracking number …") with tags."""

    _name = "crm.customer.event.log"
    _description = "Log Customer Event"

    res_model = fields.Char(string="Document Model", required=True)
    res_id = fields.Many2oneReference(string="Document", model_field="res_model", required=True)
    tag_ids = fields.Many2many(
        "crm.tag",
        "crm_customer_event_log_tag_rel",
        "wizard_id",
        "tag_id",
        string="Tags",
        help="Tags of the event, e.g. “Parcel posted”. Tags the software applies "
        "itself (calls, emails sent) are not offered.",
        domain=[("kind", "!=", "system")],
    )
    body = fields.Text(
        string="What happened",
        required=True,
        help="e.g. Parcel posted, tracking number RR123456789IR.",
    )

    @api.model
    def _crm_open_for(self, record):
        record.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Log Customer Event"),
            "res_model": self._name,
            "view_mode": "form",
            "target": "new",
            "context": {"default_res_model": record._name, "default_res_id": record.id},
        }

    def action_log(self):
        self.ensure_one()
        if self.res_model not in self.env["crm.customer.history.mixin"]._crm_history_models():
            raise UserError(_("Customer events are logged on contacts and leads only."))
        if not html2plaintext(self.body or "").strip():
            raise UserError(_("Describe the event before logging it."))
        record = self.env[self.res_model].browse(self.res_id).exists()
        if not record:
            raise UserError(_("The record of this event no longer exists."))
        record.check_access("write")
        # before posting: a refused tag must not leave an untagged entry
        self.env["crm.tag"]._crm_check_usable(self.tag_ids)
        message = record.message_post(
            body=Markup(plaintext2html(self.body)),
            message_type="comment",
            subtype_xmlid="mail.mt_note",
        )
        message.crm_tag_ids = [fields.Command.link(tag.id) for tag in self.tag_ids]
        return {"type": "ir.actions.act_window_close"}
