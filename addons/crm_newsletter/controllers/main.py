# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from markupsafe import Markup

from odoo import http
from odoo.exceptions import AccessError, UserError
from odoo.http import request
from odoo.tools import consteq


class CrmNewsletterController(http.Controller):
    def _html(self, body, status=200):
        return request.make_response(
            body,
            headers=[
                ("Content-Type", "text/html; charset=utf-8"),
                # the page is ours: nothing may frame it or run scripts in it
                ("Content-Security-Policy", "script-src 'none'; frame-ancestors 'self'"),
                ("X-Content-Type-Options", "nosniff"),
            ],
            status=status,
        )

    @http.route("/newsletter/preview/<int:issue_id>", type="http", auth="user", methods=["GET"])
    def preview(self, issue_id, layout=None, lang=None, **kwargs):
        """Back-end preview of an issue in a layout and a language, for users
        who may read the issue (record rules and access rights apply)."""
        issue = request.env["crm.newsletter.issue"].browse(issue_id).exists()
        try:
            issue.check_access("read")
        except AccessError:
            raise request.not_found() from None
        if not issue:
            raise request.not_found()
        layout_record = None
        if layout:
            if not layout.isdigit():
                raise request.not_found()
            layout_record = request.env["crm.newsletter.layout"].browse(int(layout)).exists()
            if not layout_record:
                raise request.not_found()
        installed = dict(request.env["res.lang"].get_installed())
        if lang and lang not in installed:
            raise request.not_found()
        try:
            body = issue._render_html(layout=layout_record, lang=lang)
        except UserError as error:
            return self._html(Markup("<pre>%s</pre>") % str(error), status=422)
        return self._html(body)

    @http.route(
        "/newsletter/<int:newsletter_id>", type="http", auth="public", methods=["GET"], website=True
    )
    def archive(self, newsletter_id, **kwargs):
        """Public archive of the sent issues of a published newsletter."""
        newsletter = request.env["crm.newsletter"].sudo().browse(newsletter_id).exists()
        if not newsletter or not newsletter.active or not newsletter.is_published:
            raise request.not_found()
        issues = newsletter.issue_ids.filtered(lambda issue: issue.state == "sent")
        return request.render(
            "crm_newsletter.newsletter_archive_page",
            {
                "newsletter": newsletter,
                "issues": issues,
                "direction": request.env["crm.newsletter.layout"]._direction_values(
                    newsletter.lang
                ),
            },
        )

    @http.route("/newsletter/issue/<int:issue_id>", type="http", auth="public", methods=["GET"])
    def view_issue(self, issue_id, token=None, **kwargs):
        """“View in browser”: a sent issue, as it was sent. Readable by anyone
        for a published newsletter, otherwise with the token of its link."""
        issue = request.env["crm.newsletter.issue"].sudo().browse(issue_id).exists()
        if not issue or issue.state != "sent" or not issue.body_html:
            raise request.not_found()
        published = issue.newsletter_id.is_published and issue.newsletter_id.active
        if not published and not (token and consteq(str(token), issue._view_token())):
            raise request.not_found()
        return self._html(issue.body_html)
