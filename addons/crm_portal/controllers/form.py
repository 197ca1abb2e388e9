# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Public forms: the standalone page (also the embedded iframe), the post,
the email confirmation link and the forms of the customer panel."""

import logging

from werkzeug.exceptions import NotFound

from odoo import _, fields, http
from odoo.exceptions import UserError, ValidationError
from odoo.http import request

from ..models.crm_portal_form import FormRefusal
from .portal import CrmPortal

_logger = logging.getLogger(__name__)
FORM_MODEL = "crm.portal.form"


class CrmPortalForms(CrmPortal):
    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "crm_form_count" in counters:
            values["crm_form_count"] = len(self._panel_forms())
        return values

    def _panel_forms(self):
        companies = [False, *request.env.user.company_ids.ids]
        return (
            request.env[FORM_MODEL]
            .sudo()
            .search([("show_in_portal", "=", True), ("company_id", "in", companies)])
        )

    def _form_by_slug(self, slug):
        """The form at ``slug`` if the visitor may fill it: published, or in
        the panel for a logged-in customer; else 404."""
        # search_fetch: the form and the fields the page reads in one query.
        form = (
            request.env[FORM_MODEL]
            .sudo()
            .search_fetch(
                [("slug", "=", slug or "")],
                ["is_published", "show_in_portal", "type_id", "field_ids", "allowed_origins"],
                limit=1,
            )
        )
        logged_in = not request.env.user._is_public()
        if not form or not (form.is_published or (form.show_in_portal and logged_in)):
            raise NotFound()
        return form

    def _visitor_lang(self, posted=None):
        """The visitor's language: the one posted by the page he filled (an
        embed has no cookie), else the request's (URL, cookie, browser)."""
        installed = dict(request.env["res.lang"].get_installed())
        if posted in installed:
            return posted
        return request.env.lang if request.env.lang in installed else "en_US"

    def _frame_headers(self, form):
        origins = " ".join(
            o for o in (form.allowed_origins or "").split() if o.startswith(("https://", "http://"))
        )
        return {
            "Content-Security-Policy": f"frame-ancestors {origins or '*'}",
            "X-Frame-Options": None,
        }

    def _render_form(self, form, lang, values=None, status=200):
        form = form.with_context(lang=lang)
        request.update_context(lang=lang)
        lang_data = request.env["res.lang"]._get_data(code=lang)
        user = request.env.user
        embed = bool(request.params.get("embed"))
        # The thank-you page has no form: no token, prefill nor captcha.
        fill = not (values and values.get("done"))
        page = {
            "form": form,
            "questions": form.field_ids,
            "lang": lang,
            "embed": embed,
            "no_header": embed,
            "no_footer": embed,
            "logged_in": not user._is_public(),
            "partner": user.partner_id,
            "page_token": fill and form._page_token(),
            "prefill": form._prefill(user) if fill else {},
            "posted": {},
            "error": False,
            "html_data": {"lang": lang.replace("_", "-"), "dir": lang_data.direction or "ltr"},
            "captcha": self._captcha_keys() if fill else {"recaptcha": False, "turnstile": False},
        }
        page.update(values or {})
        response = request.render("crm_portal.public_form_page", page, status=status)
        for header, value in self._frame_headers(form).items():
            if value is None:
                response.headers.pop(header, None)
            else:
                response.headers[header] = value
        return response

    def _captcha_keys(self):
        """The site keys of Odoo's captcha modules that are installed and
        configured: {"recaptcha": key, "turnstile": key} (False when not)."""
        IrHttp = request.env["ir.http"]
        param = request.env["ir.config_parameter"].sudo().get_param
        return {
            "recaptcha": hasattr(IrHttp, "_verify_recaptcha_token")
            and param("recaptcha_public_key"),
            "turnstile": hasattr(IrHttp, "_verify_turnstile_token")
            and param("cf.turnstile_site_key"),
        }

    def _check_captcha(self):
        """Odoo's own captcha (google_recaptcha, website_cf_turnstile) when
        installed: it passes when no key is configured."""
        IrHttp = request.env["ir.http"]
        if not hasattr(IrHttp, "_verify_request_recaptcha_token"):
            return
        try:
            ok = IrHttp._verify_request_recaptcha_token("crm_portal_form")
        except (UserError, ValidationError) as error:
            raise FormRefusal(str(error.args[0]), 403) from error
        if not ok:
            raise FormRefusal(_("The anti-robot check failed: please try again."), 403)

    @http.route(["/forms/<string:slug>"], type="http", auth="public", website=True, methods=["GET"])
    def crm_form_page(self, slug, **kw):
        form = self._form_by_slug(slug)
        return self._render_form(form, self._visitor_lang(kw.get("form_lang") or kw.get("lang")))

    @http.route(
        ["/forms/<string:slug>/submit"],
        type="http",
        auth="public",
        website=True,
        methods=["POST"],
        csrf=False,
    )
    def crm_form_submit(self, slug, **post):
        form = self._form_by_slug(slug)
        lang = self._visitor_lang(post.get("form_lang"))
        request.update_context(lang=lang)
        form = form.with_context(lang=lang)
        files = {}
        for key, storage in request.httprequest.files.items(multi=True):
            files.setdefault(key, []).append(
                (storage.filename, storage.read(), storage.content_type)
            )
        posted = {k: v for k, v in post.items() if isinstance(v, str)}
        try:
            self._check_abuse(form)
            # A savepoint: a submission failing half-way leaves nothing.
            with request.env.cr.savepoint():
                submission = form._submit(
                    posted, files, request.env.user, lang, request.httprequest.remote_addr
                )
        except FormRefusal as refusal:
            return self._render_form(
                form, lang, {"posted": posted, "error": refusal.args[0]}, status=refusal.status
            )
        except (UserError, ValidationError) as error:
            return self._render_form(
                form, lang, {"posted": posted, "error": error.args[0]}, status=400
            )
        if form.redirect_url and form.redirect_url.startswith(("https://", "http://", "/")):
            return request.redirect(form.redirect_url, local=False)
        return self._render_form(form, lang, {"done": submission})

    def _check_abuse(self, form):
        """Refusals before anything is read into the database: honeypot, the
        logged-in session's CSRF or the page's signed token, the rate limit,
        the captcha."""
        params = request.params
        if params.get("crm_website"):  # honeypot: hidden from people, filled by robots
            raise FormRefusal(_("Your form could not be sent."), 400)
        if not request.env.user._is_public():
            if not request.validate_csrf(params.get("csrf_token")):
                raise FormRefusal(_("This form is not valid any more: reload the page."), 403)
        else:
            form._check_page_token(params.get("page_token"))
        form._check_rate(request.httprequest.remote_addr or "-")
        self._check_captcha()

    @http.route(["/forms/confirm/<string:token>"], type="http", auth="public", website=True)
    def crm_form_confirm(self, token, **kw):
        Submission = request.env["crm.portal.form.submission"].sudo()
        submission = Submission.search(
            [("confirm_token_hash", "=", Submission.form_id._hash_token(token[:200]))], limit=1
        )
        if not submission:
            message, status = _("This link is not valid or has already been used."), 404
        elif submission.confirm_deadline < fields.Datetime.now():
            message, status = _("This link has expired: please send the form again."), 410
        else:
            submission._confirm()
            message, status = _("Thank you: your email address is confirmed."), 200
        lang = submission.lang or self._visitor_lang()
        request.update_context(lang=lang)
        lang_data = request.env["res.lang"]._get_data(code=lang)
        return request.render(
            "crm_portal.public_form_confirm",
            {
                "message": message,
                "html_data": {"lang": lang.replace("_", "-"), "dir": lang_data.direction or "ltr"},
            },
            status=status,
        )

    @http.route(["/my/forms"], type="http", auth="user", website=True)
    def portal_my_forms(self, **kw):
        values = self._prepare_portal_layout_values()
        values.update({"crm_forms": self._panel_forms(), "page_name": "crm_forms"})
        return request.render("crm_portal.portal_my_forms", values)
