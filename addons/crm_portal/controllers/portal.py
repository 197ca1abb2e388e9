# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The customer club at /my: requests, their status, documents and chatter,
and the steps the company asks of the customer."""

from werkzeug.exceptions import Forbidden

from odoo import _, http
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.http import request
from odoo.osv import expression

from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager

REQUEST_MODEL = "crm.portal.request"
# Longest search text accepted in the list (longer text is cut, not refused).
MAX_SEARCH_LENGTH = 100
FLASH_KEY = "crm_portal_flash"


def customer_post(path):
    """The route of a form the logged-in customer posts from his panel
    (Odoo's CSRF check applies)."""
    return http.route([path], type="http", auth="user", methods=["POST"], website=True)


class CrmPortal(CustomerPortal):
    def _prepare_portal_layout_values(self):
        """Every /my page declares its language and direction on <html>, so a
        Persian or Hebrew customer's browser lays it out right to left."""
        values = super()._prepare_portal_layout_values()
        lang = request.env["res.lang"]._get_data(code=request.env.lang or "en_US")
        values["html_data"] = {
            "lang": (lang.code or "en_US").replace("_", "-"),
            "dir": lang.direction or "ltr",
        }
        return values

    # ------------------------------------------------------------------
    # Home counters
    # ------------------------------------------------------------------
    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "crm_request_count" in counters:
            values["crm_request_count"] = request.env[REQUEST_MODEL].search_count(
                self._requests_domain()
            )
        if "crm_step_count" in counters:
            values["crm_step_count"] = request.env["crm.portal.step"].search_count(
                self._open_steps_domain()
            )
        return values

    def _requests_domain(self):
        # The record rules narrow it to the customer's own; this keeps an
        # internal user's portal view to his own requests too.
        partner = request.env.user.partner_id
        return [("partner_id", "child_of", partner.commercial_partner_id.ids)]

    def _my_steps_domain(self):
        """Steps assigned to the user, or to his partner when no portal user
        was known when the step was made (as the model checks on doing it)."""
        return [
            "|",
            ("user_id", "=", request.env.uid),
            "&",
            ("user_id", "=", False),
            ("partner_id", "=", request.env.user.partner_id.id),
        ]

    def _open_steps_domain(self):
        return expression.AND([[("state", "=", "open")], self._my_steps_domain()])

    # ------------------------------------------------------------------
    # Access: share links are checked against their hash, expiry, revocation
    # ------------------------------------------------------------------
    def _document_check_access(self, model_name, document_id, access_token=None):
        if model_name != REQUEST_MODEL:
            return super()._document_check_access(model_name, document_id, access_token)
        document = request.env[model_name].browse([document_id])
        document_sudo = document.sudo().exists()
        if not document_sudo:
            raise MissingError(_("This document does not exist."))
        try:
            document.check_access("read")
        except AccessError:
            if not request.env["crm.portal.share.link"]._check(document_id, access_token):
                raise
        return document_sudo

    def _request_for_customer(self, request_id):
        """The request ``request_id`` if the logged-in customer owns it, as
        sudo; else 404 (no difference between "missing" and "not yours")."""
        try:
            return self._document_check_access(REQUEST_MODEL, request_id)
        except (AccessError, MissingError) as error:
            raise request.not_found() from error

    def _flash(self, message, kind="danger"):
        request.session[FLASH_KEY] = {"message": message, "kind": kind}

    def _pop_flash(self):
        return request.session.pop(FLASH_KEY, None)

    # ------------------------------------------------------------------
    # List of requests
    # ------------------------------------------------------------------
    def _request_sortings(self):
        return {
            "date": {"label": _("Newest"), "order": "create_date desc, id desc"},
            "name": {"label": _("Number"), "order": "name desc, id desc"},
            "update": {
                "label": _("Last Status Change"),
                "order": "date_last_stage_update desc, id desc",
            },
        }

    def _request_filters(self):
        filters = {
            "all": {"label": _("All"), "domain": []},
            "open": {"label": _("Open"), "domain": [("is_closed", "=", False)]},
            "closed": {"label": _("Closed"), "domain": [("is_closed", "=", True)]},
        }
        for request_type in request.env["crm.portal.request.type"].search([]):
            filters[f"type_{request_type.id}"] = {
                "label": request_type.name,
                "domain": [("type_id", "=", request_type.id)],
            }
        return filters

    def _request_search_inputs(self):
        return {
            "all": {"input": "all", "label": _("Search in All")},
            "name": {"input": "name", "label": _("Search in Number")},
            "type": {"input": "type", "label": _("Search in Type")},
        }

    def _request_search_domain(self, search_in, search):
        if not search:
            return []
        domains = {
            "name": [("name", "ilike", search)],
            "type": [("type_id.name", "ilike", search)],
        }
        if search_in in domains:
            return domains[search_in]
        return expression.OR(domains.values())

    @http.route(
        ["/my/requests", "/my/requests/page/<int:page>"], type="http", auth="user", website=True
    )
    def portal_my_requests(
        self, page=1, sortby="date", filterby="all", search_in="all", search="", **kw
    ):
        Request = request.env[REQUEST_MODEL]
        sortings = self._request_sortings()
        filters = self._request_filters()
        search_inputs = self._request_search_inputs()
        sortby = sortby if sortby in sortings else "date"
        filterby = filterby if filterby in filters else "all"
        search_in = search_in if search_in in search_inputs else "all"
        # Control characters (NUL...) cannot reach PostgreSQL.
        search = "".join(ch for ch in (search or "")[:MAX_SEARCH_LENGTH] if ch.isprintable())
        domain = expression.AND(
            [
                self._requests_domain(),
                filters[filterby]["domain"],
                self._request_search_domain(search_in, search),
            ]
        )
        pager = portal_pager(
            url="/my/requests",
            url_args={
                "sortby": sortby,
                "filterby": filterby,
                "search_in": search_in,
                "search": search,
            },
            total=Request.search_count(domain),
            page=page,
            step=self._items_per_page,
        )
        requests = Request.search(
            domain,
            order=sortings[sortby]["order"],
            limit=self._items_per_page,
            offset=pager["offset"],
        )
        request.session["my_crm_requests_history"] = requests.ids[:100]
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "crm_requests": requests,
                "page_name": "crm_requests",
                "default_url": "/my/requests",
                "pager": pager,
                "searchbar_sortings": sortings,
                "sortby": sortby,
                "searchbar_filters": filters,
                "filterby": filterby,
                "searchbar_inputs": search_inputs,
                "search_in": search_in,
                "search": search,
            }
        )
        return request.render("crm_portal.portal_my_requests", values)

    # ------------------------------------------------------------------
    # One request
    # ------------------------------------------------------------------
    @http.route(["/my/requests/<int:request_id>"], type="http", auth="public", website=True)
    def portal_my_request(self, request_id, access_token=None, **kw):
        try:
            request_sudo = self._document_check_access(REQUEST_MODEL, request_id, access_token)
        except (AccessError, MissingError):
            if request.env.user._is_public():
                return request.redirect(f"/web/login?redirect=/my/requests/{request_id}")
            raise request.not_found() from None
        is_owner = request_sudo.with_user(request.env.user).has_access("read")
        values = self._prepare_portal_layout_values()
        # No session history for Odoo's pager: it would mint a share link for
        # each neighbour; the owner gets plain links to them instead.
        values = self._get_page_view_values(
            request_sudo, access_token if not is_owner else None, values, "", False
        )
        if is_owner:
            values.update(self._neighbour_urls(request_sudo))
        if not is_owner:
            # A share link: the chatter is signed for the customer it was made for.
            values.update(request_sudo._get_customer_token_identity())
            values["token"] = None
        values.update(
            {
                "page_name": "crm_request",
                "crm_request": request_sudo,
                "is_owner": is_owner,
                "customer_fields": request_sudo._customer_fields(),
                "timeline": request_sudo.status_ids.filtered("stage_id.customer_visible"),
                "open_steps": request_sudo.step_ids.filtered(lambda s: s.state == "open"),
                "done_steps": request_sudo.step_ids.filtered(lambda s: s.state == "done"),
                "documents": request_sudo.document_ids,
                "flash": self._pop_flash(),
                "upload_limit_mb": request_sudo._customer_upload_limit_mb(),
            }
        )
        return request.render("crm_portal.portal_my_request", values)

    def _neighbour_urls(self, request_sudo):
        history = request.session.get("my_crm_requests_history", [])
        if request_sudo.id not in history:
            return {}
        index = history.index(request_sudo.id)
        return {
            "prev_record": index > 0 and f"/my/requests/{history[index - 1]}",
            "next_record": index < len(history) - 1 and f"/my/requests/{history[index + 1]}",
        }

    def _posted_answers(self):
        form = request.httprequest.form
        return {key[len("field_") :]: form.get(key) for key in form if key.startswith("field_")}

    def _posted_uploads(self, limit_mb):
        """(filename, content, mimetype) of the posted files, each read at
        most one byte past the limit (the model refuses what is too big)."""
        uploads = []
        for storage in request.httprequest.files.getlist("documents"):
            if not storage or not storage.filename:
                continue
            uploads.append(
                (storage.filename, storage.read(limit_mb * 1024 * 1024 + 1), storage.mimetype)
            )
        return uploads

    @customer_post("/my/requests/<int:request_id>/answers")
    def portal_request_answers(self, request_id, **kw):
        request_sudo = self._request_for_customer(request_id)
        try:
            request_sudo.with_user(request.env.user)._customer_write_answers(self._posted_answers())
        except AccessError as error:
            raise Forbidden(str(error)) from error
        except ValidationError as error:
            self._flash(str(error))
        else:
            self._flash(_("Your changes are saved."), "success")
        return request.redirect(f"/my/requests/{request_id}")

    @customer_post("/my/requests/<int:request_id>/documents")
    def portal_request_documents(self, request_id, **kw):
        request_sudo = self._request_for_customer(request_id)
        uploads = self._posted_uploads(request_sudo._customer_upload_limit_mb())
        try:
            if not uploads:
                raise ValidationError(_("Choose the file(s) to send."))
            attachments = request_sudo._customer_add_documents(uploads)
        except ValidationError as error:
            self._flash(str(error))
        else:
            request_sudo.message_post(
                body=_("The customer sent documents."),
                author_id=request.env.user.partner_id.id,
                attachment_ids=attachments.ids,
                message_type="comment",
                subtype_xmlid="mail.mt_note",
            )
            self._flash(_("Your documents are sent."), "success")
        return request.redirect(f"/my/requests/{request_id}")

    @http.route(
        ["/my/requests/<int:request_id>/documents/<int:attachment_id>"],
        type="http",
        auth="public",
        website=True,
    )
    def portal_request_document(self, request_id, attachment_id, access_token=None, **kw):
        try:
            request_sudo = self._document_check_access(REQUEST_MODEL, request_id, access_token)
        except (AccessError, MissingError):
            raise request.not_found() from None
        attachment = request_sudo.document_ids.filtered(lambda a: a.id == attachment_id)
        if not attachment:
            raise request.not_found()
        return (
            request.env["ir.binary"]._get_stream_from(attachment).get_response(as_attachment=True)
        )

    # ------------------------------------------------------------------
    # Steps
    # ------------------------------------------------------------------
    @http.route(["/my/steps", "/my/steps/page/<int:page>"], type="http", auth="user", website=True)
    def portal_my_steps(self, page=1, filterby="open", **kw):
        Step = request.env["crm.portal.step"]
        filters = {
            "open": {"label": _("To Do"), "domain": [("state", "=", "open")]},
            "done": {"label": _("Done"), "domain": [("state", "=", "done")]},
            "all": {"label": _("All"), "domain": []},
        }
        filterby = filterby if filterby in filters else "open"
        domain = expression.AND([self._my_steps_domain(), filters[filterby]["domain"]])
        pager = portal_pager(
            url="/my/steps",
            url_args={"filterby": filterby},
            total=Step.search_count(domain),
            page=page,
            step=self._items_per_page,
        )
        steps = Step.search(
            domain, order="date_deadline, id", limit=self._items_per_page, offset=pager["offset"]
        )
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "crm_steps": steps,
                "page_name": "crm_steps",
                "default_url": "/my/steps",
                "pager": pager,
                "searchbar_filters": filters,
                "filterby": filterby,
            }
        )
        return request.render("crm_portal.portal_my_steps", values)

    @customer_post("/my/steps/<int:step_id>/done")
    def portal_step_done(self, step_id, **kw):
        step = request.env["crm.portal.step"].browse(step_id).exists()
        if not step or not step.has_access("read"):
            raise request.not_found()
        step_sudo = step.sudo()
        request_sudo = step_sudo.request_id
        try:
            step_sudo.with_user(request.env.user)._check_customer_may_do()
        except AccessError as error:
            raise Forbidden(str(error)) from error
        except UserError as error:
            self._flash(str(error))
            return request.redirect(f"/my/requests/{request_sudo.id}")
        uploads = self._posted_uploads(request_sudo._customer_upload_limit_mb())
        try:
            # One savepoint: a refused file or value stores nothing of the step.
            with request.env.cr.savepoint():
                step_sudo.with_user(request.env.user).sudo()._customer_done(
                    uploads=uploads,
                    answers=self._posted_answers(),
                    approved=request.httprequest.form.get("approve") == "1",
                )
        except AccessError as error:
            raise Forbidden(str(error)) from error
        except ValidationError as error:
            self._flash(str(error))
        else:
            self._flash(_("Thank you: the step %(step)s is done.", step=step_sudo.name), "success")
        return request.redirect(f"/my/requests/{request_sudo.id}")
