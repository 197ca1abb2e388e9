# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models

# The records whose chatter is the customer history.
CUSTOMER_HISTORY_MODELS = ("res.partner", "crm.lead")


class MailMessage(models.Model):
    """Entries of the customer history (messages, notes, calls) carry tags."""

    _inherit = "mail.message"

    crm_tag_ids = fields.Many2many(
        "crm.tag",
        "mail_message_crm_tag_rel",
        "message_id",
        "tag_id",
        string="Tags",
    )

    @api.model_create_multi
    def create(self, vals_list):
        self.env["crm.tag"]._crm_guard_write(self.browse(), vals_list, ("crm_tag_ids",))
        return super().create(vals_list)

    def write(self, vals):
        self.env["crm.tag"]._crm_guard_write(self, [vals], ("crm_tag_ids",))
        return super().write(vals)

    def _crm_apply_system_tags(self, codes):
        """Tag these history entries with the system tags of ``codes``.

        The one hook every part of the suite calls when the software itself
        records a customer event (email or SMS sent, call made or received).
        Returns the system tags found for ``codes``.
        """
        tags = self.env["crm.tag"]._crm_system_tags(codes)
        if tags and self:
            self.sudo().write({"crm_tag_ids": [fields.Command.link(tag.id) for tag in tags]})
        return tags

    def _crm_tag_outgoing(self, msg_values):
        """System tags for what the software sends to a customer: an SMS, or an
        email (a message, not an internal note, with partner recipients)."""
        self.ensure_one()
        if self.model not in CUSTOMER_HISTORY_MODELS:
            return
        if self.message_type == "sms":
            self._crm_apply_system_tags(["sms_sent"])
        elif (
            self.message_type in ("comment", "email_outgoing")
            and self.partner_ids
            and not self.subtype_id.internal
            and self.subtype_id
        ):
            self._crm_apply_system_tags(["email_sent"])

    def _to_store(self, store, /, *, fields=None, **kwargs):
        """Send the entry's tags to the chatter, which shows them as badges."""
        super()._to_store(store, fields=fields, **kwargs)
        # sudo: tags of a readable message; others' personal tags stay hidden
        user = self.env.user
        for message in self.sudo().filtered("crm_tag_ids"):
            tags = message.crm_tag_ids.filtered(
                lambda t: t.kind != "personal" or t.owner_id == user
            )
            store.add(
                self.browse(message.id),
                {"crmTags": [{"id": tag.id, "name": tag.name, "color": tag.color} for tag in tags]},
            )
