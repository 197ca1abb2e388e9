# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import time
from datetime import UTC, datetime, timedelta

from odoo import api, fields, models, sql_db
from odoo.tools import SQL

WINDOW_SECONDS = 60


def window_start(epoch):
    """The naive UTC start of the minute holding ``epoch``."""
    start = int(epoch // WINDOW_SECONDS) * WINDOW_SECONDS
    return datetime.fromtimestamp(start, UTC).replace(tzinfo=None)


class CrmPortalFormUsage(models.Model):
    """Public form posts per key (a form, an IP on a form) and minute, shared
    by every Odoo worker.

    The same approach as the telephony API's per-key limit
    (``crm.phone.api.key.usage``): a counter row per key and minute in
    PostgreSQL, incremented atomically in a short transaction of its own, and
    a sliding window approximated from the current and previous minute. It is
    a model of its own rather than that one because crm_portal does not
    depend on crm_telephony; both could move to one generic model of
    crm_custom (the telephony one also stamps the key's last use)."""

    _name = "crm.portal.form.usage"
    _description = "Public Form Posts per Minute"
    _log_access = False
    _order = "window_start desc"

    key = fields.Char(required=True, readonly=True)
    window_start = fields.Datetime(required=True, readonly=True)
    hits = fields.Integer(required=True, readonly=True, default=0)

    _sql_constraints = [
        ("key_window_unique", "UNIQUE(key, window_start)", "One counter per key and minute."),
    ]

    @api.model
    def _crm_hit(self, limits, now=None):
        """Count one post for each ``{key: limit per minute}``; return the
        keys whose limit is now exceeded (all keys are counted, so a refused
        visitor keeps using up his allowance)."""
        now = time.time() if now is None else now
        current = window_start(now)
        previous = current - timedelta(seconds=WINDOW_SECONDS)
        weight = 1 - (now % WINDOW_SECONDS) / WINDOW_SECONDS
        exceeded = []
        # Raw SQL in a cursor of its own, committed at once: the increment
        # must be atomic between workers and visible to them before this
        # request ends (and kept when it fails or is refused).
        with sql_db.db_connect(self.env.cr.dbname).cursor() as cr:
            cr.execute("SET TRANSACTION ISOLATION LEVEL READ COMMITTED")
            for key in sorted(limits):  # one order: no deadlock between workers
                cr.execute(
                    SQL(
                        """
                        WITH hit AS (
                            INSERT INTO crm_portal_form_usage (key, window_start, hits)
                            VALUES (%(key)s, %(current)s, 1)
                            ON CONFLICT (key, window_start)
                            DO UPDATE SET hits = crm_portal_form_usage.hits + 1
                            RETURNING hits
                        )
                        SELECT hit.hits, COALESCE((
                            SELECT hits FROM crm_portal_form_usage
                             WHERE key = %(key)s AND window_start = %(previous)s
                        ), 0)
                          FROM hit
                        """,
                        key=key,
                        current=current,
                        previous=previous,
                    )
                )
                hits, previous_hits = cr.fetchone()
                if hits + previous_hits * weight > limits[key]:
                    exceeded.append(key)
        return exceeded

    @api.autovacuum
    def _gc_old_windows(self):
        horizon = window_start(time.time()) - timedelta(seconds=WINDOW_SECONDS)
        self.sudo().search([("window_start", "<", horizon)]).unlink()
