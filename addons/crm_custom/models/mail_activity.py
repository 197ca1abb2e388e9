# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class MailActivity(models.Model):
    """Activities (workflow tasks) carry tags; done activities are deleted, so
    their tags move onto the "done" message of the history."""

    _name = "mail.activity"
    _inherit = ["mail.activity", "crm.tagged.mixin"]

    crm_tag_ids = fields.Many2many(
        "crm.tag",
        "mail_activity_crm_tag_rel",
        "activity_id",
        "tag_id",
        string="CRM Tags",
        groups="base.group_user",
    )

    def _crm_done_tags(self):
        """Tags the "done" message of this activity gets: its own, and for a
        Call activity the call tag, as the telephony addon tags the calls it
        logs (a planned call is one the salesperson makes)."""
        self.ensure_one()
        tags = self.crm_tag_ids
        if self.activity_category == "phonecall":
            tags |= self.env["crm.tag"]._crm_system_tags(["outgoing_call"])
        return tags

    def _action_done(self, feedback=False, attachment_ids=None):
        # Read before super() deletes the activities; Odoo posts one message
        # per activity, in the order of _classify_by_model.
        tags_by_record = {}
        for activity in self:
            tags = activity.sudo()._crm_done_tags()
            if tags:
                key = (activity.res_model, activity.res_id)
                tags_by_record[key] = tags_by_record.get(key, tags.browse()) | tags
        messages, next_activities = super()._action_done(
            feedback=feedback, attachment_ids=attachment_ids
        )
        if tags_by_record:
            # sudo: the software applies the call tag, which users may not
            for message in messages.sudo():
                tags = tags_by_record.get((message.model, message.res_id))
                if tags:
                    message.crm_tag_ids = [fields.Command.link(tag.id) for tag in tags]
        return messages, next_activities
