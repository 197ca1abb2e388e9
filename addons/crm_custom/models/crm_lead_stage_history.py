# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Every stage a lead was in, written on each move: the source of the funnel.

Aggregating mail.tracking.value over a million leads is slow; this narrow,
indexed table answers "which stages did the lead reach", and each lead keeps
the furthest of them (``crm.lead.furthest_stage_id``) so that the funnel is a
single aggregate over the leads."""

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models

FUNNEL_QUERY = """
WITH stages AS (
    SELECT id, COALESCE(name->>%(lang)s, name->>'en_US') AS name,
           row_number() OVER (ORDER BY sequence, id) AS pos
      FROM crm_stage
     WHERE team_id = %(team)s
        OR (team_id IS NULL AND NOT EXISTS (SELECT 1 FROM crm_stage own
                                             WHERE own.team_id = %(team)s))
), ended AS (
    -- Each lead ends at the furthest stage it reached: one narrow aggregate
    -- over the leads, without reading their history.
    SELECT lead.furthest_stage_id AS stage_id, count(*) AS leads,
           count(*) FILTER (WHERE NOT lead.active) AS lost
      FROM crm_lead lead
     WHERE lead.team_id = %(team)s
       AND lead.furthest_stage_id IS NOT NULL
       AND lead.create_date >= %(date_from)s AND lead.create_date < %(date_to)s
       AND (%(no_source)s OR lead.source_id = ANY(%(source_ids)s))
       AND (%(no_campaign)s OR lead.campaign_id = ANY(%(campaign_ids)s))
       AND (%(no_user)s OR lead.user_id = ANY(%(user_ids)s))
       AND (%(no_tag)s OR EXISTS (SELECT 1 FROM crm_tag_rel rel
                                   WHERE rel.lead_id = lead.id AND rel.tag_id = ANY(%(tag_ids)s)))
     GROUP BY lead.furthest_stage_id
), ended_at AS (
    SELECT stages.pos, ended.leads, ended.lost
      FROM ended JOIN stages ON stages.id = ended.stage_id
)
SELECT stages.id, stages.name,
       COALESCE(sum(ended_at.leads) FILTER (WHERE ended_at.pos >= stages.pos), 0) AS reached,
       COALESCE(sum(ended_at.lost) FILTER (WHERE ended_at.pos = stages.pos), 0) AS lost
  FROM stages LEFT JOIN ended_at ON TRUE
 GROUP BY stages.id, stages.name, stages.pos
 ORDER BY stages.pos
"""


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
        furthest stage.
        One parametrised query whatever the number of stages."""
        self.env.flush_all()
        params = {
            "team": team.id,
            "date_from": date_from,
            "date_to": date_to,
            "lang": self.env.lang or "en_US",
        }
        for key, records in (
            ("source", sources),
            ("campaign", campaigns),
            ("user", users),
            ("tag", tags),
        ):
            params[f"no_{key}"] = not records
            params[f"{key}_ids"] = list(records.ids) if records else []
        self.env.cr.execute(FUNNEL_QUERY, params)
        rows = self.env.cr.fetchall()
        result = []
        for index, (stage_id, name, reached, lost) in enumerate(rows):
            following = rows[index + 1][2] if index + 1 < len(rows) else None
            conversion = (following / reached * 100) if reached and following is not None else 0.0
            result.append(
                {
                    "stage_id": stage_id,
                    "stage": name,
                    "reached": int(reached),
                    "lost": int(lost),
                    "conversion": round(conversion, 2) if following is not None else None,
                    "drop_off": round(100 - conversion, 2)
                    if following is not None and reached
                    else None,
                }
            )
        return result

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
