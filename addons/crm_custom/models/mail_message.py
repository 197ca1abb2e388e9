# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models

# Notification failures meaning nothing was sent (no or bad address, opt-out);
# a transport failure (SMTP) still was an attempt, shown as such in the chatter.
UNSENDABLE = {
    "mail_email_invalid",
    "mail_email_missing",
    "mail_bl",
    "mail_optout",
    "mail_dup",
    "sms_number_missing",
    "sms_number_format",
    "sms_blacklist",
    "sms_duplicate",
    "sms_optout",
}


class MailMessage(models.Model):
    """Entries of the customer history (messages, notes, calls) carry tags."""

    _name = "mail.message"
    _inherit = ["mail.message", "crm.tagged.mixin"]

    crm_tag_ids = fields.Many2many(
        "crm.tag",
        "mail_message_crm_tag_rel",
        "message_id",
        "tag_id",
        string="Tags",
        # mail.message reads as superuser (its fetch() is sudo), so record
        # rules do not hide others' personal tags: the field does, for the
        # reading user (env.uid stays the user under sudo).
        domain=lambda self: ["|", ("kind", "!=", "personal"), ("owner_id", "=", self.env.uid)],
        # The CRM vocabulary is internal: a portal customer reading his own
        # history does not get it (the chatter badges neither, see _extras_to_store).
        groups="base.group_user",
    )

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

    def _crm_tag_outgoing(self):
        """System tags for what the software sent to a customer, once the
        notifications exist: an SMS, or an email to a partner who is not an
        internal user (followers included, addresses missing excluded)."""
        self.ensure_one()
        if self.model not in self.env["crm.customer.history.mixin"]._crm_history_models():
            return
        # sudo: notifications of a message the current user just posted
        sent = self.sudo().notification_ids.filtered(
            lambda n: (
                n.failure_type not in UNSENDABLE
                and not n.res_partner_id.user_ids.filtered(lambda u: not u.share)
            )
        )
        codes = []
        # Notifications are still "ready" when the partner has no address:
        # the failure is only known when the mail queue runs.
        if sent.filtered(lambda n: n.notification_type == "email" and n.res_partner_id.email):
            codes.append("email_sent")
        if self.message_type == "sms" or sent.filtered(lambda n: n.notification_type == "sms"):
            codes.append("sms_sent")
        if codes:
            self._crm_apply_system_tags(codes)

    def _extras_to_store(self, store, format_reply):
        """Send the entries' tags to the chatter, which shows them as badges."""
        super()._extras_to_store(store, format_reply=format_reply)
        user = self.env.user
        if not user._is_internal():
            return
        # sudo: tags of a readable message; others' personal tags stay hidden
        for message in self.sudo().filtered("crm_tag_ids"):
            tags = message.crm_tag_ids.filtered(
                lambda t: t.kind != "personal" or t.owner_id == user
            )
            store.add(
                self.browse(message.id),
                {"crmTags": [{"id": tag.id, "name": tag.name, "color": tag.color} for tag in tags]},
            )
