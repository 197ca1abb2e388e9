# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Public forms over HTTP as a visitor, a known customer and a robot: every
option, every refusal, hostile input; nothing half-created."""

import re
import time
from datetime import timedelta
from unittest.mock import patch

from odoo import fields, http
from odoo.exceptions import ValidationError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from odoo.addons.crm_portal.models.crm_portal_form import CrmPortalForm

from .common import APPLICATION_FIELDS, activate_lang, portal_customer

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"
EXE = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200
SCRIPT = '<script>alert("x")</script><img src=x onerror=alert(1)>'
FIELDS = [
    *APPLICATION_FIELDS,
    {"name": "relocate", "string": "Relocate", "type": "boolean"},
    {"name": "alt_email", "string": "Other email", "type": "char"},
    {"name": "mobile", "string": "Mobile", "type": "char"},
    {"name": "hr_note", "string": "HR note", "type": "char"},
]
KINDS = {
    "position": "text",
    "letter": "textarea",
    "years": "number",
    "start": "date",
    "shift": "choice",
    "relocate": "boolean",
    "alt_email": "email",
    "mobile": "phone",
}


@tagged("post_install", "-at_install", "crm_suite_http")
class FormHttpCase(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        activate_lang(env, "en_US")
        cls.campaign = env["utm.campaign"].create({"name": "Form test campaign"})
        cls.team = env["crm.team"].create({"name": "Form team"})
        cls.staff = new_test_user(
            env,
            login="form_staff",
            groups="sales_team.group_sale_manager",
            email="form.staff@example.com",
        )
        cls.request_type = env["crm.portal.request.type"].create(
            {"name": "Form type", "field_definitions": FIELDS}
        )
        env["crm.portal.request.stage"].create(
            {"type_id": cls.request_type.id, "name": "New", "customer_name": "Received"}
        )
        rules = {r.field_name: r for r in cls.request_type.field_access_ids}
        cls.form = env["crm.portal.form"].create(
            {
                "name": "Apply",
                "slug": "test-apply",
                "type_id": cls.request_type.id,
                "team_id": cls.team.id,
                "user_id": cls.staff.id,
                "campaign_id": cls.campaign.id,
                "is_published": True,
                "register_partner": True,
                "create_portal_user": True,
                "ask_company": True,
                "consent_text": "I agree (v1).",
                "max_upload_mb": 1,
                "rate_limit_ip": 10000,
                "field_ids": [
                    (0, 0, {"access_rule_id": rules[name].id, "kind": kind, "label": name.title()})
                    for name, kind in KINDS.items()
                ]
                + [(0, 0, {"kind": "file", "label": "CV"})],
            }
        )
        cls.form.field_ids.filtered(lambda q: q.field_name == "position").required = True
        cls.q = {q.field_name or "cv": f"field_{q.id}" for q in cls.form.field_ids}
        rules["position"].access = "readonly"
        rules["letter"].access = "readonly"
        cls.customer_user = portal_customer(
            env, "form_customer", "Known Customer", "known@example.com"
        )
        cls.known = cls.customer_user.partner_id

    # ------------------------------------------------------------------
    def token(self, form=None, age=10):
        return (form or self.form)._page_token(now=time.time() - age)

    def data(self, **overrides):
        values = {
            "page_token": self.token(),
            "contact_name": "Sara Visitor",
            "contact_email": "sara@example.com",
            "contact_phone": "",
            "contact_company": "",
            self.q["position"]: "Engineer",
            self.q["letter"]: "Hello\nworld",
            self.q["years"]: "3",
            self.q["start"]: "2027-01-15",
            self.q["shift"]: "night",
            self.q["relocate"]: "1",
            self.q["alt_email"]: "",
            self.q["mobile"]: "",
            "consent": "1",
            "form_lang": "en_US",
        }
        values.update(overrides)
        return values

    def submit(self, data=None, files=None, slug="test-apply"):
        """Post the form; the emails Odoo sends at once are kept in ``sent``."""
        IrMailServer = type(self.env["ir.mail_server"])
        send_email = IrMailServer.send_email

        def keep(server, message, *args, **kwargs):
            self.sent.append(message)
            return send_email(server, message, *args, **kwargs)

        with patch.object(IrMailServer, "send_email", keep):
            return self.url_open(f"/forms/{slug}/submit", data=data or self.data(), files=files)

    def setUp(self):
        super().setUp()
        self.sent = []

    def counts(self):
        env = self.env
        return (
            env["res.partner"].with_context(active_test=False).search_count([]),
            env["crm.lead"].with_context(active_test=False).search_count([]),
            env["crm.portal.request"].search_count([]),
            env["ir.attachment"].search_count([("res_model", "=", "crm.portal.request")]),
            env["crm.portal.form.submission"].search_count([]),
            env["res.users"].with_context(active_test=False).search_count([]),
        )

    def assert_refused(self, response, status, text, data=None, files=None):
        self.assertEqual(response.status_code, status, response.text[:500])
        self.assertIn(text, response.text)

    def refused(self, status, text, data=None, files=None):
        before = self.counts()
        response = self.submit(data, files)
        self.assert_refused(response, status, text)
        self.assertEqual(self.counts(), before, "a refused submission left something behind")
        return response

    def last_submission(self):
        return self.env["crm.portal.form.submission"].search(
            [("form_id", "=", self.form.id)], limit=1
        )

    # ------------------------------------------------------------------
    # Option (1): the standalone page and the embed
    # ------------------------------------------------------------------
    def test_page_standalone_and_embed(self):
        response = self.url_open("/forms/test-apply")
        self.assertEqual(response.status_code, 200)
        self.assertIn('name="page_token"', response.text)
        self.assertIn("Position", response.text)
        embed = self.url_open("/forms/test-apply?embed=1")
        self.assertIn("frame-ancestors *", embed.headers["Content-Security-Policy"])
        self.assertNotIn("X-Frame-Options", embed.headers)
        self.assertIn("form_frame.js", embed.text)
        self.form.allowed_origins = "https://shop.example.com"
        embed = self.url_open("/forms/test-apply?embed=1")
        self.assertEqual(
            embed.headers["Content-Security-Policy"], "frame-ancestors https://shop.example.com"
        )
        self.assertIn("form_embed.js", self.form.embed_snippet)
        self.assertIn("/forms/test-apply?embed=1", self.form.embed_snippet)

    def test_page_in_visitor_language_rtl(self):
        activate_lang(self.env, "fa_IR")
        activate_lang(self.env, "he_IL")
        for lang, tag in (("fa_IR", 'lang="fa-IR"'), ("he_IL", 'lang="he-IL"')):
            response = self.url_open(f"/forms/test-apply?lang={lang}")
            self.assertIn('dir="rtl"', response.text)
            self.assertIn(tag, response.text)
            self.assertIn(f'name="form_lang" value="{lang}"', response.text)
        self.assertIn('dir="ltr"', self.url_open("/forms/test-apply?lang=en_US").text)

    def test_unpublished_form_is_not_found(self):
        self.form.is_published = False
        self.assertEqual(self.url_open("/forms/test-apply").status_code, 404)
        self.assertEqual(self.submit().status_code, 404)
        self.assertEqual(self.url_open("/forms/no-such-form").status_code, 404)
        # Panel-only form: not for visitors.
        self.form.show_in_portal = True
        self.assertEqual(self.url_open("/forms/test-apply").status_code, 404)

    # ------------------------------------------------------------------
    # Options (2), (4), (5): a new customer registered, invited
    # ------------------------------------------------------------------
    def test_new_customer_request_lead_invitation(self):
        response = self.submit(
            self.data(contact_company="Acme"),
            files={self.q["cv"]: ("cv.pdf", PDF, "application/pdf")},
        )
        self.assertEqual(response.status_code, 200, response.text[:300])
        self.assertIn("your request has been received", response.text)
        submission = self.last_submission()
        self.assertEqual(submission.state, "new")
        request = submission.request_id
        partner = request.partner_id
        self.assertEqual((partner.name, partner.email), ("Sara Visitor", "sara@example.com"))
        self.assertEqual(partner.customer_rank, 1)
        props = dict(request.properties)
        self.assertEqual(props["position"], "Engineer")
        self.assertEqual(props["letter"], "Hello\nworld")
        self.assertEqual(props["years"], 3)
        self.assertEqual(props["shift"], "night")
        self.assertTrue(props["relocate"])
        self.assertEqual(request.document_ids.mapped("name"), ["cv.pdf"])
        self.assertEqual((request.user_id, request.team_id), (self.staff, self.team))
        lead = request.lead_id
        self.assertEqual(lead.campaign_id, self.campaign)
        self.assertEqual(lead.partner_id, partner)
        self.assertEqual(submission.consent_text, "I agree (v1).")
        # Option (4): a portal user, invited through the portal wizard.
        user = partner.user_ids
        self.assertTrue(user.share and user.has_group("base.group_portal"))
        (invitation,) = [m for m in self.sent if "sara@example.com" in m["To"]]
        self.assertIn("/web/signup", invitation.get_body(("html",)).get_content())
        # Option (5): the type's rule decides what the customer sees.
        shown = [d["name"] for d, *_rest in request.with_user(user)._customer_fields()]
        self.assertEqual(sorted(shown), ["letter", "position"])
        # The consent text changed later: the stored one stays the agreed one.
        self.form.consent_text = "I agree (v2)."
        self.assertEqual(submission.consent_text, "I agree (v1).")

    def test_invitation_in_visitor_language(self):
        # Hebrew: Odoo translates its invitation to he (not to fa yet).
        activate_lang(self.env, "he_IL")
        # Odoo's own Hebrew terms of the invitation (a database made without
        # the language has none).
        self.env["ir.module.module"]._load_module_terms(["portal", "auth_signup"], ["he_IL"])
        self.submit(self.data(form_lang="he_IL"))
        partner = self.last_submission().partner_id
        self.assertEqual(partner.lang, "he_IL")
        self.assertEqual(partner.user_ids.lang, "he_IL")
        (invitation,) = self.sent
        self.assertIn("חשבון", invitation["Subject"])

    def test_without_registration_no_lookup_no_account(self):
        self.form.write({"register_partner": False, "create_portal_user": False})
        self.submit(self.data(contact_email="known@example.com"))
        submission = self.last_submission()
        self.assertEqual(submission.state, "new")
        self.assertNotEqual(submission.partner_id, self.known)
        self.assertEqual(submission.partner_id.customer_rank, 0)
        self.assertFalse(submission.partner_id.user_ids)

    # ------------------------------------------------------------------
    # Duplicates: linked only after the email is proved
    # ------------------------------------------------------------------
    def confirmation_token(self, submission):
        mail = self.env["mail.mail"].search(
            [("model", "=", submission._name), ("res_id", "=", submission.id)], limit=1
        )
        self.assertEqual(mail.email_to, "known@example.com")
        return re.search(r"/forms/confirm/([\w-]+)", mail.body_html).group(1)

    def test_duplicate_email_flagged_until_confirmed(self):
        self.submit(self.data(contact_email="KNOWN@example.com", contact_name="Stranger"))
        submission = self.last_submission()
        request = submission.request_id
        self.assertEqual(submission.state, "to_confirm")
        self.assertNotEqual(request.partner_id, self.known, "linked without proof")
        self.assertEqual(request.duplicate_partner_id, self.known)
        self.assertIn("Possible duplicate of", request.message_ids[0].body)
        # The known customer does not see the stranger's request.
        self.assertFalse(
            self.env["crm.portal.request"]
            .with_user(self.customer_user)
            .search([("id", "=", request.id)])
        )
        token = self.confirmation_token(submission)
        response = self.url_open(f"/forms/confirm/{token}")
        self.assertEqual(response.status_code, 200)
        self.assertIn("confirmed", response.text)
        self.assertEqual(request.partner_id, self.known)
        self.assertEqual(request.lead_id.partner_id, self.known)
        self.assertFalse(request.duplicate_partner_id)
        self.assertEqual(submission.state, "confirmed")
        # Reused link: refused, nothing changes.
        again = self.url_open(f"/forms/confirm/{token}")
        self.assertEqual(again.status_code, 404)
        self.assertIn("already been used", again.text)

    def test_confirmation_link_expired(self):
        self.submit(self.data(contact_email="known@example.com"))
        submission = self.last_submission()
        token = self.confirmation_token(submission)
        submission.confirm_deadline = fields.Datetime.now() - timedelta(minutes=1)
        response = self.url_open(f"/forms/confirm/{token}")
        self.assertEqual(response.status_code, 410)
        self.assertIn("expired", response.text)
        self.assertNotEqual(submission.request_id.partner_id, self.known)
        self.assertEqual(self.url_open("/forms/confirm/forged-token").status_code, 404)

    def test_duplicate_company_flagged_without_link(self):
        company = self.env["res.partner"].create({"name": "شرکت كيان", "is_company": True})
        # Typed on a Persian keyboard: ی ک instead of ي ك, same company.
        self.submit(self.data(contact_company="شرکت کیان", contact_email="new@example.com"))
        submission = self.last_submission()
        self.assertEqual(submission.state, "duplicate")
        self.assertEqual(submission.duplicate_partner_id, company)
        self.assertNotEqual(submission.partner_id, company)
        self.assertFalse(submission.partner_id.user_ids, "no account for a possible duplicate")
        self.assertFalse(
            self.env["mail.mail"].search(
                [("res_id", "=", submission.id), ("model", "=", submission._name)]
            )
        )

    def test_duplicate_phone_e164(self):
        if "phone_e164" not in self.env["res.partner"]._fields:
            self.skipTest("crm_telephony is not installed")
        self.env.company.country_id = self.env.ref("base.ir")
        known = self.env["res.partner"].create(
            {"name": "Phone Customer", "phone": "+98 912 123 4567"}
        )
        self.submit(self.data(contact_phone="۰۹۱۲ ۱۲۳ ۴۵۶۷", contact_email="other@example.com"))
        submission = self.last_submission()
        self.assertEqual(submission.state, "duplicate")
        self.assertEqual(submission.duplicate_partner_id, known)

    # ------------------------------------------------------------------
    # Option (3): logged-in customers, CSRF
    # ------------------------------------------------------------------
    def test_logged_in_customer_panel_and_csrf(self):
        self.form.show_in_portal = True
        self.authenticate("form_customer", "form_customer")
        self.assertIn("/forms/test-apply", self.url_open("/my/forms").text)
        page = self.url_open("/forms/test-apply")
        self.assertIn("Known Customer", page.text)
        self.assertNotIn('name="contact_email"', page.text)
        before = self.counts()
        refused = self.submit(self.data(page_token=""))
        self.assertEqual(refused.status_code, 403)
        self.assertEqual(self.counts(), before)
        response = self.submit(self.data(csrf_token=http.Request.csrf_token(self)))
        self.assertEqual(response.status_code, 200, response.text[:300])
        submission = self.last_submission()
        self.assertEqual((submission.state, submission.partner_id), ("customer", self.known))
        self.assertEqual(submission.request_id.partner_id, self.known)

    # ------------------------------------------------------------------
    # Refusals: nothing created, a clear message
    # ------------------------------------------------------------------
    def test_refused_tokens(self):
        self.refused(403, "reload", self.data(page_token=self.token(age=13 * 3600)))
        self.refused(403, "reload", self.data(page_token="1700000000.forged"))
        self.refused(403, "reload", self.data(page_token=""))
        other = self.form.copy({"slug": "other-form"})
        self.refused(403, "reload", self.data(page_token=self.token(form=other)))
        self.refused(429, "too fast", self.data(page_token=self.token(age=0)))

    def test_refused_honeypot(self):
        self.refused(400, "could not be sent", self.data(crm_website="http://spam.example"))

    def test_refused_rate_limit(self):
        # A form of its own: the counters are shared (committed) by design.
        form = self.form.copy(
            {"slug": f"rate-{self.form.id}-{int(time.time())}", "rate_limit_ip": 2}
        )
        form.field_ids.filtered(lambda q: q.field_name == "position").required = False

        def post(email):
            data = {
                "page_token": self.token(form),
                "contact_name": "Rate",
                "contact_email": email,
                "consent": "1",
                "form_lang": "en_US",
            }
            return self.url_open(f"/forms/{form.slug}/submit", data=data)

        self.assertEqual(post("a@example.com").status_code, 200)
        self.assertEqual(post("b@example.com").status_code, 200)
        before = self.counts()
        response = post("c@example.com")
        self.assertEqual(response.status_code, 429)
        self.assertIn("Too many forms", response.text)
        self.assertEqual(self.counts(), before)

    def test_refused_uploads(self):
        big = b"%PDF-1.4\n" + b"0" * (1024 * 1024 + 10)
        self.refused(
            413, "larger than 1 MB", files={self.q["cv"]: ("cv.pdf", big, "application/pdf")}
        )
        self.refused(
            415, "not a kind of file", files={self.q["cv"]: ("cv.pdf", EXE, "application/pdf")}
        )
        self.refused(
            415,
            "not a kind of file",
            files={
                self.q["cv"]: ("page.pdf", b"<html><script>x</script></html>", "application/pdf")
            },
        )

    def test_refused_bad_answers(self):
        self.refused(413, "too long", self.data(**{self.q["position"]: "x" * 2001}))
        self.refused(400, "is required", self.data(**{self.q["position"]: ""}))
        self.refused(400, "choose one of the options", self.data(**{self.q["shift"]: "evening"}))
        self.refused(400, "not a valid value", self.data(**{self.q["years"]: "many"}))
        self.refused(400, "not a valid value", self.data(**{self.q["start"]: "2027-13-45"}))
        self.refused(400, "accept the conditions", self.data(consent=""))
        self.refused(400, "valid email", self.data(contact_email="not-an-email"))
        self.refused(400, "your name", self.data(contact_name="\u202e "))

    def test_refused_by_odoo_captcha(self):
        """With google_recaptcha (or turnstile) installed, Odoo's own check runs."""
        IrHttp = type(self.env["ir.http"])
        with patch.object(
            IrHttp, "_verify_request_recaptcha_token", lambda self, action: False, create=True
        ):
            self.refused(403, "anti-robot check failed")
        with patch.object(
            IrHttp, "_verify_request_recaptcha_token", lambda self, action: True, create=True
        ):
            self.assertEqual(self.submit().status_code, 200)

    def test_refusal_message_in_visitor_language(self):
        activate_lang(self.env, "fa_IR")
        response = self.submit(self.data(form_lang="fa_IR", crm_website="x"))
        self.assertEqual(response.status_code, 400)
        self.assertIn('dir="rtl"', response.text)

    @mute_logger("odoo.http")
    def test_failure_half_way_leaves_nothing(self):
        before = self.counts()

        def fail(*args, **kwargs):
            raise ValidationError("invitation failed")  # pylint: disable=translation-required

        with patch.object(CrmPortalForm, "_portal_wizard_invite", fail):
            response = self.submit()
        self.assertEqual(response.status_code, 400)
        self.assertEqual(self.counts(), before)

    # ------------------------------------------------------------------
    # Hostile and foreign-keyboard input
    # ------------------------------------------------------------------
    def test_script_in_every_field_stored_as_text_rendered_escaped(self):
        self.form.show_in_portal = True
        values = {self.q[name]: SCRIPT for name in ("position", "letter", "alt_email", "mobile")}
        self.authenticate("form_customer", "form_customer")
        response = self.submit(self.data(csrf_token=http.Request.csrf_token(self), **values))
        # Email and phone questions refuse it as a value...
        self.assertEqual(response.status_code, 400)
        self.assertNotIn("<script>alert", response.text)
        self.assertIn("&lt;script&gt;", response.text)  # ...and the page shows it back escaped
        values.pop(self.q["alt_email"])
        values.pop(self.q["mobile"])
        response = self.submit(self.data(csrf_token=http.Request.csrf_token(self), **values))
        self.assertEqual(response.status_code, 200, response.text[:300])
        request = self.last_submission().request_id
        self.assertEqual(dict(request.properties)["position"], " ".join(SCRIPT.split()))
        page = self.url_open(f"/my/requests/{request.id}")
        self.assertNotIn("<script>alert", page.text)
        self.assertIn("&lt;script&gt;alert", page.text)
        # A visitor's name with script is stored as text; the staff's request
        # page and the lead show it as text (escaped by the client).
        self.authenticate(None, None)
        self.submit(self.data(contact_name=SCRIPT, contact_email="script@example.com"))
        submission = self.last_submission()
        self.assertEqual(submission.partner_id.name, " ".join(SCRIPT.split()))
        self.assertIn(" ".join(SCRIPT.split()), submission.lead_id.name)

    def test_rtl_override_and_persian_keyboard(self):
        self.submit(
            self.data(
                contact_name="\u202eعلي كريمي\u202c",
                **{self.q["years"]: "۱۲", self.q["position"]: "مهندس فروش\u202e"},
            )
        )
        submission = self.last_submission()
        self.assertEqual(submission.partner_id.name, "علی کریمی")
        props = dict(submission.request_id.properties)
        self.assertEqual(props["years"], 12)
        self.assertEqual(props["position"], "مهندس فروش")

    def test_engagement_event_per_submission(self):
        self.submit()
        self.submit(self.data(contact_email="second@example.com"))
        events = self.env["crm.portal.form.submission"].search_count(
            [("campaign_id", "=", self.campaign.id)]
        )
        self.assertEqual(events, 2)
        self.assertEqual(self.form.submission_count, 2)
