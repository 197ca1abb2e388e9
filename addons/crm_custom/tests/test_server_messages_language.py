# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import tagged

from .test_workflow_pipeline import WorkflowCase


@tagged("post_install", "-at_install")
class TestServerMessagesLanguage(WorkflowCase):
    """Lines the server writes in the chatter are in the language of who reads
    them (the lead's salesperson), not of who caused them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("fa_IR")
        cls.salesperson.lang = "fa_IR"
        cls.sales_manager.lang = "en_US"

    def test_workflow_move_is_written_for_the_salesperson(self):
        lead = self._wf_lead()
        self._done(lead, 10, 20, 25, user=self.sales_manager)
        bodies = lead.message_ids.mapped("body")
        self.assertTrue(any("گردش کار" in body for body in bodies), bodies)
        self.assertFalse(any("Moved by the workflow" in body for body in bodies))

    def test_status_change_note_is_written_for_the_owner(self):
        lead = self.own_lead
        lead.with_user(self.sales_manager).write(
            {"status_id": self.env.ref("crm_custom.lead_status_hot").id}
        )
        note = lead.message_ids.filtered(lambda m: self.sales_manager.name in (m.body or ""))
        self.assertEqual(len(note), 1)
        self.assertIn("وضعیت سرنخ شما", note.body)
