# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""In Chromium, across origins: a static page of another site (served here
on ``localhost``, the form on ``127.0.0.1``: another origin and another site)
holds the snippet copied from the form's back-end page; the visitor fills the
embedded form, receives the invitation, sets his password and finds his
request in his panel. A site missing from the form's embedding sites gets no
form."""

import functools
import http.server
import re
import tempfile
import threading
from pathlib import Path
from unittest.mock import patch

from odoo.tests import HttpCase, tagged
from odoo.tests.common import ChromeBrowser

from .common import make_public_form, visitor_in_english

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Another company's site</title></head>
<body><h1>Apply with us</h1>
{snippet}
</body></html>
"""

# Waits, in the embedding page, for the sizing script to give the frame the
# height the form reported (the form loaded and talked to its host page).
FRAME_SIZED = """
new Promise((resolve, reject) => {
    const started = Date.now();
    (function check() {
        const frame = document.querySelector("iframe[data-crm-form]");
        if (frame && parseInt(frame.style.height || "0", 10) > 200) {
            resolve(true);
        } else if (Date.now() - started > %(wait)s) {
            %(timeout)s
        } else {
            setTimeout(check, 100);
        }
    })();
})
"""
# Odoo's tour helpers (hoot-dom's getParentFrame) read window.parent.document,
# which a frame of another origin may not: in the frame, while a tour runs,
# "parent" (a replaceable property) names the frame itself. Test scaffolding
# only: window.top and the origins stay, and the tour checks them.
TOUR_IN_FRAME_SHIM = """
if (window.top !== window && localStorage.getItem("current_tour")) {
    window.parent = window;
}
"""
# Started in the frame's own page (its Odoo assets hold the test tours).
START_IN_FRAME = """
window.parent = window;
(function start() {
    if (window.odoo && odoo.isTourReady && odoo.isTourReady("crm_portal_embed_visitor")) {
        odoo.startTour("crm_portal_embed_visitor", {stepDelay: 0, startUrl: location.pathname});
    } else {
        setTimeout(start, 100);
    }
})();
"""


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        """No access log on the test's output."""


@tagged("post_install", "-at_install", "crm_suite_http")
class TestFormEmbedTour(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        visitor_in_english(env)
        # The embedding site: a plain static page on another port and host name.
        cls.site_dir = tempfile.TemporaryDirectory()
        cls.addClassCleanup(cls.site_dir.cleanup)
        handler = functools.partial(QuietHandler, directory=cls.site_dir.name)
        cls.site = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=cls.site.serve_forever, daemon=True).start()
        cls.addClassCleanup(cls.site.server_close)
        cls.addClassCleanup(cls.site.shutdown)
        cls.site_origin = f"http://localhost:{cls.site.server_address[1]}"
        cls.form = make_public_form(
            env, "embedded-apply", create_portal_user=True, allowed_origins=cls.site_origin
        )

    def setUp(self):
        super().setUp()
        self.env["ir.config_parameter"].set_param("web.base.url", self.base_url())
        # One renderer process for the page and its frame: Chrome then
        # reports the frame to this DevTools session, which starts the tour in
        # it. The same-origin policy still holds (the tour checks it).
        spawn = ChromeBrowser._spawn_chrome

        def spawn_one_process(browser, cmd):
            return spawn(browser, [*cmd[:-1], "--disable-site-isolation-trials", cmd[-1]])

        patcher = patch.object(ChromeBrowser, "_spawn_chrome", spawn_one_process)
        patcher.start()
        self.addCleanup(patcher.stop)

    def publish_page(self, name):
        """The static page of the other site, with the snippet as copied."""
        self.form.invalidate_recordset(["embed_snippet"])
        Path(self.site_dir.name, name).write_text(
            PAGE.format(snippet=self.form.embed_snippet), encoding="utf-8"
        )
        return f"{self.site_origin}/{name}"

    def run_in_frame(self, url):
        """Open the other site's page; once the frame is sized, run the
        visitor's tour inside the frame and wait for it to succeed."""
        wait_code_ok = ChromeBrowser._wait_code_ok

        def start_in_frame(browser, code, timeout, error_checker=None):
            sized = FRAME_SIZED % {"wait": 30000, "timeout": "reject('frame not sized')"}
            browser._websocket_request(
                "Runtime.evaluate", params={"expression": sized, "awaitPromise": True}, timeout=40
            )
            tree = browser._websocket_request("Page.getFrameTree")["frameTree"]
            (frame,) = [f["frame"] for f in tree.get("childFrames", [])]
            self.assertTrue(frame["url"].startswith(self.base_url() + "/forms/embedded-apply"))
            world = browser._websocket_request(
                "Page.createIsolatedWorld", params={"frameId": frame["id"], "worldName": "tour"}
            )
            browser._websocket_request(
                "Page.addScriptToEvaluateOnNewDocument", params={"source": TOUR_IN_FRAME_SHIM}
            )
            # An isolated world sees the frame's DOM, not its scripts: a
            # script element runs the start in the frame's own world.
            inject = (
                "const s = document.createElement('script');"
                f"s.textContent = {START_IN_FRAME!r};"
                "document.head.appendChild(s);"
            )
            browser._websocket_request(
                "Runtime.evaluate",
                params={"expression": inject, "contextId": world["executionContextId"]},
            )
            return wait_code_ok(browser, code, timeout, error_checker)

        with patch.object(ChromeBrowser, "_wait_code_ok", start_in_frame):
            self.browser_js(url, "true", success_signal="tour succeeded", timeout=120)

    def test_visitor_fills_embedded_form_and_finds_request_in_panel(self):
        sent = []
        IrMailServer = type(self.env["ir.mail_server"])
        send_email = IrMailServer.send_email

        def keep(server, message, *args, **kwargs):
            sent.append(message)
            return send_email(server, message, *args, **kwargs)

        with patch.object(IrMailServer, "send_email", keep):
            self.run_in_frame(self.publish_page("apply.html"))
        submission = self.env["crm.portal.form.submission"].search([("form_id", "=", self.form.id)])
        self.assertEqual(len(submission), 1)
        self.assertEqual(submission.email, "nima.visitor@example.com")
        request = submission.request_id
        self.assertEqual(dict(request.properties)["position"], "Engineer")
        user = submission.partner_id.user_ids
        self.assertTrue(user.has_group("base.group_portal"))
        # The invitation (auth_signup), as mailed: its link is his way in.
        (invitation,) = [m for m in sent if "nima.visitor@example.com" in m["To"]]
        body = invitation.get_body(("html",)).get_content()
        link = re.search(r'href="([^"]*/web/signup[^"]*)"', body).group(1).replace("&amp;", "&")
        self.assertTrue(link.startswith(self.base_url()))
        self.start_tour(link[len(self.base_url()) :], "crm_portal_embed_signup")
        self.assertTrue(user.login_date, "he logged in with the password he chose")
        self.assertEqual(
            self.env["crm.portal.request"].with_user(user).search([]), request,
            "his panel holds his request, and only it",
        )  # fmt: skip

    def test_site_not_among_embedding_sites_gets_no_form(self):
        self.form.allowed_origins = "https://www.example.com"
        url = self.publish_page("refused.html")
        # The browser refuses to show the form (frame-ancestors): the frame
        # never reports its height to the page.
        refused = FRAME_SIZED % {
            "wait": 4000,
            "timeout": "console.log('test successful'); resolve(false); return;",
        }
        refused = refused.replace(
            "resolve(true);", "console.error('the form was shown to a site not allowed');"
        )
        self.browser_js(url, refused, timeout=30)
        submissions = self.env["crm.portal.form.submission"]
        self.assertFalse(submissions.search([("form_id", "=", self.form.id)]))
