# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models

from odoo.addons.crm_l10n_fa_calendar.models.res_partner import reader_preferences
from odoo.addons.crm_l10n_fa_calendar.tools import jalali


class CrmLeadStageHistory(models.Model):
    _inherit = "crm.lead.stage.history"

    @api.model
    def _period_bounds(self, period, today=None):
        """The Jalali month or quarter and the one before for a user who reads
        the Jalali calendar (his setting, or ``jalali_calendar`` in the
        context): the periods his funnel and his search filters show."""
        if not reader_preferences(self.env)[0]:
            return super()._period_bounds(period, today)
        granularity = "quarter" if period == "quarter" else "month"
        start = jalali.period_start(today or fields.Date.context_today(self), granularity)
        return (
            start,
            jalali.shift_period(start, granularity),
            jalali.shift_period(start, granularity, -1),
            start,
        )
