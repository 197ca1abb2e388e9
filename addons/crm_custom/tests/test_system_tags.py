# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.exceptions import ValidationError
from odoo.tests import tagged
from odoo.tests.common import TransactionCase


@tagged("post_install", "-at_install")
class TestSystemTagsAndProgress(TransactionCase):
    def test_system_tags_applied_to_history_entry(self):
        partner = self.env["res.partner"].create({"name": "Tagged customer"})
        message = partner.message_post(body="Called the customer", message_type="comment")
        tags = message._crm_apply_system_tags(["outgoing_call", "no_such_code"])
        self.assertEqual(tags, self.env.ref("crm_custom.crm_tag_system_outgoing_call"))
        self.assertEqual(message.crm_tag_ids, tags)

    def test_stage_progress_must_be_a_percentage(self):
        team = self.env["crm.team"].create({"name": "Progress team"})
        stage = self.env["crm.stage"].create(
            {"name": "Send proposal", "progress": 50, "team_id": team.id}
        )
        for wrong in (-1, 100.5):
            with self.assertRaisesRegex(ValidationError, "between 0 and 100"), self.cr.savepoint():
                stage.progress = wrong
