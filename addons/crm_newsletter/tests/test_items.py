# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import base64
import http.server
import threading

from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, tagged

from .common import NewsletterCase

FEED = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"><channel>
<title>Company blog</title><link>http://127.0.0.1/</link><description>News</description>
<item><title>Opening in Shiraz</title><link>https://example.com/blog/shiraz</link>
<description>&lt;p&gt;Our new store.&lt;/p&gt;&lt;script&gt;alert(1)&lt;/script&gt;</description>
<media:content url="https://example.com/shiraz.jpg" medium="image"/></item>
<item><title>Winter offer</title><link>https://example.com/offer</link>
<description>Twenty percent off.</description></item>
<item><title>Bad link</title><link>javascript:alert(1)</link><description>x</description></item>
</channel></rss>"""


class _FeedHandler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        body = FEED if self.path == "/feed.xml" else b"<html>not a feed</html>"
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@tagged("post_install", "-at_install")
class TestItems(NewsletterCase):
    def test_marketing_fills_an_issue_in_one_form(self):
        Issue = self.env["crm.newsletter.issue"].with_user(self.marketing)
        with Form(Issue) as form:
            form.newsletter_id = self.newsletter
            form.name = "Spring news"
            with form.item_ids.new() as item:
                item.headline = "First"
                item.link_url = "https://example.com/1"
            with form.item_ids.new() as item:
                item.headline = "Second"
        issue = form.record
        self.assertEqual(issue.item_ids.mapped("headline"), ["First", "Second"])
        self.assertEqual(issue.layout_id, self.layout, "the newsletter's layout by default")
        self.assertEqual(issue.contact_list_ids, self.mailing_list)
        # reordering (the drag handle writes the sequences)
        issue.item_ids[1].sequence = 1
        issue.item_ids[0].sequence = 5
        issue.invalidate_recordset(["item_ids"])
        self.assertEqual(issue.item_ids.mapped("headline"), ["Second", "First"])

    def test_item_without_headline_is_refused(self):
        issue = self._issue()
        for headline in ("", "   "):
            with (
                self.subTest(headline=headline),
                self.assertRaises(ValidationError),
                self.env.cr.savepoint(),
            ):
                self.env["crm.newsletter.item"].create({"issue_id": issue.id, "headline": headline})

    def test_dangerous_urls_are_refused(self):
        issue = self._issue()
        Item = self.env["crm.newsletter.item"].with_user(self.marketing)
        for url in ("javascript:alert(1)", "data:text/html;base64,PHNjcmlwdD4=", "file:///etc/passwd",
                    "JaVaScRiPt:alert(1)", "http:/broken"):  # fmt: skip
            for field in ("link_url", "image_url"):
                with (
                    self.subTest(url=url, field=field),
                    # the message is translated, also outside a web request
                    self.assertNoLogs("odoo.tools.translate", "WARNING"),
                    self.assertRaisesRegex(ValidationError, "http"),
                    self.env.cr.savepoint(),
                ):
                    Item.create({"issue_id": issue.id, "headline": "x", field: url})
        self.assertEqual(len(issue.item_ids), 2, "nothing half stored")

    def test_script_in_text_is_sanitised(self):
        issue = self._issue()
        item = self.env["crm.newsletter.item"].with_user(self.marketing).create(
            {"issue_id": issue.id, "headline": "<b>Bold</b>",
             "body": '<p onclick="steal()">Hi<script>alert(1)</script>'
                     '<img src=x onerror="x()"></p>'}
        )  # fmt: skip
        self.assertNotIn("script", item.body)
        self.assertNotIn("onerror", item.body)
        self.assertNotIn("onclick", item.body)
        html = issue._render_html()
        self.assertIn("&lt;b&gt;Bold&lt;/b&gt;", html, "headlines are escaped")
        self.assertNotIn("<script", html)

    def test_big_hero_image_is_refused_with_a_clear_message(self):
        issue = self._issue().with_user(self.marketing)
        five_mb = base64.b64encode(b"\x89PNG\r\n\x1a\n" + b"\0" * (5 * 1024 * 1024))
        with self.assertRaisesRegex(ValidationError, r"5\.0 MB"):
            issue.image_file = five_mb
        self.assertEqual(issue.name, "December news")

    def test_uploaded_image_is_served_publicly_to_mail_clients(self):
        png = (
            b"iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQ"
            b"GAhKmMIQAAAABJRU5ErkJggg=="
        )
        issue = self._issue()
        issue.with_user(self.marketing).image_file = png
        src = issue._image_src(issue.get_base_url())
        self.assertRegex(src, r"/web/image/\d+\?access_token=\w+")

    def test_sent_issue_is_locked(self):
        issue = self._issue()
        issue.with_user(self.marketing).action_send()
        with self.assertRaises(UserError):
            issue.item_ids[0].with_user(self.marketing).headline = "Changed"

    def test_items_from_a_feed(self):
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _FeedHandler)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        self.addCleanup(server.server_close)
        self.addCleanup(server.shutdown)
        port = server.server_address[1]
        self.newsletter.feed_url = f"http://127.0.0.1:{port}/feed.xml"
        issue = self._issue().with_user(self.marketing)
        issue.action_import_feed()
        new = issue.item_ids.filtered(lambda item: item.headline == "Opening in Shiraz")
        self.assertEqual(new.link_url, "https://example.com/blog/shiraz")
        self.assertEqual(new.image_url, "https://example.com/shiraz.jpg")
        self.assertNotIn("script", new.body or "")
        bad = issue.item_ids.filtered(lambda item: item.headline == "Bad link")
        self.assertFalse(bad.link_url, "a javascript: link of the feed is dropped")
        # "Winter offer" links to a page already in the issue: not added twice
        self.assertEqual(len(issue.item_ids), 4)
        issue.action_import_feed()
        self.assertEqual(len(issue.item_ids), 4, "importing again adds nothing")
        self.newsletter.feed_url = f"http://127.0.0.1:{port}/not-a-feed"
        with self.assertRaisesRegex(UserError, "RSS or Atom"):
            issue.action_import_feed()
        with self.assertRaisesRegex(ValidationError, "http"):
            self.newsletter.feed_url = "file:///etc/passwd"
