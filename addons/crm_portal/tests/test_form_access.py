# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Who builds public forms and reads their submissions, as real users:
Marketing builds them (the README's "sign-up forms"), the sales manager
too; salespeople and support read; the others are refused."""

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from .common import PortalRolesCase


@tagged("post_install", "-at_install")
class TestFormRoles(PortalRolesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.rule = cls.request_type.field_access_ids.filtered(
            lambda r: r.field_name == "position" and not r.stage_id
        )
        cls.form = cls.env["crm.portal.form"].create(
            {
                "name": "Roles form",
                "type_id": cls.request_type.id,
                "field_ids": [(0, 0, {"access_rule_id": cls.rule.id, "label": "Position"})],
            }
        )
        cls.submission = cls.env["crm.portal.form.submission"].create(
            {"form_id": cls.form.id, "request_id": cls.request.id, "email": "x@example.com"}
        )

    def test_marketing_builds_forms(self):
        form = (
            self.env["crm.portal.form"]
            .with_user(self.marketing)
            .create(
                {
                    "name": "Newsletter sign-up",
                    "type_id": self.request_type.id,
                    "is_published": True,
                    "field_ids": [(0, 0, {"access_rule_id": self.rule.id, "label": "Job"})],
                }
            )
        )
        self.assertEqual(form.field_ids.kind, "text")
        form.field_ids.label = "Your job"
        self.assertEqual(form.submission_count, 0)
        self.assertEqual(self.submission.with_user(self.marketing).email, "x@example.com")
        # Marketing does not see customer requests, nor decides the type's field access.
        with self.assertRaises(AccessError):
            self.submission.with_user(self.marketing).request_id.name  # noqa: B018
        with self.assertRaises(AccessError):
            form.field_ids.with_user(self.marketing).customer_access = "editable"

    def test_sales_manager_sets_customer_visibility(self):
        question = self.form.field_ids.with_user(self.sales_manager)
        question.customer_access = "editable"
        self.assertEqual(self.rule.access, "editable")

    def test_salesperson_and_support_read_only(self):
        for user in (self.salesperson, self.support):
            self.assertEqual(self.submission.with_user(user).email, "x@example.com")
            with self.assertRaises(AccessError):
                self.submission.with_user(user).write({"email": "y@example.com"})
        self.assertEqual(self.form.with_user(self.salesperson).name, "Roles form")
        with self.assertRaises(AccessError):
            self.form.with_user(self.salesperson).write({"name": "Renamed"})

    def test_others_refused(self):
        for user in (self.accountant, self.customer_user):
            with self.assertRaises(AccessError):
                self.env["crm.portal.form"].with_user(user).search([])
            with self.assertRaises(AccessError):
                self.env["crm.portal.form.submission"].with_user(user).search([])
        with self.assertRaises(AccessError):
            self.env["crm.portal.form.usage"].with_user(self.sales_manager).search([])

    def test_question_must_fit_its_field(self):
        with self.assertRaises(ValidationError):
            self.form.field_ids.kind = "number"
        with self.assertRaises(ValidationError):
            self.form.field_ids.create(
                {"form_id": self.form.id, "kind": "text", "label": "No field"}
            )
        with self.assertRaises(ValidationError):
            self.form.field_ids.create(
                {
                    "form_id": self.form.id,
                    "kind": "file",
                    "label": "CV",
                    "access_rule_id": self.rule.id,
                }
            )
        with self.assertRaises(ValidationError):
            self.form.slug = "bad slug/../x"
