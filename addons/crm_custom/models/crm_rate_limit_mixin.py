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


class CrmRateLimitMixin(models.AbstractModel):
    """Hits per key and minute, shared by every Odoo worker: the one rate
    limiter of the suite (the telephony API's per-key limit, the public
    forms' per-form and per-visitor limits).

    The count lives in PostgreSQL rather than in a worker's memory, so a limit
    holds whatever the number of workers and survives restarts. It is a
    sliding window approximated from two fixed minutes: the current one, plus
    the previous one weighted by how much of it the last 60 seconds still
    cover; unlike a bare fixed window it lets no burst of twice the limit
    through across a minute boundary.

    A model inheriting it declares its key field (a Char named by
    ``_rate_key_field``) and the UNIQUE constraint of (key, window_start)
    that the upsert relies on.
    """

    _name = "crm.rate.limit.mixin"
    _description = "Rate Limit Counter"
    _log_access = False
    _order = "window_start desc"
    _rate_key_field = "key"

    window_start = fields.Datetime(required=True, readonly=True)
    hits = fields.Integer(required=True, readonly=True, default=0)

    @api.model
    def _crm_rate_exceeded(self, limits, now=None):
        """Count one hit for each ``{key: limit per minute}``; return the keys
        whose limit is now exceeded. Every key is counted, so a refused caller
        keeps using up his allowance."""
        now = time.time() if now is None else now
        counts = self._crm_count_hits(list(limits), minute_start(now))
        previous_weight = 1 - (now % WINDOW_SECONDS) / WINDOW_SECONDS
        return [
            key
            for key in sorted(limits)
            if counts[key][0] + counts[key][1] * previous_weight > limits[key]
        ]

    @api.model
    def _crm_count_hits(self, keys, window_start):
        """Add one hit to the window of each key; return ``{key: (hits, hits
        of the previous window)}``.

        Raw SQL because the increment must be atomic between workers: the
        ORM's read-then-write would lose concurrent hits, INSERT ... ON
        CONFLICT DO UPDATE cannot. One statement for all the keys, in its own
        short transaction committed at once: every worker sees the hit
        immediately (not when the request commits), the row locks last one
        statement instead of the whole request, and a request failing later
        still counts. READ COMMITTED so that two workers hitting the same row
        queue on its lock instead of one failing with a serialization error;
        keys in one order so that they cannot deadlock.
        """
        table = SQL.identifier(self._table)
        key = SQL.identifier(self._rate_key_field)
        query = SQL(
            """
            WITH hit AS (
                INSERT INTO %(table)s (%(key)s, window_start, hits)
                SELECT k, %(current)s, 1 FROM unnest(%(keys)s::varchar[]) AS k ORDER BY k
                ON CONFLICT (%(key)s, window_start)
                DO UPDATE SET hits = %(table)s.hits + 1
                RETURNING %(key)s AS key, hits
            )
            SELECT hit.key, hit.hits, COALESCE(previous.hits, 0)
              FROM hit
              LEFT JOIN %(table)s previous
                ON previous.%(key)s = hit.key AND previous.window_start = %(previous)s
            """,
            table=table,
            key=key,
            keys=sorted(set(keys)),
            current=window_start,
            previous=window_start - timedelta(seconds=WINDOW_SECONDS),
        )
        with sql_db.db_connect(self.env.cr.dbname).cursor() as cr:
            # One round trip: the isolation level and the upsert together.
            cr.execute(SQL("SET TRANSACTION ISOLATION LEVEL READ COMMITTED; %s", query))
            counts = {row[0]: (row[1], row[2]) for row in cr.fetchall()}
            self._crm_after_count(cr, keys, window_start)
        return counts

    def _crm_after_count(self, cr, keys, window_start):
        """Hook run in the counter's own transaction (e.g. a usage stamp)."""

    @api.autovacuum
    def _gc_old_windows(self):
        if self._abstract:
            return
        horizon = minute_start(time.time()) - timedelta(seconds=WINDOW_SECONDS)
        self.sudo().search([("window_start", "<", horizon)]).unlink()
