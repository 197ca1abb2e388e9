# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Requests, their stages and status, customer field access, notifications."""

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from .common import PortalRolesCase


@tagged("post_install", "-at_install")
class TestRequest(PortalRolesCase):
    def test_number_from_the_type_sequence(self):
        self.assertTrue(self.request.name.startswith("TST/"))
        self.assertNotEqual(self.request.name, self.other_request.name)

    def test_portal_user_and_first_stage(self):
        self.assertEqual(self.request.portal_user_id, self.customer_user)
        self.assertEqual(self.request.stage_id, self.stage_new)
        self.assertEqual(self.request.customer_status, "Received")

    def test_first_stage_is_dated_and_logged_at_creation(self):
        Request = self.env["crm.portal.request"]
        values = {"type_id": self.request_type.id, "partner_id": self.customer.id}
        request = Request.create(values)
        self.assertEqual(request.stage_id, self.stage_new)
        self.assertEqual(request.customer_stage_id, self.stage_new)
        self.assertTrue(request.date_last_stage_update)
        self.assertFalse(request.date_closed)
        self.assertEqual(request.status_ids.stage_id, self.stage_new)
        hidden = Request.create({**values, "stage_id": self.stage_hidden.id})
        self.assertFalse(hidden.customer_stage_id, "a stage the customer does not see")
        self.assertEqual(hidden.status_ids.stage_id, self.stage_hidden)
        closed = Request.create({**values, "stage_id": self.stage_done.id})
        self.assertTrue(closed.is_closed)
        self.assertEqual(closed.date_closed, closed.date_last_stage_update)

    def test_hidden_stage_keeps_the_last_visible_status(self):
        self.request.stage_id = self.stage_review
        self.request.stage_id = self.stage_hidden
        self.assertEqual(self.request.customer_status, "Under review")
        history = self.request.status_ids
        self.assertEqual(history.stage_id, self.stage_new | self.stage_review | self.stage_hidden)
        # The customer's timeline shows only the stages he may see.
        seen = (
            self.env["crm.portal.request.status"]
            .with_user(self.customer_user)
            .search([("request_id", "=", self.request.id)])
        )
        self.assertEqual(seen.stage_id, self.stage_new | self.stage_review)

    def test_closed_stage_dates_the_request(self):
        self.request.stage_id = self.stage_done
        self.assertTrue(self.request.is_closed)
        self.assertTrue(self.request.date_closed)

    def test_visible_status_change_emails_the_customer_with_system_tag(self):
        self.request.stage_id = self.stage_review
        message = self.request.message_ids.filtered(
            lambda m: m.message_type == "comment" and self.customer in m.partner_ids
        )[:1]
        self.assertTrue(message, "the customer is notified of his new status")
        self.assertIn("Under review", message.body)
        self.assertIn("email_sent", message.crm_tag_ids.mapped("code"))
        # The email notification, whether its mail is still queued or already
        # sent and deleted (Odoo's test runner sends at once, pytest queues).
        self.assertTrue(
            message.notification_ids.filtered(
                lambda n: n.res_partner_id == self.customer and n.notification_type == "email"
            ),
            "an email goes to the customer",
        )

    def test_hidden_status_change_does_not_notify(self):
        before = len(self.request.message_ids)
        self.request.stage_id = self.stage_hidden
        notified = self.request.message_ids[: len(self.request.message_ids) - before].filtered(
            lambda m: self.customer in m.partner_ids
        )
        self.assertFalse(notified)

    def test_status_email_in_the_customer_language(self):
        self.env["res.lang"]._activate_lang("fa_IR")
        self.customer.lang = "fa_IR"
        self.stage_review.with_context(lang="fa_IR").customer_name = "در حال بررسی"
        self.request.stage_id = self.stage_review
        message = self.request.message_ids.filtered(lambda m: self.customer in m.partner_ids)[:1]
        self.assertIn("در حال بررسی", message.body)

    def test_sms_through_odoo_sms_template(self):
        self.customer.mobile = "+989121234567"
        self.stage_review.sms_template_id = self.env.ref("crm_portal.sms_template_request_status")
        self.request.stage_id = self.stage_review
        sms = self.env["sms.sms"].search([("partner_id", "=", self.customer.id)])
        self.assertTrue(sms)
        self.assertIn("Under review", sms[0].body)
        message = self.request.message_ids.filtered(lambda m: m.message_type == "sms")
        self.assertIn("sms_sent", message.crm_tag_ids.mapped("code"))

    def test_final_action_marks_the_lead_won(self):
        self.stage_done.final_action = "lead_won"
        lead = self.env["crm.lead"].create(
            {"name": "Application lead", "type": "opportunity", "partner_id": self.customer.id}
        )
        self.request.lead_id = lead
        self.request.stage_id = self.stage_done
        self.assertTrue(lead.stage_id.is_won)

    def test_type_creates_the_lead(self):
        self.request_type.create_lead = True
        request = self.env["crm.portal.request"].create(
            {"type_id": self.request_type.id, "partner_id": self.customer.id}
        )
        self.assertTrue(request.lead_id)
        self.assertEqual(request.lead_id.partner_id, self.customer)

    def test_every_type_field_gets_a_hidden_rule(self):
        rating = self.request_type.field_access_ids.filtered(lambda a: a.field_name == "rating")
        self.assertEqual(rating.access, "hidden")
        self.request_type.field_definitions = self.request_type.field_definitions + [
            {"name": "extra", "string": "Extra", "type": "char"}
        ]
        self.assertIn("extra", self.request_type.field_access_ids.mapped("field_name"))

    def test_relational_fields_never_editable_by_customers(self):
        self.request_type.field_definitions = self.request_type.field_definitions + [
            {"name": "owner", "string": "Owner", "type": "many2one", "comodel": "res.users"}
        ]
        rule = self.request_type.field_access_ids.filtered(lambda a: a.field_name == "owner")
        with self.assertRaises(ValidationError):
            rule.access = "editable"


@tagged("post_install", "-at_install")
class TestCustomerFieldAccess(PortalRolesCase):
    def test_access_per_stage(self):
        access = self.request._customer_access_map()
        self.assertEqual(access["position"], "editable")  # the stage's own rule
        self.assertEqual(access["hr_status"], "readonly")
        self.assertEqual(access["rating"], "hidden")
        self.request.stage_id = self.stage_review
        self.assertEqual(self.request._customer_access_map()["position"], "readonly")

    def test_hidden_fields_are_not_given_to_the_page(self):
        names = [field[0]["name"] for field in self.request._customer_fields()]
        self.assertIn("hr_status", names)
        self.assertNotIn("rating", names)

    def test_customer_writes_editable_fields(self):
        request = self.request.with_user(self.customer_user)
        request._customer_write_answers({"years": "5", "shift": "night", "start": "2026-03-01"})
        answers = self.answers(self.request)
        self.assertEqual(answers["years"], 5)
        self.assertEqual(answers["shift"], "night")
        self.assertEqual(str(answers["start"]), "2026-03-01")

    def test_read_only_or_hidden_field_refuses_the_whole_write(self):
        request = self.request.with_user(self.customer_user)
        for field in ("hr_status", "rating", "unknown"):
            with self.assertRaises(AccessError):
                request._customer_write_answers({"years": "7", field: "1"})
        self.assertEqual(self.answers(self.request)["years"], 3, "nothing stored half")

    def test_field_read_only_once_processed(self):
        self.request.stage_id = self.stage_review
        with self.assertRaises(AccessError):
            self.request.with_user(self.customer_user)._customer_write_answers({"position": "CEO"})

    def test_bad_values(self):
        request = self.request.with_user(self.customer_user)
        for values in (
            {"years": "many"},
            {"shift": "weekend"},
            {"start": "31/31/2026"},
            {"years": "1" * 20000},
        ):
            with self.assertRaises(ValidationError):
                request._customer_write_answers(values)

    def test_rtl_override_characters_are_removed(self):
        self.request.with_user(self.customer_user)._customer_write_answers(
            {"position": "Engineer\u202egnp.exe"}
        )
        self.assertEqual(self.answers(self.request)["position"], "Engineergnp.exe")

    def test_open_correction_step_makes_its_fields_editable(self):
        self.request.stage_id = self.stage_review
        self.env["crm.portal.step"].create(
            {
                "request_id": self.request.id,
                "name": "Fix the position",
                "kind": "fields",
                "field_names": "position",
            }
        )
        self.assertEqual(self.request._customer_access_map()["position"], "editable")

    def test_customer_cannot_write_a_request_through_the_orm(self):
        with self.assertRaises(AccessError):
            self.request.with_user(self.customer_user).write({"stage_id": self.stage_done.id})
        with self.assertRaises(AccessError):
            self.request.with_user(self.customer_user).properties = {"rating": 10}
