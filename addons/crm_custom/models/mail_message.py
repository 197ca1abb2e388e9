# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


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

    def _crm_apply_system_tags(self, codes):
        """Tag these history entries with the system tags of ``codes``.

        The one hook every part of the suite calls when the software itself
        records a customer event (email or SMS sent, call made or received).
        """
        tags = self.env["crm.tag"]._crm_system_tags(codes)
        if tags:
            self.sudo().write({"crm_tag_ids": [fields.Command.link(tag.id) for tag in tags]})
        return tags
