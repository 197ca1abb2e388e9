# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The CRM form block of the website: the editor offers the published forms
(and no other), a page made with the block shows the form, in Chromium the
visitor posts it from the page."""

from odoo.tests import HttpCase, tagged

from odoo.addons.crm_portal.tests.common import make_public_form, visitor_in_english

BLOCK = """
<t t-name="crm_portal_website.test_block_page">
  <t t-call="website.layout">
    <div id="wrap" class="oe_structure">
      <section class="s_crm_portal_form" data-crm-form="%s" data-snippet="s_crm_portal_form">
        <div class="container"><div class="o_crm_portal_form_frame"><p>Choose</p></div></div>
      </section>
    </div>
  </t>
</t>
"""


@tagged("post_install", "-at_install", "crm_suite_http")
class TestWebsiteBlock(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        visitor_in_english(cls.env)
        cls.form = make_public_form(cls.env, "block-apply")
        cls.hidden = make_public_form(cls.env, "block-hidden", is_published=False)
        view = cls.env["ir.ui.view"].create(
            {
                "name": "Block page",
                "type": "qweb",
                "key": "crm_portal_website.test_block_page",
                "arch": BLOCK % cls.form.slug,
            }
        )
        cls.page = cls.env["website.page"].create(
            {"url": "/test-crm-block", "view_id": view.id, "is_published": True}
        )

    def snippets_as(self, login):
        self.authenticate(login, login)
        return self.make_jsonrpc_request(
            "/web/dataset/call_kw/ir.ui.view/render_public_asset",
            {
                "model": "ir.ui.view",
                "method": "render_public_asset",
                "args": ["website.snippets", {}],
                "kwargs": {},
            },
        )

    def test_editor_offers_the_published_forms(self):
        snippets = self.snippets_as("admin")
        self.assertIn('data-snippet="s_crm_portal_form"', snippets)
        self.assertIn('data-attribute-name="crmForm"', snippets)
        self.assertIn('data-select-data-attribute="block-apply"', snippets)
        self.assertNotIn("block-hidden", snippets, "an unpublished form is not offered")

    def test_page_with_the_block(self):
        page = self.url_open("/test-crm-block")
        self.assertEqual(page.status_code, 200)
        self.assertIn('data-crm-form="block-apply"', page.text)
        # The form itself is what the block frames: its page may be framed by
        # the site (no embedding sites set: any).
        framed = self.url_open("/forms/block-apply?embed=1")
        self.assertIn("frame-ancestors *", framed.headers["Content-Security-Policy"])

    def test_visitor_posts_the_block_form(self):
        self.start_tour("/test-crm-block", "crm_portal_website_block")
        submission = self.env["crm.portal.form.submission"].search([("form_id", "=", self.form.id)])
        self.assertEqual(submission.email, "dara.visitor@example.com")
        self.assertEqual(dict(submission.request_id.properties)["position"], "Designer")
