# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import re

from odoo.tests import HttpCase, tagged

from .common import NewsletterCase


@tagged("post_install", "-at_install", "crm_suite_http")
class TestNewsletterHttp(HttpCase, NewsletterCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["ir.config_parameter"].sudo().set_param("web.base.url", cls.base_url())
        cls.issue = cls._issue(user=cls.marketing)
        cls.issue.action_send()
        cls.issue.mailing_id.sudo()._process_mass_mailing_queue()

    def _mail_body(self, email):
        mail = (
            self.env["mail.mail"]
            .sudo()
            .search([("mailing_id", "=", self.issue.mailing_id.id), ("email_to", "ilike", email)])
        )
        return mail._prepare_outgoing_list()[0]["body"]

    def test_clicks_per_item_through_the_link_tracker_route(self):
        first, second = self.issue.item_ids
        for email in ("reader0@example.com", "reader1@example.com"):
            body = self._mail_body(email)
            url = re.search(re.escape(first.link_tracker_id.short_url) + r"/m/\d+", body).group(0)
            response = self.url_open(url.replace(self.base_url(), ""), allow_redirects=False)
            self.assertEqual(response.status_code, 301)
            self.assertEqual(response.headers["Location"].split("?")[0], first.link_url)
        body = self._mail_body("reader2@example.com")
        url = re.search(re.escape(second.link_tracker_id.short_url) + r"/m/\d+", body).group(0)
        self.url_open(url.replace(self.base_url(), ""), allow_redirects=False)
        self.issue.invalidate_recordset()
        self.issue.item_ids.invalidate_recordset()
        self.assertEqual((first.click_count, first.clicker_count), (2, 2))
        self.assertEqual((second.click_count, second.clicker_count), (1, 1))
        self.assertEqual(self.issue.clicked, 3)
        self.assertAlmostEqual(first.click_ratio, 200 / 3, places=1)

    def test_view_in_browser_and_archive(self):
        path = f"/newsletter/issue/{self.issue.id}"
        self.assertEqual(self.url_open(path).status_code, 404, "unpublished, no token")
        self.assertEqual(self.url_open(f"{path}?token=forged").status_code, 404)
        response = self.url_open(f"{path}?token={self.issue._view_token()}")
        self.assertEqual(response.status_code, 200)
        self.assertIn("New office", response.text)
        self.assertIn("script-src 'none'", response.headers["Content-Security-Policy"])
        self.assertEqual(self.url_open(f"/newsletter/{self.newsletter.id}").status_code, 404)
        self.newsletter.is_published = True
        self.assertEqual(self.url_open(path).status_code, 200)
        archive = self.url_open(f"/newsletter/{self.newsletter.id}")
        self.assertEqual(archive.status_code, 200)
        self.assertIn("December news", archive.text)
        draft = self._issue(number=99, name="Not yet")
        self.assertEqual(self.url_open(f"/newsletter/issue/{draft.id}").status_code, 404)
        self.assertNotIn("Not yet", self.url_open(f"/newsletter/{self.newsletter.id}").text)
        for bad in ("/newsletter/issue/0", "/newsletter/issue/99999999", "/newsletter/abc",
                    "/newsletter/issue/1%27%20or%201=1", "/newsletter/-1"):  # fmt: skip
            with self.subTest(path=bad):
                self.assertEqual(self.url_open(bad).status_code, 404)

    def test_preview_for_users_who_may_read_the_issue(self):
        draft = self._issue(number=50)
        path = f"/newsletter/preview/{draft.id}"
        response = self.url_open(path, allow_redirects=False)
        self.assertIn(response.status_code, (302, 303), "login required")
        self.authenticate("role_marketing", "role_marketing")
        digest = self.env.ref("crm_newsletter.layout_digest")
        response = self.url_open(f"{path}?layout={digest.id}&lang=fa_IR")
        self.assertEqual(response.status_code, 200)
        self.assertIn('dir="rtl"', response.text)
        for query in ("?layout=abc", "?layout=999999", "?lang=xx_XX", "?lang=<script>"):
            with self.subTest(query=query):
                self.assertEqual(self.url_open(path + query).status_code, 404)
        self.authenticate("role_support", "role_support")
        self.assertEqual(self.url_open(path).status_code, 404)
