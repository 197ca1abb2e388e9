# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class IrCron(models.Model):
    _inherit = "ir.cron"

    def _trigger_list(self, at_list):
        """Under ``crm_coalesce_cron_triggers`` (a public form's post), a job
        that already has a due trigger waiting gets no other one: the job
        runs once for both anyway. Each trigger due now also wakes the cron
        workers through a new PostgreSQL connection (``_notifydb`` on the
        ``postgres`` database, which Odoo does not keep in its pool): with
        Odoo's automatic lead enrichment, that was one connection per post,
        and at 50 posts a second a p95 latency of 642 ms instead of 69-171 ms
        (bench/README.md)."""
        self.ensure_one()
        if self.env.context.get("crm_coalesce_cron_triggers") and at_list:
            now = fields.Datetime.now()
            if max(at_list) <= now and self._has_due_trigger(now):
                return self.env["ir.cron.trigger"]
        return super()._trigger_list(at_list)

    def _has_due_trigger(self, now):
        return bool(
            self.env["ir.cron.trigger"]
            .sudo()
            .search_count([("cron_id", "=", self.id), ("call_at", "<=", now)], limit=1)
        )
