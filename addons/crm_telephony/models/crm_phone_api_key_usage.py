# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import time
from datetime import UTC, datetime, timedelta

from odoo import api, fields, models, sql_db
from odoo.tools import SQL

WINDOW_SECONDS = 60


def minute_start(epoch):
    """The naive UTC start of the minute holding ``epoch`` (Odoo's Datetime format)."""
    start = int(epoch // WINDOW_SECONDS) * WINDOW_SECONDS
    return datetime.fromtimestamp(start, UTC).replace(tzinfo=None)


class CrmPhoneApiKeyUsage(models.Model):
    """Requests of each API key per minute, shared by every Odoo worker.

    The count lives in PostgreSQL rather than in a worker's memory, so the
    limit holds whatever the number of workers and survives restarts. It is
    a sliding window approximated from two fixed minutes: the current one,
    plus the previous one weighted by how much of it the last 60 seconds
    still cover; unlike a bare fixed window it lets no burst of twice the
    limit through across a minute boundary.
    """

    _name = "crm.phone.api.key.usage"
    _description = "Telephony API Key Usage"
    _log_access = False
    _order = "window_start desc"

    # The public key id, not a many2one: counting must not wait on a lock of
    # the key's row, nor see a key only through the request's transaction.
    key_id = fields.Char(string="Key ID", required=True, readonly=True)
    window_start = fields.Datetime(required=True, readonly=True)
    hits = fields.Integer(required=True, readonly=True, default=0)

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
        now = time.time() if now is None else now
        current = minute_start(now)
        hits, previous_hits = self._crm_count_hit(key_id, current)
        previous_weight = 1 - (now % WINDOW_SECONDS) / WINDOW_SECONDS
        return hits + previous_hits * previous_weight > limit

    @api.model
    def _crm_count_hit(self, key_id, window_start):
        """Add one hit to the window; return its hits and the previous window's.

        Raw SQL because the increment must be atomic between workers: the
        ORM's read-then-write would lose concurrent hits, INSERT ... ON
        CONFLICT DO UPDATE cannot. It runs in its own short transaction,
        committed at once: every worker sees the hit immediately (not when the
        request commits), the row lock lasts one statement instead of the
        whole request, and a request failing later still counts. READ
        COMMITTED so that two workers hitting the same row queue on its lock
        instead of one failing with a serialization error.

        ``last_used`` is stamped here for the same reason: written by each
        request's own transaction, that one row made concurrent requests of a
        key fail with serialization errors, which Odoo retries after sleeping
        up to seconds (bench_ami_to_popup.py: popup p95 over 2 s).
        """
        previous = window_start - timedelta(seconds=WINDOW_SECONDS)
        query = SQL(
            """
            WITH hit AS (
                INSERT INTO crm_phone_api_key_usage (key_id, window_start, hits)
                VALUES (%(key)s, %(current)s, 1)
                ON CONFLICT (key_id, window_start)
                DO UPDATE SET hits = crm_phone_api_key_usage.hits + 1
                RETURNING hits
            )
            SELECT hit.hits, COALESCE((
                SELECT hits FROM crm_phone_api_key_usage
                 WHERE key_id = %(key)s AND window_start = %(previous)s
            ), 0)
              FROM hit
            """,
            key=key_id,
            current=window_start,
            previous=previous,
        )
        # A usage stamp, not an edit of the key: write_date stays as it was.
        stamp = SQL(
            """
            UPDATE crm_phone_api_key SET last_used = %(current)s
             WHERE key_id = %(key)s AND (last_used IS NULL OR last_used < %(current)s)
            """,
            key=key_id,
            current=window_start,
        )
        with sql_db.db_connect(self.env.cr.dbname).cursor() as cr:
            cr.execute("SET TRANSACTION ISOLATION LEVEL READ COMMITTED")
            cr.execute(query)
            counts = cr.fetchone()
            cr.execute(stamp)
            return counts

    @api.autovacuum
    def _gc_old_windows(self):
        horizon = minute_start(time.time()) - timedelta(seconds=WINDOW_SECONDS)
        self.sudo().search([("window_start", "<", horizon)]).unlink()
