# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.tools import SQL

from odoo.addons.crm_custom.models.crm_rate_limit_mixin import minute_start

# minute_start: the window of a hit, as the telephony tests name it.
__all__ = ["CrmPhoneApiKeyUsage", "minute_start"]


class CrmPhoneApiKeyUsage(models.Model):
    """Requests of each API key per minute, shared by every Odoo worker
    (crm_custom's rate limiter, ``crm.rate.limit.mixin``)."""

    _name = "crm.phone.api.key.usage"
    _inherit = ["crm.rate.limit.mixin"]
    _description = "Telephony API Key Usage"
    _log_access = False  # counters, not records anyone edits
    _rate_key_field = "key_id"

    # The public key id, not a many2one: counting must not wait on a lock of
    # the key's row, nor see a key only through the request's transaction.
    key_id = fields.Char(string="Key ID", required=True, readonly=True)

    _sql_constraints = [
        (
            "key_window_unique",
            "UNIQUE(key_id, window_start)",
            "One counter per key and minute.",
        )
    ]

    @api.model
    def _crm_hit(self, key_id, limit, now=None):
        """Count one request of ``key_id``; True when it exceeds ``limit`` per minute.

        Also stamps the key's ``last_used``, at most once a minute.
        """
        return bool(self._crm_rate_exceeded({key_id: limit}, now=now))

    def _crm_after_count(self, cr, keys, window_start):
        """Stamp ``last_used`` in the counter's own transaction: written by
        each request's own transaction, that one row made concurrent requests
        of a key fail with serialization errors, which Odoo retries after
        sleeping up to seconds (bench_ami_to_popup.py: popup p95 over 2 s).
        A usage stamp, not an edit of the key: write_date stays as it was."""
        cr.execute(
            SQL(
                """
                UPDATE crm_phone_api_key SET last_used = %(current)s
                 WHERE key_id = ANY(%(keys)s)
                   AND (last_used IS NULL OR last_used < %(current)s)
                """,
                keys=list(keys),
                current=window_start,
            )
        )
