# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Every stage a lead was in, written on each move: the source of the funnel.

Aggregating mail.tracking.value over a million leads is slow; this narrow,
indexed table answers "which stages did the lead reach", and each lead keeps
the furthest of them (``crm.lead.furthest_stage_id``) so that the funnel is a
single aggregate over the leads."""

from collections import Counter
from itertools import accumulate

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models


class CrmLeadStageHistory(models.Model):
    _name = "crm.lead.stage.history"
    _description = "Lead Stage History"
    _order = "date_in desc, id desc"
    _rec_name = "stage_id"

    lead_id = fields.Many2one("crm.lead", required=True, ondelete="cascade", index=True)
    team_id = fields.Many2one("crm.team", index=True, ondelete="set null")
    stage_id = fields.Many2one("crm.stage", required=True, ondelete="cascade", index=True)
    previous_stage_id = fields.Many2one("crm.stage", ondelete="set null")
    date_in = fields.Datetime(required=True, index=True)
    date_out = fields.Datetime()
    cause = fields.Selection(
        [
            ("create", "Created"),
            ("manual", "Moved by hand"),
            ("workflow", "Workflow task"),
            ("threshold", "Stage progress changed"),
            ("team", "Changed sales team"),
            ("import", "Imported history"),
        ],
        required=True,
    )
    user_id = fields.Many2one("res.users", string="By")
    lead_user_id = fields.Many2one(related="lead_id.user_id", string="Salesperson")
    source_id = fields.Many2one(related="lead_id.source_id")
    campaign_id = fields.Many2one(related="lead_id.campaign_id")

    @api.model
    def _funnel(
        self, team, date_from, date_to, sources=None, campaigns=None, users=None, tags=None
    ):
        """Leads of ``team`` created in [date_from, date_to) that reached each
        stage, with conversion to the next stage and drop-off at each stage.

        A lead reached every stage up to its furthest one (by stage order), so
        skipped stages count as passed; a lost lead counts as lost at its
        furthest stage. The leads are those the user may see (record rules),
        counted by one grouped query whatever the number of stages."""
        stages = team._pipeline_stages()
        domain = [
            ("team_id", "=", team.id),
            ("furthest_stage_id", "in", stages.ids),
            ("create_date", ">=", date_from),
            ("create_date", "<", date_to),
        ]
        for field_name, records in (
            ("source_id", sources),
            ("campaign_id", campaigns),
            ("user_id", users),
            ("tag_ids", tags),
        ):
            if records:
                domain.append((field_name, "in", records.ids))
        ended, lost = Counter(), Counter()
        groups = (
            self.env["crm.lead"]
            .with_context(active_test=False)
            ._read_group(domain, ["furthest_stage_id", "active"], ["__count"])
        )
        for stage, active, count in groups:
            ended[stage] += count
            if not active:
                lost[stage] += count
        reached = list(accumulate(ended[stage] for stage in reversed(stages)))[::-1]
        following = reached[1:] + [None]
        return [
            self._funnel_row(stage, reached[index], following[index], lost[stage])
            for index, stage in enumerate(stages)
        ]

    @api.model
    def _funnel_row(self, stage, reached, following, lost):
        """A stage's figures; conversion and drop-off are None for the last stage."""
        conversion = drop_off = None
        if following is not None:
            conversion = round(following / reached * 100, 2) if reached else 0.0
            drop_off = round(100 - conversion, 2) if reached else None
        return {
            "stage_id": stage.id,
            "stage": stage.name,
            "reached": reached,
            "lost": lost,
            "conversion": conversion,
            "drop_off": drop_off,
        }

    @api.model
    def _period_bounds(self, period, today=None):
        """(current from, current to, previous from, previous to) for 'month'/'quarter'."""
        today = today or fields.Date.context_today(self)
        if period == "quarter":
            start = today.replace(day=1, month=(today.month - 1) // 3 * 3 + 1)
            step = relativedelta(months=3)
        else:
            start = today.replace(day=1)
            step = relativedelta(months=1)
        return start, start + step, start - step, start

    @api.model
    def get_funnel_data(
        self,
        team_id,
        period="month",
        source_ids=None,
        campaign_ids=None,
        user_ids=None,
        tag_ids=None,
    ):
        """Entry point of the funnel client action: the current and previous period."""
        team = self.env["crm.team"].browse(team_id)
        team.check_access("read")
        env = self.env
        filters = {
            "sources": env["utm.source"].browse(source_ids or []),
            "campaigns": env["utm.campaign"].browse(campaign_ids or []),
            "users": env["res.users"].browse(user_ids or []),
            "tags": env["crm.tag"].browse(tag_ids or []),
        }
        cur_from, cur_to, prev_from, prev_to = self._period_bounds(period)
        return {
            "team": team.display_name,
            # The stages were reordered: figures follow once the background
            # recompute of the leads' furthest stage is done.
            "recomputing": team.sudo().funnel_recompute_pending,
            "current": {
                "from": str(cur_from),
                "to": str(cur_to),
                "stages": self._funnel(team, cur_from, cur_to, **filters),
            },
            "previous": {
                "from": str(prev_from),
                "to": str(prev_to),
                "stages": self._funnel(team, prev_from, prev_to, **filters),
            },
        }
