# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The portal routes as the customer, another customer and a visitor:
pages, IDOR attempts, hostile input and query counts."""

from datetime import timedelta

from odoo import fields, http
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import SQL, mute_logger

from odoo.addons.crm_custom.tests.common import CrmRolesCase

from .common import PortalDataMixin, activate_lang

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"


class PortalHttpCase(PortalDataMixin, CrmRolesCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_cv_step()
        cls.other_step = cls.env["crm.portal.step"].create(
            {"request_id": cls.other_request.id, "name": "Other's CV", "kind": "upload"}
        )
        cls.other_document = cls.env["ir.attachment"].create(
            {
                "name": "other.pdf",
                "raw": PDF,
                "res_model": "crm.portal.request",
                "res_id": cls.other_request.id,
            }
        )

    def login_customer(self):
        self.authenticate("club_customer", "club_customer")

    def post(self, url, data=None, files=None):
        data = dict(data or {}, csrf_token=http.Request.csrf_token(self))
        return self.url_open(url, data=data, files=files)

    def counts_of(self, request):
        request.invalidate_recordset()
        return (
            dict(request.properties or {}),
            len(request.document_ids),
            request.stage_id,
            request.step_ids.mapped("state"),
        )


@tagged("post_install", "-at_install", "crm_suite_http")
class TestPortalPages(PortalHttpCase):
    def test_home_counters(self):
        self.login_customer()
        counters = self.make_jsonrpc_request(
            "/my/counters", {"counters": ["crm_request_count", "crm_step_count"]}
        )
        self.assertEqual(counters, {"crm_request_count": 1, "crm_step_count": 1})
        page = self.url_open("/my")
        self.assertIn("/my/requests", page.text)
        self.assertIn("/my/steps", page.text)

    def test_configurable_menu_titles(self):
        self.env.company.crm_portal_requests_title = "Registered information"
        self.login_customer()
        self.assertIn("Registered information", self.url_open("/my/requests").text)

    def test_standard_titles_in_the_customer_language(self):
        self.env.company.crm_portal_requests_title = False
        activate_lang(self.env, "fa_IR")
        self.env["ir.module.module"]._load_module_terms(["crm_portal"], ["fa_IR"])
        self.customer_user.lang = "fa_IR"
        self.login_customer()
        self.opener.cookies["frontend_lang"] = "fa_IR"
        page = self.url_open("/my/requests")
        self.assertIn("درخواست‌های من", page.text)

    def test_list_shows_own_requests_with_filters_and_sort(self):
        self.login_customer()
        page = self.url_open("/my/requests")
        self.assertEqual(page.status_code, 200)
        self.assertIn(self.request.name, page.text)
        self.assertNotIn(self.other_request.name, page.text)
        self.assertIn("Received", page.text)
        closed = self.url_open("/my/requests?filterby=closed")
        self.assertNotIn(self.request.name, closed.text)
        by_type = self.url_open(f"/my/requests?filterby=type_{self.request_type.id}&sortby=name")
        self.assertIn(self.request.name, by_type.text)
        found = self.url_open(f"/my/requests?search_in=name&search={self.request.name}")
        self.assertIn(self.request.name, found.text)
        missed = self.url_open("/my/requests?search_in=name&search=nothing-like-it")
        self.assertNotIn(self.request.name, missed.text)

    def test_request_page_shows_visible_fields_only(self):
        self.login_customer()
        page = self.url_open(f"/my/requests/{self.request.id}")
        self.assertEqual(page.status_code, 200)
        self.assertIn("Received", page.text)
        self.assertIn("Waiting", page.text)  # staff status, read-only
        self.assertNotIn('data-field="rating"', page.text)
        self.assertNotIn("Rating", page.text)
        self.assertIn('name="field_years"', page.text)  # editable
        self.assertNotIn('name="field_hr_status"', page.text)
        self.assertIn("Send your CV", page.text)
        self.assertIn("o_portal_chatter", page.text)

    def test_customer_edits_then_uploads_and_does_his_step(self):
        self.login_customer()
        response = self.post(f"/my/requests/{self.request.id}/answers", {"field_years": "8"})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(self.answers(self.request)["years"], 8)
        response = self.post(
            f"/my/steps/{self.step.id}/done",
            files={"documents": ("cv.pdf", PDF, "application/pdf")},
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(self.step.state, "done")
        self.assertEqual(self.request.stage_id, self.stage_review)
        self.assertIn("Under review", response.text)
        document = self.step.attachment_ids
        download = self.url_open(f"/my/requests/{self.request.id}/documents/{document.id}")
        self.assertEqual(download.content, PDF)

    def test_steps_page(self):
        self.login_customer()
        page = self.url_open("/my/steps")
        self.assertIn("Send your CV", page.text)
        self.assertNotIn("Other&#39;s CV", page.text)
        self.assertNotIn("Other's CV", page.text)

    def test_persian_page_is_right_to_left(self):
        activate_lang(self.env, "fa_IR")
        self.customer_user.lang = "fa_IR"
        self.login_customer()
        page = self.url_open(f"/my/requests/{self.request.id}")
        self.assertRegex(page.text, r'<html[^>]+dir="rtl"')


@tagged("post_install", "-at_install", "crm_suite_http")
class TestPortalIdor(PortalHttpCase):
    """Each attempt is refused (403/404) and changes nothing."""

    def assertRefused(self, response):
        self.assertIn(response.status_code, (403, 404), response.text[:300])

    def test_other_customers_request_by_id(self):
        self.login_customer()
        self.assertRefused(self.url_open(f"/my/requests/{self.other_request.id}"))
        self.assertRefused(self.url_open("/my/requests/999999999"))

    @mute_logger("odoo.http")
    def test_other_customers_request_through_every_post_route(self):
        self.login_customer()
        before = self.counts_of(self.other_request)
        self.assertRefused(
            self.post(f"/my/requests/{self.other_request.id}/answers", {"field_years": "99"})
        )
        self.assertRefused(
            self.post(
                f"/my/requests/{self.other_request.id}/documents",
                files={"documents": ("x.pdf", PDF, "application/pdf")},
            )
        )
        self.assertRefused(
            self.url_open(
                f"/my/requests/{self.other_request.id}/documents/{self.other_document.id}"
            )
        )
        self.assertEqual(self.counts_of(self.other_request), before)

    def test_document_id_of_another_request(self):
        self.login_customer()
        self.assertRefused(
            self.url_open(f"/my/requests/{self.request.id}/documents/{self.other_document.id}")
        )

    @mute_logger("odoo.http")
    def test_someone_elses_step(self):
        self.login_customer()
        response = self.post(
            f"/my/steps/{self.other_step.id}/done",
            files={"documents": ("cv.pdf", PDF, "application/pdf")},
        )
        self.assertRefused(response)
        self.assertEqual(self.other_step.state, "open")
        self.assertFalse(self.other_request.document_ids - self.other_document)

    @mute_logger("odoo.http")
    def test_step_of_my_request_assigned_to_someone_else(self):
        self.step.user_id = self.other_user
        self.login_customer()
        self.assertRefused(
            self.post(
                f"/my/steps/{self.step.id}/done",
                files={"documents": ("cv.pdf", PDF, "application/pdf")},
            )
        )
        self.assertEqual(self.step.state, "open")

    @mute_logger("odoo.http")
    def test_non_editable_fields_posted_anyway(self):
        self.login_customer()
        before = self.counts_of(self.request)
        for field in ("hr_status", "rating", "not_a_field"):
            self.assertRefused(
                self.post(
                    f"/my/requests/{self.request.id}/answers",
                    {"field_years": "42", f"field_{field}": "1"},
                )
            )
        self.assertEqual(self.counts_of(self.request), before)

    def test_share_link_opens_the_request_and_is_logged(self):
        token = self.request._portal_ensure_token()
        page = self.url_open(f"/my/requests/{self.request.id}?access_token={token}")
        self.assertEqual(page.status_code, 200)
        self.assertIn(self.request.name, page.text)
        self.assertNotIn('name="field_years"', page.text, "a link reads, it does not edit")
        link = self.request.share_link_ids.filtered("log_ids")
        self.assertEqual(len(link), 1)
        self.assertEqual(link.use_count, 1)
        self.assertTrue(link.log_ids.ip_address)
        self.assertNotIn(token, str(link.sudo().token_hash))

    def test_token_of_another_record(self):
        token = self.other_request._portal_ensure_token()
        response = self.url_open(
            f"/my/requests/{self.request.id}?access_token={token}", allow_redirects=False
        )
        self.assertIn(response.status_code, (303, 403, 404))
        self.assertNotIn(self.request.name, response.text)

    def test_expired_token(self):
        token = self.request._portal_ensure_token()
        self.request.share_link_ids.sudo().date_expire = fields.Datetime.now() - timedelta(days=1)
        response = self.url_open(
            f"/my/requests/{self.request.id}?access_token={token}", allow_redirects=False
        )
        self.assertIn(response.status_code, (303, 403, 404))
        self.assertFalse(self.request.share_link_ids.log_ids)

    def test_revoked_token(self):
        token = self.request._portal_ensure_token()
        self.request.with_user(self.salesperson).action_revoke_share_links()
        response = self.url_open(
            f"/my/requests/{self.request.id}?access_token={token}", allow_redirects=False
        )
        self.assertIn(response.status_code, (303, 403, 404))
        valid = self.request.share_link_ids.filtered("is_valid")
        self.assertEqual(len(valid), 1, "a new link replaces the revoked ones")

    def test_odoo_plain_token_field_is_never_used(self):
        self.request._portal_ensure_token()
        self.assertFalse(self.request.access_token)
        self.request.sudo().access_token = "guessable"
        response = self.url_open(
            f"/my/requests/{self.request.id}?access_token=guessable", allow_redirects=False
        )
        self.assertIn(response.status_code, (303, 403, 404))

    def test_garbage_tokens(self):
        self.request._portal_ensure_token()
        for token in ("x" * 5000, "%00", "' OR 1=1 --", "\u202etoken", ""):
            response = self.url_open(
                f"/my/requests/{self.request.id}?access_token={token}", allow_redirects=False
            )
            self.assertIn(response.status_code, (303, 403, 404), token[:20])
        self.assertFalse(self.request.share_link_ids.log_ids)

    def test_visitor_without_token_goes_to_login(self):
        response = self.url_open(f"/my/requests/{self.request.id}", allow_redirects=False)
        self.assertEqual(response.status_code, 303)
        self.assertIn("/web/login", response.headers["Location"])
        response = self.url_open("/my/steps", allow_redirects=False)
        self.assertEqual(response.status_code, 303)


@tagged("post_install", "-at_install", "crm_suite_http")
class TestPortalHostileInput(PortalHttpCase):
    def test_huge_field(self):
        self.login_customer()
        before = self.counts_of(self.request)
        response = self.post(
            f"/my/requests/{self.request.id}/answers", {"field_position": "x" * 200000}
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("too long", response.text)
        self.assertEqual(self.counts_of(self.request), before)

    def test_upload_over_the_limit(self):
        self.env["ir.config_parameter"].set_param("crm_portal.upload_limit_mb", "10")
        self.login_customer()
        big = PDF + b"0" * (20 * 1024 * 1024)
        response = self.post(
            f"/my/steps/{self.step.id}/done",
            files={"documents": ("big.pdf", big, "application/pdf")},
        )
        self.assertIn("larger than 10 MB", response.text)
        self.assertEqual(self.step.state, "open")
        self.assertFalse(self.request.document_ids)

    def test_wrong_content_type(self):
        self.login_customer()
        response = self.post(
            f"/my/requests/{self.request.id}/documents",
            files={"documents": ("cv.pdf", b"<html><script>alert(1)</script>", "application/pdf")},
        )
        self.assertIn("not a kind of document we accept", response.text)
        self.assertFalse(self.request.document_ids)

    def test_script_injection_rendered_escaped(self):
        self.login_customer()
        script = '<script>alert("x")</script><img src=x onerror=alert(1)>'
        self.post(f"/my/requests/{self.request.id}/answers", {"field_position": script})
        page = self.url_open(f"/my/requests/{self.request.id}")
        self.assertNotIn(script, page.text)
        self.assertNotIn("<img src=x onerror", page.text)
        self.assertIn("&lt;script&gt;", page.text)
        self.post(
            f"/my/requests/{self.request.id}/documents",
            files={"documents": ("<b onmouseover=alert(1)>.pdf", PDF, "application/pdf")},
        )
        page = self.url_open(f"/my/requests/{self.request.id}")
        self.assertNotIn("<b onmouseover", page.text)

    def test_rtl_override_in_names(self):
        self.login_customer()
        self.post(
            f"/my/requests/{self.request.id}/documents",
            files={"documents": ("invoice\u202efdp.exe", PDF, "application/pdf")},
        )
        self.assertEqual(self.request.document_ids.name, "invoicefdp.exe")
        self.post(f"/my/requests/{self.request.id}/answers", {"field_position": "a\u202eb"})
        self.assertEqual(self.answers(self.request)["position"], "ab")

    def test_bad_list_parameters(self):
        self.login_customer()
        for query in (
            "sortby=id;drop",
            "filterby=type_x",
            "search=" + "ü" * 5000,
            "search_in=nope&search=%00",
            "page=-3",
        ):
            self.assertEqual(self.url_open(f"/my/requests?{query}").status_code, 200, query)
        self.assertEqual(self.url_open("/my/steps?filterby=<x>").status_code, 200)

    def test_bad_values_keep_the_request(self):
        self.login_customer()
        before = self.counts_of(self.request)
        for data in (
            {"field_years": "lots"},
            {"field_shift": "weekend"},
            {"field_start": "2026-13-45"},
        ):
            response = self.post(f"/my/requests/{self.request.id}/answers", data)
            self.assertEqual(response.status_code, 200)
            self.assertIn("alert-danger", response.text)
        self.assertEqual(self.counts_of(self.request), before)

    def test_step_without_file(self):
        self.login_customer()
        response = self.post(f"/my/steps/{self.step.id}/done")
        self.assertIn("Choose the file", response.text)
        self.assertEqual(self.step.state, "open")


@tagged("post_install", "-at_install", "crm_suite_http")
class TestPortalQueryCount(PortalHttpCase):
    """The list and the request page cost the same queries for a customer
    with 10 requests as for one with 10,000."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.big_user = new_test_user(
            cls.env, login="club_big", groups="base.group_portal", name="Big Customer"
        )
        Request = cls.env["crm.portal.request"]
        smalls = Request.create(
            [{"type_id": cls.request_type.id, "partner_id": cls.customer.id}] * 9
        )
        cls.small_request = smalls[0]
        cls.big_request = Request.create(
            {"type_id": cls.request_type.id, "partner_id": cls.big_user.partner_id.id}
        )
        # Pages of the same shape: one open step each.
        cls.env["crm.portal.step"].create(
            [
                {"request_id": request.id, "name": "Approve", "kind": "approve"}
                for request in cls.small_request | cls.big_request
            ]
        )
        cls.env.flush_all()
        cls.env.cr.execute(
            SQL(
                """
                INSERT INTO crm_portal_request
                       (name, type_id, company_id, partner_id, portal_user_id, stage_id,
                        customer_stage_id, is_closed, create_date, write_date, create_uid,
                        write_uid, date_last_stage_update)
                SELECT 'BULK/' || g, r.type_id, r.company_id, r.partner_id, r.portal_user_id,
                       r.stage_id, r.customer_stage_id, false,
                       r.create_date - g * interval '1 minute', r.write_date, r.create_uid,
                       r.write_uid, r.date_last_stage_update
                  FROM crm_portal_request r, generate_series(1, 9999) g
                 WHERE r.id = %s
                """,
                cls.big_request.id,
            )
        )

    def page_queries(self, url):
        for _warm in range(2):
            self.url_open(url)
        nested = self.profile(collectors=["sql"], db=False)
        with nested:
            self.url_open(url)
        return [
            entry["query"]
            for sub in nested.profiler.sub_profilers
            for entry in sub.collectors[0].entries
        ]

    def test_same_queries_for_10_and_10000_requests(self):
        self.assertEqual(
            self.env["crm.portal.request"].search_count(
                [("partner_id", "=", self.big_user.partner_id.id)]
            ),
            10000,
        )
        self.authenticate("club_customer", "club_customer")
        small_list = self.page_queries("/my/requests")
        small_page = self.page_queries(f"/my/requests/{self.small_request.id}")
        self.authenticate("club_big", "club_big")
        big_list = self.page_queries("/my/requests")
        big_page = self.page_queries(f"/my/requests/{self.big_request.id}")
        self.assertEqual(
            len(small_list), len(big_list), "\n".join(small_list + ["----"] + big_list)
        )
        self.assertEqual(
            len(small_page), len(big_page), "\n".join(small_page + ["----"] + big_page)
        )
        self.assertLessEqual(len(big_list), 40)
        self.assertLessEqual(len(big_page), 60)
