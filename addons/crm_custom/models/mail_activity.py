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
    )

    def _action_done(self, feedback=False, attachment_ids=None):
        # Read before super() deletes the activities; Odoo posts one message
        # per activity, in the order of _classify_by_model.
        tags_by_record = {
            (activity.res_model, activity.res_id): activity.crm_tag_ids
            for activity in self
            if activity.crm_tag_ids
        }
        messages, next_activities = super()._action_done(
            feedback=feedback, attachment_ids=attachment_ids
        )
        if tags_by_record:
            for message in messages.sudo():
                tags = tags_by_record.get((message.model, message.res_id))
                if tags:
                    message.crm_tag_ids = [fields.Command.link(tag.id) for tag in tags]
        return messages, next_activities
