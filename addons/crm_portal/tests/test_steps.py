# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Customer steps: by hand and from crm_custom's workflows."""

import base64

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import PortalRolesCase

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"


@tagged("post_install", "-at_install")
class TestSteps(PortalRolesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.step = cls.env["crm.portal.step"].create(
            {
                "request_id": cls.request.id,
                "name": "Send your CV",
                "kind": "upload",
                "stage_after_id": cls.stage_review.id,
            }
        )

    def test_step_goes_to_the_customer_portal_user_with_an_email(self):
        self.assertEqual(self.step.user_id, self.customer_user)
        message = self.request.message_ids.filtered(lambda m: "Send your CV" in (m.subject or ""))
        self.assertTrue(message)
        self.assertIn(self.customer, message.partner_ids)

    def test_customer_does_the_upload_step(self):
        step = self.step.with_user(self.customer_user).sudo()
        step._customer_done(uploads=[("cv.pdf", PDF, "application/pdf")])
        self.assertEqual(self.step.state, "done")
        self.assertEqual(self.step.done_user_id, self.customer_user)
        self.assertEqual(self.step.attachment_ids.name, "cv.pdf")
        self.assertEqual(self.step.attachment_ids.res_id, self.request.id)
        self.assertEqual(self.request.stage_id, self.stage_review)
        activity = self.request.activity_ids.filtered(lambda a: "Send your CV" in a.summary)
        self.assertTrue(activity, "the responsible user is told")

    def test_step_of_someone_else_is_refused(self):
        step = self.step.with_user(self.other_user).sudo()
        with self.assertRaises(AccessError):
            step._customer_done(uploads=[("cv.pdf", PDF, "application/pdf")])
        self.assertEqual(self.step.state, "open")

    def test_done_step_cannot_be_done_again(self):
        self.step.with_user(self.customer_user).sudo()._customer_done(
            uploads=[("cv.pdf", PDF, "application/pdf")]
        )
        with self.assertRaises(UserError):
            self.step.with_user(self.customer_user).sudo()._customer_done(
                uploads=[("cv.pdf", PDF, "application/pdf")]
            )

    def test_refused_files(self):
        step = self.step.with_user(self.customer_user).sudo()
        self.env["ir.config_parameter"].set_param("crm_portal.upload_limit_mb", "1")
        cases = [
            [],
            [("big.pdf", PDF + b"0" * (1024 * 1024 + 10), "application/pdf")],
            [
                (
                    "evil.pdf",
                    b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" * 10,
                    "application/pdf",
                )
            ],
            [("page.html", b"<html><script>alert(1)</script></html>", "text/html")],
            [("empty.pdf", b"", "application/pdf")],
        ]
        for uploads in cases:
            with self.assertRaises(ValidationError):
                step._customer_done(uploads=uploads)
        self.assertEqual(self.step.state, "open")
        self.assertFalse(self.request.document_ids)

    def test_file_names_lose_paths_and_bidi_overrides(self):
        attachment = self.request._customer_add_documents(
            [("C:\\Users\\x\\\u202efdp.exe", PDF, "application/pdf")]
        )
        self.assertEqual(attachment.name, "fdp.exe")
        self.assertEqual(attachment.mimetype, "application/pdf")

    def test_approve_step_needs_the_approval(self):
        step = self.env["crm.portal.step"].create(
            {"request_id": self.request.id, "name": "Approve", "kind": "approve"}
        )
        with self.assertRaises(ValidationError):
            step.with_user(self.customer_user).sudo()._customer_done()
        step.with_user(self.customer_user).sudo()._customer_done(approved=True)
        self.assertEqual(step.state, "done")

    def test_fields_step_writes_only_its_fields(self):
        self.request.stage_id = self.stage_review
        step = self.env["crm.portal.step"].create(
            {
                "request_id": self.request.id,
                "name": "Fix",
                "kind": "fields",
                "field_names": "position",
            }
        )
        with self.assertRaises(AccessError):
            step.with_user(self.customer_user).sudo()._customer_done(
                answers={"position": "CTO", "hr_status": "Hired"}
            )
        self.assertEqual(self.answers(self.request)["position"], "Engineer")
        step.with_user(self.customer_user).sudo()._customer_done(answers={"position": "CTO"})
        self.assertEqual(self.answers(self.request)["position"], "CTO")
        self.assertEqual(step.state, "done")

    def test_portal_user_reads_only_his_steps(self):
        other_step = self.env["crm.portal.step"].create(
            {"request_id": self.other_request.id, "name": "Other's", "kind": "approve"}
        )
        Step = self.env["crm.portal.step"].with_user(self.customer_user)
        self.assertEqual(Step.search([]), self.step)
        with self.assertRaises(AccessError):
            other_step.with_user(self.customer_user).read(["name"])

    def test_attachment_content(self):
        self.step.with_user(self.customer_user).sudo()._customer_done(
            uploads=[("cv.pdf", PDF, "application/pdf")]
        )
        self.assertEqual(base64.b64decode(self.step.attachment_ids.datas), PDF)


@tagged("post_install", "-at_install")
class TestWorkflowSteps(PortalRolesCase):
    """Tasks marked "Customer Must Act" become steps; the customer doing one
    completes the task, and the lead's progress and stage move."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.wf_team = env["crm.team"].create({"name": "Hiring team"})
        Stage = env["crm.stage"]
        cls.crm_review = Stage.create(
            {"name": "Review", "team_id": cls.wf_team.id, "sequence": 1, "progress": 40}
        )
        cls.crm_interview = Stage.create(
            {"name": "Interview", "team_id": cls.wf_team.id, "sequence": 2, "progress": 100}
        )
        cls.workflow = env["crm.workflow.template"].create(
            {
                "name": "Hiring",
                "line_ids": [
                    (0, 0, {"name": "Screen", "progress": 20, "sequence": 1}),
                    (
                        0,
                        0,
                        {
                            "name": "Send your CV",
                            "progress": 50,
                            "sequence": 2,
                            "customer_action": True,
                            "portal_step_kind": "upload",
                            "portal_step_description": "Your CV, please",
                        },
                    ),
                    (0, 0, {"name": "Interview", "progress": 100, "sequence": 3}),
                ],
            }
        )
        cls.wf_team.write({"workflow_template_id": cls.workflow.id, "workflow_connected": True})
        cls.request_type.write({"create_lead": True, "team_id": cls.wf_team.id})
        cls.stage_review.crm_stage_id = cls.crm_interview

    def _new_request(self):
        return self.env["crm.portal.request"].create(
            {"type_id": self.request_type.id, "partner_id": self.customer.id}
        )

    def test_customer_task_becomes_a_step(self):
        request = self._new_request()
        step = request.step_ids
        self.assertEqual(len(step), 1)
        self.assertEqual(step.name, "Send your CV")
        self.assertEqual(step.kind, "upload")
        self.assertEqual(step.description, "Your CV, please")
        self.assertEqual(step.workflow_task_id.lead_id, request.lead_id)

    def test_linking_a_lead_creates_its_customer_steps(self):
        lead = self.env["crm.lead"].create(
            {
                "name": "Hire",
                "type": "opportunity",
                "team_id": self.wf_team.id,
                "partner_id": self.customer.id,
            }
        )
        self.request.lead_id = lead
        self.assertEqual(self.request.step_ids.workflow_task_id.lead_id, lead)

    def test_doing_the_step_completes_the_task_and_moves_lead_and_request(self):
        request = self._new_request()
        lead = request.lead_id
        lead.workflow_task_ids.filtered(lambda t: t.name == "Screen").action_done()
        step = request.step_ids
        step.with_user(self.customer_user).sudo()._customer_done(
            uploads=[("cv.pdf", b"%PDF-1.4 cv", "application/pdf")]
        )
        task = step.workflow_task_id
        self.assertEqual(task.state, "done")
        self.assertEqual(task.done_user_id, self.customer_user)
        self.assertEqual(lead.workflow_progress, 50)
        self.assertEqual(lead.stage_id, self.crm_interview)
        self.assertEqual(request.stage_id, self.stage_review, "the request follows its lead")
        self.assertEqual(request.customer_status, "Under review")

    def test_task_done_by_staff_closes_the_step(self):
        request = self._new_request()
        request.step_ids.workflow_task_id.action_done()
        self.assertEqual(request.step_ids.state, "done")
