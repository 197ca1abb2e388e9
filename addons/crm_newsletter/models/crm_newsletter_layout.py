# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import css_inline
from lxml import etree
from lxml import html as lxml_html
from markupsafe import Markup, escape

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

RTL_LANGS = ("fa", "he", "ar", "ur", "ps", "ku", "yi")

# QWeb directives that would reach outside the values the layout is given
# (other templates, assets, the debugger): refused, so a layout only ever sees
# the plain issue data of ``_sample_values`` / ``_issue_values``.
FORBIDDEN_DIRECTIVES = ("t-call", "t-call-assets", "t-debug", "t-js", "t-cache", "t-install")

# One inliner for the process: inlining keeps no <style> (mail clients such as
# Gmail drop them), and never fetches remote stylesheets.
INLINER = css_inline.CSSInliner(keep_style_tags=False, load_remote_stylesheets=False)


def is_rtl(lang_code):
    return (lang_code or "").split("_")[0] in RTL_LANGS


class CrmNewsletterLayout(models.Model):
    """A display template: QWeb that places the fields of an issue.

    Consultants copy one of the shipped layouts and edit its QWeb. The
    variables it receives are listed in ``help`` of ``arch`` and in
    readme/CONFIGURE.md; they are plain values (strings, numbers, lists and
    dicts), never records, and the template is rendered with the minimal QWeb
    context, so a layout cannot read anything an issue does not show.
    """

    _name = "crm.newsletter.layout"
    _description = "Newsletter layout"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    description = fields.Text(translate=True)
    arch = fields.Text(
        string="QWeb template",
        required=True,
        help="Variables: issue (title, number, date, intro, image_src, image_alt, view_url), "
        "items (list: number, headline, body, image_src, image_alt, link_url, button_label), "
        "newsletter (name, company, company_url), lang, dir ('rtl' or 'ltr'), "
        "start and end ('right'/'left' for text-align), labels (view_in_browser, unsubscribe), "
        "unsubscribe_url, view_url.",
    )
    preview_html = fields.Html(compute="_compute_preview_html", sanitize=False, string="Preview")

    @api.depends("arch")
    def _compute_preview_html(self):
        for layout in self:
            try:
                layout.preview_html = layout._render_document(layout._sample_values("en_US"))
            except UserError as error:
                layout.preview_html = Markup("<pre>%s</pre>") % str(error)

    @api.constrains("arch")
    def _check_arch(self):
        for layout in self:
            for lang in ("en_US", "fa_IR"):
                try:
                    layout._render_document(layout._sample_values(lang))
                except UserError as error:
                    raise ValidationError(str(error)) from error

    def copy_data(self, default=None):
        vals_list = super().copy_data(default=default)
        return [
            dict(vals, name=_("%s (copy)", layout.name))
            for layout, vals in zip(self, vals_list, strict=True)
        ]

    # ------------------------------------------------------------------
    # Rendering
    # ------------------------------------------------------------------
    def _parse_arch(self):
        self.ensure_one()
        try:
            tree = etree.fromstring(self.arch)
        except etree.XMLSyntaxError as error:
            raise UserError(
                _("The layout “%(name)s” is not valid XML: %(error)s", name=self.name, error=error)
            ) from error
        for node in tree.iter(etree.Element):
            for attribute in node.attrib:
                if attribute in FORBIDDEN_DIRECTIVES:
                    raise UserError(
                        _(
                            "The layout “%(name)s” uses %(directive)s, which layouts may not use.",
                            name=self.name,
                            directive=attribute,
                        )
                    )
        return tree

    def _render_document(self, values):
        """QWeb → CSS inlined → directions enforced: the HTML sent as is."""
        self.ensure_one()
        tree = self._parse_arch()
        try:
            rendered = self.env["ir.qweb"]._render(tree, values, minimal_qcontext=True)
        except Exception as error:
            raise UserError(
                _(
                    "The layout “%(name)s” cannot be rendered: %(error)s",
                    name=self.name,
                    error=str(error).splitlines()[0] if str(error) else type(error).__name__,
                )
            ) from error
        inlined = INLINER.inline(str(rendered))
        return Markup(self._enforce_direction(inlined, values["lang"], values["dir"]))

    @api.model
    def _enforce_direction(self, document, lang, direction):
        """dir/lang on <html>, <body> and a wrapper <div>, and a direction on
        every table: Outlook and Gmail do not inherit the direction into
        tables, and Odoo's composer keeps only the body's content (the
        wrapper is what carries the direction there)."""
        root = lxml_html.document_fromstring(document)
        html_lang = lang.replace("_", "-")
        root.set("dir", direction)
        root.set("lang", html_lang)
        for title in root.iter("title"):
            # Odoo's composer turns a <title> into visible text
            title.getparent().remove(title)
        body = root.find("body")
        body.set("dir", direction)
        align = "right" if direction == "rtl" else "left"
        wrapper = lxml_html.Element(
            "div",
            {"dir": direction, "lang": html_lang,
             "style": f"direction:{direction};text-align:{align}",
             "class": "o_crm_newsletter"},
        )  # fmt: skip
        wrapper.text, body.text = body.text, None
        for child in list(body):
            wrapper.append(child)
        body.append(wrapper)
        for node in root.iter("table", "td", "th"):
            node.set("dir", direction)
            style = (node.get("style") or "").strip().rstrip(";")
            if "direction:" not in style.replace(" ", ""):
                node.set("style", f"{style};direction:{direction}".lstrip(";"))
        return "<!DOCTYPE html>\n" + lxml_html.tostring(root, encoding="unicode")

    @api.model
    def _document_shell(self, document):
        """The opening and closing of ``document`` around its body's content,
        to put a whole document back around what the composer renders."""
        root = lxml_html.document_fromstring(document)
        body = root.find("body")
        # The composer strips ``direction`` from the styles it renders: the
        # dir attributes survive, and the body states it once more.
        direction = body.get("dir") or "ltr"
        style = (body.get("style") or "").strip().rstrip(";")
        body.set("style", f"{style};direction:{direction}".lstrip(";"))
        html_attrs = "".join(f' {k}="{escape(v)}"' for k, v in root.attrib.items())
        body_attrs = "".join(f' {k}="{escape(v)}"' for k, v in body.attrib.items())
        opening = (
            f"<!DOCTYPE html>\n<html{html_attrs}><head>"
            '<meta http-equiv="Content-Type" content="text/html; charset=utf-8"/>'
            '<meta name="viewport" content="width=device-width, initial-scale=1"/>'
            f"</head><body{body_attrs}>"
        )
        return opening, "</body></html>"

    @api.model
    def _lang_env(self, lang):
        """An environment in ``lang`` if it is installed (else the user's)."""
        if lang in dict(self.env["res.lang"].get_installed()):
            return self.with_context(lang=lang).env
        return self.env

    @api.model
    def _direction_values(self, lang):
        """Direction, alignment and the fixed words of a layout, in ``lang``."""
        rtl = is_rtl(lang)
        env = self._lang_env(lang)
        return {
            "labels": {
                "view_in_browser": env._("View in browser"),
                "unsubscribe": env._("Unsubscribe"),
            },
            "lang": lang,
            "dir": "rtl" if rtl else "ltr",
            "start": "right" if rtl else "left",
            "end": "left" if rtl else "right",
        }

    @api.model
    def _sample_values(self, lang):
        """Values shaped like a real issue's, to check and preview a layout."""
        env = self._lang_env(lang)
        base_url = self.get_base_url()
        values = {
            "issue": {
                "title": env._("Sample issue"),
                "number": 7,
                "date": "2026-12-01",
                "intro": Markup("<p>%s</p>") % env._("A short introduction to this issue."),
                "image_src": "",
                "image_alt": "",
                "view_url": base_url,
            },
            "items": [
                {
                    "number": 1,
                    "headline": env._("First news item"),
                    "body": Markup("<p>%s</p>") % env._("The text of the news item."),
                    "image_src": f"{base_url}/web/static/img/placeholder.png",
                    "image_alt": env._("Picture of the first item"),
                    "link_url": base_url,
                    "button_label": env._("Read more"),
                }
            ],
            "newsletter": {
                "name": env._("Sample newsletter"),
                "company": self.env.company.name,
                "company_url": base_url,
            },
            "unsubscribe_url": f"{base_url}/unsubscribe_from_list",
            "view_url": f"{base_url}/view",
        }
        values.update(self._direction_values(lang))
        return values
