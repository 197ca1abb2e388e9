# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from lxml import html as lxml_html

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import NewsletterCase

LAYOUTS = ("layout_classic", "layout_cards", "layout_digest")


@tagged("post_install", "-at_install")
class TestLayouts(NewsletterCase):
    def _parse(self, document):
        root = lxml_html.document_fromstring(str(document))
        self.assertEqual(root.tag, "html")
        return root

    def test_each_layout_renders_email_safe_html_in_every_direction(self):
        issue = self._issue(image_url="https://example.com/hero.png")
        for xmlid in LAYOUTS:
            layout = self.env.ref(f"crm_newsletter.{xmlid}")
            for lang, direction in (("en_US", "ltr"), ("fa_IR", "rtl"), ("he_IL", "rtl")):
                with self.subTest(layout=xmlid, lang=lang):
                    root = self._parse(issue._render_html(layout=layout, lang=lang))
                    self.assertFalse(root.xpath("//style"), "styles are inlined, none left")
                    self.assertEqual(root.get("dir"), direction)
                    self.assertEqual(root.get("lang"), lang.replace("_", "-"))
                    wrapper = root.find("body").find("div")
                    self.assertEqual(wrapper.get("dir"), direction)
                    tables = root.xpath("//table")
                    self.assertTrue(tables)
                    for table in tables:
                        self.assertEqual(table.get("dir"), direction)
                        self.assertIn(f"direction:{direction}", table.get("style").replace(" ", ""))
                    for image in root.xpath("//img"):
                        self.assertTrue(image.get("width"), "images have a width")
                        self.assertTrue(image.get("alt"), "images have an alt text")
                    self.assertTrue(root.xpath("//bdi"), "numbers and names are isolated")
                    # inlined: the headline carries its style
                    text = root.text_content()
                    self.assertIn("New office", text)
                    self.assertIn("Winter offer", text)

    def test_fixed_words_follow_the_language(self):
        issue = self._issue()
        self.env["ir.module.module"]._load_module_terms(["crm_newsletter"], ["fa_IR"])
        root = self._parse(issue._render_html(lang="fa_IR"))
        self.assertIn("لغو اشتراک", root.text_content())

    def test_layout_with_a_qweb_error_cannot_be_saved(self):
        layout = self.env.ref("crm_newsletter.layout_classic").with_user(self.marketing)
        copy = layout.copy()
        self.assertIn("(copy)", copy.name)
        with self.assertRaisesRegex(ValidationError, "cannot be rendered"):
            copy.arch = "<html><body><p t-out=\"issue['no_such_key']\"/></body></html>"
        with self.assertRaisesRegex(ValidationError, "not valid XML"):
            copy.arch = "<html><body><p>unclosed</body></html>"

    def test_layout_is_sandboxed(self):
        copy = self.env.ref("crm_newsletter.layout_digest").with_user(self.marketing).copy()
        # no environment, no records, no other templates
        for arch in (
            "<html><body><p t-out=\"env['res.users'].search([])\"/></body></html>",
            '<html><body><p t-out="issue.__class__"/></body></html>',
            '<html><body><t t-call="web.layout"/></body></html>',
        ):
            with (
                self.subTest(arch=arch),
                self.assertRaises(ValidationError),
                self.env.cr.savepoint(),
            ):
                copy.arch = arch

    def test_runtime_error_of_a_layout_stops_the_send(self):
        layout = self.env.ref("crm_newsletter.layout_classic").copy(
            {"arch": '<html><body><p t-if="len(items) &gt; 1" t-out="1 // 0"/></body></html>'}
        )
        issue = self._issue(layout_id=layout.id).with_user(self.marketing)
        with self.assertRaisesRegex(UserError, "cannot be rendered"):
            issue.action_send()
        self.assertEqual(issue.state, "draft")
        self.assertEqual(len(issue.item_ids), 2, "nothing is lost")
