# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import CrmRolesCase


@tagged("post_install", "-at_install")
class TestLeadStatus(CrmRolesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.hot = cls.env.ref("crm_custom.lead_status_hot")
        cls.junk = cls.env.ref("crm_custom.lead_status_junk")

    def test_the_eleven_statuses_of_the_source(self):
        names = self.env["crm.lead.status"].search([]).mapped("name")
        for name in (
            "Attempted to contact", "Not interested", "Contact in future", "Contacted",
            "Hot", "Junk lead", "Lost lead", "Not contacted", "Pre-qualified", "Qualified",
            "Interested",
        ):  # fmt: skip
            self.assertIn(name, names)
        offering = self.env["crm.lead.status"].search([("offers_lost", "=", True)])
        self.assertEqual(set(offering.mapped("name")), {"Junk lead", "Lost lead"})

    def _owner_notifications(self, lead):
        return self.env["mail.notification"].search(
            [
                ("res_partner_id", "=", self.salesperson.partner_id.id),
                ("mail_message_id.res_id", "=", lead.id),
                ("mail_message_id.model", "=", "crm.lead"),
                ("mail_message_id.body", "ilike", "changed the status"),
            ]
        )

    def test_owner_is_notified_when_someone_else_changes_the_status(self):
        lead = self.own_lead
        self.sales_manager.partner_id.email = "manager@example.com"
        lead.with_user(self.sales_manager).write({"status_id": self.hot.id})
        notifications = self._owner_notifications(lead)
        self.assertEqual(len(notifications), 1)
        self.assertIn("Hot", notifications.mail_message_id.body)

    def test_owner_is_not_notified_of_his_own_change(self):
        self.own_lead.with_user(self.salesperson).write({"status_id": self.hot.id})
        self.assertFalse(self._owner_notifications(self.own_lead))

    def test_status_is_tracked_and_groupable(self):
        # Records created in this transaction are not tracked: commit their
        # creation's pending tracking first, as a real transaction would.
        self.cr.precommit.run()
        lead = self.own_lead.with_context(tracking_disable=False)
        lead.write({"status_id": self.junk.id})
        self.env.flush_all()
        self.cr.precommit.run()  # tracking messages are written at commit
        self.env.invalidate_all()
        self.assertIn("status_id", lead.message_ids.tracking_value_ids.mapped("field_id.name"))
        self.assertTrue(lead.status_offers_lost)
        groups = self.env["crm.lead"].read_group(
            [("id", "=", lead.id)], ["status_id"], ["status_id"]
        )
        counts = {group["status_id"][0]: group["status_id_count"] for group in groups}
        self.assertEqual(counts[self.junk.id], 1)
        self.assertEqual(len(groups), self.env["crm.lead.status"].search_count([]))

    def test_junk_status_leads_to_the_lost_wizard(self):
        self.own_lead.status_id = self.junk
        wizard = self.env["crm.lead.lost"].create(
            {
                "lead_ids": self.own_lead.ids,
                "lost_reason_id": self.env.ref("crm.lost_reason_1").id,
            }
        )
        wizard.action_lost_reason_apply()
        self.assertFalse(self.own_lead.active)

    def test_only_managers_configure_statuses(self):
        with self.assertRaises(AccessError):
            self.env["crm.lead.status"].with_user(self.salesperson).create({"name": "Cold"})
        status = self.env["crm.lead.status"].with_user(self.sales_manager).create({"name": "Cold"})
        self.assertTrue(status.exists())
