# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models, tools
from odoo.tools import SQL
from odoo.tools.safe_eval import safe_eval


class CrmFunnelReport(models.Model):
    """The funnel's numbers for the pivot and graph views: one row per lead
    and per stage of its pipeline the lead reached, i.e. every stage up to its
    furthest one, skipped stages included. Counting rows per stage gives the
    leads that reached it, as the Sales Funnel shows."""

    _name = "crm.funnel.report"
    _description = "Sales Funnel Analysis"
    _auto = False
    _order = "lead_create_date desc, stage_sequence"
    _rec_name = "stage_id"
    # What the view reads: pending writes to these are flushed before a
    # search (a lead created in the same transaction is counted).
    _depends = {
        "crm.lead": [
            "furthest_stage_id", "team_id", "user_id", "company_id", "source_id",
            "campaign_id", "medium_id", "create_date", "active",
        ],
        "crm.stage": ["team_id", "sequence"],
    }  # fmt: skip

    lead_id = fields.Many2one("crm.lead", readonly=True)
    stage_id = fields.Many2one("crm.stage", string="Stage Reached", readonly=True)
    stage_sequence = fields.Integer(readonly=True)
    furthest_stage_id = fields.Many2one("crm.stage", readonly=True)
    team_id = fields.Many2one("crm.team", string="Sales Team", readonly=True)
    user_id = fields.Many2one("res.users", string="Salesperson", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    source_id = fields.Many2one("utm.source", readonly=True)
    campaign_id = fields.Many2one("utm.campaign", readonly=True)
    medium_id = fields.Many2one("utm.medium", readonly=True)
    lead_create_date = fields.Datetime(string="Created On", readonly=True)
    reached_count = fields.Integer(
        string="Leads Reached",
        readonly=True,
        help="Leads that reached this stage: those whose furthest stage is this one "
        "or a later one of the pipeline.",
    )
    lost_count = fields.Integer(
        string="Lost Here", readonly=True, help="Leads lost while this was their furthest stage."
    )
    stopped_count = fields.Integer(
        string="Went No Further",
        readonly=True,
        help="Leads for which this is the furthest stage reached so far.",
    )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        # The id packs the lead and the stage: unique, and computed without a
        # window function, so that filters reach crm_lead's indexes.
        self.env.cr.execute(
            SQL(
                """
            CREATE OR REPLACE VIEW %s AS (
                SELECT (lead.id::bigint << 24) + stage.id AS id,
                       lead.id AS lead_id,
                       stage.id AS stage_id,
                       stage.sequence AS stage_sequence,
                       lead.furthest_stage_id,
                       lead.team_id,
                       lead.user_id,
                       lead.company_id,
                       lead.source_id,
                       lead.campaign_id,
                       lead.medium_id,
                       lead.create_date AS lead_create_date,
                       1 AS reached_count,
                       (stage.id = furthest.id AND NOT lead.active)::int AS lost_count,
                       (stage.id = furthest.id)::int AS stopped_count
                  FROM crm_lead lead
                  JOIN crm_stage furthest ON furthest.id = lead.furthest_stage_id
                  JOIN crm_stage stage
                    ON stage.team_id IS NOT DISTINCT FROM furthest.team_id
                   AND (stage.sequence, stage.id) <= (furthest.sequence, furthest.id)
            )""",
                SQL.identifier(self._table),
            )
        )

    @api.model
    def action_open_analysis(self):
        """The analysis on one team, the user's own (else the first he may
        read): stages of different teams are never mixed by default."""
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_custom.crm_funnel_report_action"
        )
        team = self.env.user.sale_team_id or self.env["crm.team"].search([], limit=1)
        context = safe_eval(action.get("context") or "{}")
        if team:
            context["search_default_team_id"] = team.id
        action["context"] = context
        return action
