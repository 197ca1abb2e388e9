# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import hashlib
import secrets
from datetime import timedelta

from odoo import api, fields, models
from odoo.http import request as http_request

DEFAULT_VALIDITY_DAYS = 30


def hash_token(token):
    return hashlib.sha256(token.encode()).hexdigest()


class CrmPortalShareLink(models.Model):
    """A link that opens one request without logging in. Only the hash of
    its token is stored; it expires, can be revoked, and every use is
    logged."""

    _name = "crm.portal.share.link"
    _description = "Customer Request Share Link"
    _order = "create_date desc, id desc"
    _rec_name = "request_id"

    request_id = fields.Many2one(
        "crm.portal.request", required=True, ondelete="cascade", index=True, readonly=True
    )
    token_hash = fields.Char(required=True, readonly=True, index=True, groups="base.group_system")
    date_expire = fields.Datetime(string="Expires On", required=True, readonly=True)
    revoked = fields.Boolean(readonly=True)
    date_revoked = fields.Datetime(string="Revoked On", readonly=True)
    is_valid = fields.Boolean(compute="_compute_is_valid", string="Valid")
    log_ids = fields.One2many("crm.portal.share.log", "link_id", string="Use Log", readonly=True)
    use_count = fields.Integer(compute="_compute_use_count", string="Uses")

    _sql_constraints = [("token_hash_uniq", "UNIQUE(token_hash)", "Share tokens are unique.")]

    @api.depends("revoked", "date_expire")
    def _compute_is_valid(self):
        now = fields.Datetime.now()
        for link in self:
            link.is_valid = not link.revoked and link.date_expire > now

    def _compute_use_count(self):
        counts = dict(
            self.env["crm.portal.share.log"]._read_group(
                [("link_id", "in", self.ids)], ["link_id"], ["__count"]
            )
        )
        for link in self:
            link.use_count = counts.get(link, 0)

    @api.model
    def _validity_days(self):
        param = self.env["ir.config_parameter"].sudo().get_param("crm_portal.share_link_days")
        try:
            return max(1, int(param or DEFAULT_VALIDITY_DAYS))
        except ValueError:
            return DEFAULT_VALIDITY_DAYS

    @api.model
    def _issue(self, request):
        """Create a link to ``request``; return its raw token (the only
        time it is known) and the link."""
        token = secrets.token_urlsafe(32)
        link = self.sudo().create(
            {
                "request_id": request.id,
                "token_hash": hash_token(token),
                "date_expire": fields.Datetime.now() + timedelta(days=self._validity_days()),
            }
        )
        return token, link

    @api.model
    def _check(self, request_id, token):
        """The valid link of ``request_id`` for ``token``, logged; an empty
        recordset for a wrong, expired or revoked token, or one of another
        request."""
        if not token or not isinstance(token, str) or len(token) > 200:
            return self.browse()
        link = self.sudo().search(
            [("token_hash", "=", hash_token(token)), ("request_id", "=", request_id)], limit=1
        )
        if not link.is_valid:
            return self.browse()
        link._log_use()
        return link

    def _log_use(self):
        httprequest = http_request.httprequest if http_request else None
        self.env["crm.portal.share.log"].sudo().create(
            {
                "link_id": self.id,
                "user_id": self.env.uid,
                "ip_address": httprequest.remote_addr if httprequest else False,
                "user_agent": (httprequest.user_agent.string or "")[:300] if httprequest else False,
            }
        )

    def action_revoke(self):
        # A public method anyone logged in can call over RPC: revoking is for
        # those who may change the request, as the request's own button.
        self.request_id.check_access("write")
        self.sudo().write({"revoked": True, "date_revoked": fields.Datetime.now()})
        return True

    @api.autovacuum
    def _gc_expired(self):
        """Links expired for a year are forgotten, their logs with them."""
        limit = fields.Datetime.now() - timedelta(days=365)
        self.sudo().search([("date_expire", "<", limit)]).unlink()
