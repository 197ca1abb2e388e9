# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from odoo import api, fields, models
from odoo.tools import SQL


class CrmPhoneWebhookNonce(models.Model):
    """Signatures seen inside the replay window, to refuse a replayed request."""

    _name = "crm.phone.webhook.nonce"
    _description = "Seen Webhook Signature"

    signature = fields.Char(required=True, index=True)
    seen_at = fields.Datetime(default=fields.Datetime.now, required=True)

    _sql_constraints = [("signature_unique", "UNIQUE(signature)", "Signature already seen.")]

    @api.model
    def _crm_seen_before(self, signature):
        """Record ``signature``; True when it was already used."""
        # One statement that records and tells: two requests replaying the same
        # signature at once cannot both pass, which a search then create allows.
        self.env.cr.execute(
            SQL(
                """
                INSERT INTO crm_phone_webhook_nonce (signature, seen_at, create_date, write_date)
                VALUES (%(signature)s, %(now)s, %(now)s, %(now)s)
                ON CONFLICT (signature) DO NOTHING RETURNING id
                """,
                signature=signature,
                now=SQL("now() at time zone 'utc'"),
            )
        )
        return not self.env.cr.fetchone()

    @api.autovacuum
    def _gc_old_signatures(self):
        limit = fields.Datetime.now() - timedelta(hours=1)
        self.sudo().search([("seen_at", "<", limit)]).unlink()
