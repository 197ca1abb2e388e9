# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Odoo's captcha modules on the public forms, for real: the form page
carries the widget when keys are set, and the post is verified by Odoo's
google_recaptcha / website_cf_turnstile code against an HTTP peer on loopback
that speaks the providers' siteverify protocol (the test routes the
providers' addresses to it; nothing of ours or Odoo's is replaced)."""

import functools
import http.server
import json
import threading
import urllib.parse

from odoo.tests import HttpCase, tagged
from odoo.tests.common import _super_send
from odoo.tools import mute_logger

from odoo.addons.crm_portal.tests.common import make_public_form, visitor_in_english

HUMAN = "token-of-a-human"
PROVIDERS = {"www.recaptcha.net", "challenges.cloudflare.com"}


class SiteverifyPeer(http.server.BaseHTTPRequestHandler):
    """reCAPTCHA v3 and Turnstile siteverify: a form post of secret,
    response and remoteip, answered in JSON."""

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        posted = dict(urllib.parse.parse_qsl(self.rfile.read(length).decode()))
        self.server.calls.append((self.path, posted))
        if posted.get("secret") != self.server.secret:
            answer = {"success": False, "error-codes": ["invalid-input-secret"]}
        elif posted.get("response") != HUMAN:
            answer = {"success": False, "error-codes": ["invalid-input-response"]}
        else:
            answer = {"success": True, "action": "crm_portal_form", "score": 0.9}
        body = json.dumps(answer).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        """No access log on the test's output."""


@tagged("post_install", "-at_install", "crm_suite_http")
class TestFormCaptcha(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        visitor_in_english(cls.env)
        cls.peer = http.server.ThreadingHTTPServer(("127.0.0.1", 0), SiteverifyPeer)
        cls.peer.calls = []
        cls.peer.secret = "the-private-key"
        threading.Thread(target=cls.peer.serve_forever, daemon=True).start()
        cls.addClassCleanup(cls.peer.server_close)
        cls.addClassCleanup(cls.peer.shutdown)
        # Every test posts from 127.0.0.1: no per-visitor limit in the way.
        cls.form = make_public_form(cls.env, "captcha-apply", rate_limit_ip=10000)

    @classmethod
    def _request_handler(cls, s, r, /, **kw):
        """The providers' siteverify addresses lead to the peer."""
        url = urllib.parse.urlsplit(r.url)
        if url.hostname in PROVIDERS:
            port = cls.peer.server_address[1]
            r.url = urllib.parse.urlunsplit(("http", f"127.0.0.1:{port}", url.path, "", ""))
            return _super_send(s, r, **kw)
        return super()._request_handler(s, r, **kw)

    def setUp(self):
        super().setUp()
        self.peer.calls.clear()
        self.set_param = functools.partial(self.env["ir.config_parameter"].set_param)
        for key in ("recaptcha_public_key", "recaptcha_private_key"):
            self.set_param(key, False)
        for key in ("cf.turnstile_site_key", "cf.turnstile_secret_key"):
            self.set_param(key, False)

    def post(self, **values):
        page = self.url_open("/forms/captcha-apply").text
        question = f"field_{self.form.field_ids.id}"
        data = {
            "page_token": self.form._page_token(),
            "contact_name": "Robot Or Not",
            "contact_email": "robot.or.not@example.com",
            question: "Tester",
            "consent": "1",
            "form_lang": "en_US",
            **values,
        }
        return page, self.url_open("/forms/captcha-apply/submit", data=data)

    def submissions(self):
        return self.env["crm.portal.form.submission"].search_count([("form_id", "=", self.form.id)])

    def assert_robot_refused_human_accepted(self, token_field, logger, message):
        """A robot's token is refused with Odoo's message and leaves nothing;
        a human's is accepted. Returns the form page the visitor got."""
        with mute_logger(logger):
            page, refused = self.post(**{token_field: "a-robot's-token"})
        self.assertEqual(refused.status_code, 403)
        self.assertIn(message, refused.text)
        self.assertEqual(self.submissions(), 0)
        _page, accepted = self.post(**{token_field: HUMAN})
        self.assertEqual(accepted.status_code, 200, accepted.text[:300])
        self.assertEqual(self.submissions(), 1)
        return page

    def test_recaptcha(self):
        self.set_param("recaptcha_public_key", "the-site-key")
        self.set_param("recaptcha_private_key", "the-private-key")
        self.set_param("recaptcha_min_score", "0.5")
        page = self.assert_robot_refused_human_accepted(
            "recaptcha_token_response",
            "odoo.addons.google_recaptcha.models.ir_http",
            "The reCaptcha token is invalid.",
        )
        self.assertIn("https://www.google.com/recaptcha/api.js?render=the-site-key", page)
        self.assertIn('data-captcha-key="the-site-key"', page)
        self.assertIn('name="recaptcha_token_response"', page)
        path, posted = self.peer.calls[-1]
        self.assertEqual(path, "/recaptcha/api/siteverify")
        self.assertEqual(posted["secret"], "the-private-key")
        self.assertEqual(posted["remoteip"], "127.0.0.1")

    def test_turnstile(self):
        self.set_param("cf.turnstile_site_key", "the-turnstile-site-key")
        self.set_param("cf.turnstile_secret_key", "the-private-key")
        page = self.assert_robot_refused_human_accepted(
            "turnstile_captcha",
            "odoo.addons.website_cf_turnstile.models.ir_http",
            "The CloudFlare human validation failed.",
        )
        self.assertIn("https://challenges.cloudflare.com/turnstile/v0/api.js", page)
        self.assertIn('data-sitekey="the-turnstile-site-key"', page)
        self.assertIn('data-response-field-name="turnstile_captcha"', page)
        self.assertNotIn("recaptcha/api.js", page, "no reCAPTCHA without its keys")
        self.assertEqual(self.peer.calls[-1][0], "/turnstile/v0/siteverify")

    def test_wrong_private_key_is_refused_not_accepted(self):
        self.set_param("recaptcha_private_key", "a-mistyped-key")
        with mute_logger("odoo.addons.google_recaptcha.models.ir_http"):
            _page, refused = self.post(recaptcha_token_response=HUMAN)
        self.assertEqual(refused.status_code, 403)
        self.assertEqual(self.submissions(), 0)

    def test_no_keys_no_widget_no_check(self):
        page, accepted = self.post()
        self.assertNotIn("recaptcha/api.js", page)
        self.assertNotIn("cf-turnstile", page)
        self.assertEqual(accepted.status_code, 200)
        self.assertEqual(self.peer.calls, [])
