# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The README's roles table for customer requests, as real users."""

from lxml import etree

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import PortalRolesCase


@tagged("post_install", "-at_install")
class TestRequestRoles(PortalRolesCase):
    def test_sales_handle_requests(self):
        request = (
            self.env["crm.portal.request"]
            .with_user(self.salesperson)
            .create({"type_id": self.request_type.id, "partner_id": self.customer.id})
        )
        request.stage_id = self.stage_review
        self.env["crm.portal.step"].with_user(self.salesperson).create(
            {"request_id": request.id, "name": "Approve", "kind": "approve"}
        )
        self.assertEqual(request.stage_id, self.stage_review)
        with self.assertRaises(AccessError):
            request.unlink()

    def test_sales_cannot_configure_request_types(self):
        with self.assertRaises(AccessError):
            self.request_type.with_user(self.salesperson).write({"name": "Renamed"})
        with self.assertRaises(AccessError):
            self.stage_new.with_user(self.salesperson).write({"customer_visible": False})

    def test_sales_manager_configures_types(self):
        self.request_type.with_user(self.sales_manager).write({"name": "Renamed"})
        self.env["crm.portal.request.stage"].with_user(self.sales_manager).create(
            {"type_id": self.request_type.id, "name": "Extra"}
        )
        self.request.with_user(self.sales_manager).unlink()

    def test_support_handles_requests_without_leads(self):
        lead = self.env["crm.lead"].create({"name": "Behind the request", "type": "opportunity"})
        self.request.lead_id = lead
        request = self.request.with_user(self.support)
        request.stage_id = self.stage_review
        self.assertEqual(request.stage_id, self.stage_review)
        self.env["crm.portal.step"].with_user(self.support).create(
            {"request_id": request.id, "name": "Send the invoice copy", "kind": "upload"}
        )
        # The lead field is not even readable by Support.
        with self.assertRaises(AccessError):
            request.read(["lead_id"])
        with self.assertRaises(AccessError):
            lead.with_user(self.support).read(["name"])

    def test_accountant_reads_requests_only(self):
        request = self.request.with_user(self.accountant)
        self.assertEqual(request.name, self.request.name)
        with self.assertRaises(AccessError):
            request.write({"stage_id": self.stage_review.id})
        with self.assertRaises(AccessError):
            self.env["crm.portal.request"].with_user(self.accountant).create(
                {"type_id": self.request_type.id, "partner_id": self.customer.id}
            )

    def test_marketing_has_no_access(self):
        with self.assertRaises(AccessError):
            self.env["crm.portal.request"].with_user(self.marketing).search([])
        with self.assertRaises(AccessError):
            self.env["crm.portal.step"].with_user(self.marketing).search([])

    def test_portal_customer_sees_only_his_company_requests(self):
        Request = self.env["crm.portal.request"].with_user(self.customer_user)
        self.assertEqual(Request.search([]), self.request)
        with self.assertRaises(AccessError):
            self.other_request.with_user(self.customer_user).read(["name"])

    def test_portal_customer_never_reads_staff_fields(self):
        with self.assertRaises(AccessError):
            self.request.with_user(self.customer_user).read(["lead_id"])
        with self.assertRaises(AccessError):
            self.request.with_user(self.customer_user).read(["chatter_secret"])
        with self.assertRaises(AccessError):
            self.env["crm.portal.share.link"].with_user(self.customer_user).search([])

    def test_share_links_are_read_only_for_staff(self):
        self.request._portal_ensure_token()
        link = self.request.share_link_ids.with_user(self.salesperson)
        self.assertTrue(link.is_valid)
        with self.assertRaises(AccessError):
            link.write({"revoked": True})
        with self.assertRaises(AccessError):
            link.read(["token_hash"])

    def test_revoking_needs_write_access(self):
        self.request._portal_ensure_token()
        with self.assertRaises(AccessError):
            self.request.with_user(self.accountant).action_revoke_share_links()
        self.request.with_user(self.support).action_revoke_share_links()
        self.assertEqual(len(self.request.share_link_ids.filtered("is_valid")), 1)

    def test_revoking_one_link_needs_write_access_to_its_request(self):
        """The link's own revoke method is callable over RPC: those who may
        not change the request (Accountant, Marketing, the customer) cannot
        revoke its links by calling it."""
        self.request._portal_ensure_token()
        link = self.request.share_link_ids
        for user in (self.accountant, self.marketing, self.customer_user):
            with self.assertRaises(AccessError):
                link.with_user(user).action_revoke()
        self.assertTrue(link.is_valid)
        link.with_user(self.support).action_revoke()
        self.assertFalse(link.is_valid)

    def test_portal_customer_never_sees_an_internal_stage(self):
        """Neither the stage itself, nor as his request's current stage, nor
        as the stage before in its history, nor who moved it."""
        self.request.stage_id = self.stage_hidden
        Stage = self.env["crm.portal.request.stage"].with_user(self.customer_user)
        self.assertNotIn(self.stage_hidden, Stage.search([]))
        self.assertIn(self.stage_new, Stage.search([]))
        with self.assertRaises(AccessError):
            self.stage_hidden.with_user(self.customer_user).read(["name"])
        request = self.request.with_user(self.customer_user)
        with self.assertRaises(AccessError):
            request.read(["stage_id"])
        self.assertEqual(request.read(["customer_status"])[0]["customer_status"], "Received")
        self.request.stage_id = self.stage_review
        status = self.request.status_ids.filtered(lambda s: s.stage_id == self.stage_review)
        for field_name in ("previous_stage_id", "user_id"):
            with self.assertRaises(AccessError):
                status.with_user(self.customer_user).read([field_name])
        self.assertTrue(status.with_user(self.customer_user).read(["stage_id", "date"]))

    def _read_form(self, records, user):
        """Read every field of the record's form as ``user`` gets it, as the
        web client does when he opens it."""
        views = records.with_user(user).get_views([(False, "form")])
        arch = etree.fromstring(views["views"]["form"]["arch"])
        names = set(arch.xpath("//field[not(ancestor::field)]/@name")) - {"id"}
        return records.with_user(user).read(sorted(names))

    def test_accountant_opens_requests_their_types_and_workflow_tasks(self):
        """The accountant reads requests: their forms open for him (share
        links are for Sales and Support, and not on his form)."""
        self.request._portal_ensure_token()
        lead = self.env["crm.lead"].create({"name": "Behind the task", "type": "opportunity"})
        task = self.env["crm.lead.workflow.task"].create(
            {"lead_id": lead.id, "name": "Sign", "progress": 10, "customer_action": True}
        )
        for records in (self.request, self.request_type, task):
            self.assertTrue(self._read_form(records, self.accountant))
        self.assertNotIn("share_link_ids", self._read_form(self.request, self.accountant)[0])
