# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""A public form's posts wake the jobs they need once, not once per post."""

from datetime import timedelta

from odoo import fields
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestCoalescedCronTriggers(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cron = cls.env.ref("base.autovacuum_job")
        cls.Trigger = cls.env["ir.cron.trigger"]

    def _triggers(self, cron):
        return self.Trigger.search_count([("cron_id", "=", cron.id)])

    def test_a_due_trigger_waiting_is_enough(self):
        coalescing = self.cron.with_context(crm_coalesce_cron_triggers=True)
        self.Trigger.search([("cron_id", "=", self.cron.id)]).unlink()
        coalescing._trigger()
        coalescing._trigger()
        self.assertEqual(self._triggers(self.cron), 1, "the job runs once for both")
        later = fields.Datetime.now() + timedelta(hours=2)
        coalescing._trigger(later)
        self.assertEqual(self._triggers(self.cron), 2, "a later run is still asked for")

    def test_without_the_context_odoo_adds_every_trigger(self):
        self.Trigger.search([("cron_id", "=", self.cron.id)]).unlink()
        self.cron._trigger()
        self.cron._trigger()
        self.assertEqual(self._triggers(self.cron), 2)

    def test_form_posts_wake_lead_enrichment_once(self):
        enrichment = self.env.ref("crm_iap_enrich.ir_cron_lead_enrichment", False)
        if not enrichment:
            self.skipTest("crm_iap_enrich is not installed")
        self.env["ir.config_parameter"].set_param("crm.iap.lead.enrich.setting", "auto")
        enrichment.active = True
        self.Trigger.search([("cron_id", "=", enrichment.id)]).unlink()
        public = self.env.ref("base.public_user")
        request_type = self.env["crm.portal.request.type"].create(
            {
                "name": "Trigger type",
                "create_lead": True,
                "stage_ids": [(0, 0, {"name": "Received", "sequence": 1})],
            }
        )
        form = self.env["crm.portal.form"].create(
            {"name": "Trigger form", "type_id": request_type.id, "is_published": True}
        )
        form = form.with_user(public).sudo()
        for index in range(3):
            params = {"contact_name": "Visitor", "contact_email": f"v{index}@example.com"}
            submission = form._submit(params, {}, public, "en_US", "127.0.0.1")
            self.assertTrue(submission.lead_id)
        self.assertEqual(self._triggers(enrichment), 1)
