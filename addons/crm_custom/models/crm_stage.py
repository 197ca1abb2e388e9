# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from bisect import bisect_left

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL

# Teams whose leads' furthest stage is recomputed before the commit.
FURTHEST_RECOMPUTE_TEAMS = "crm_custom.furthest_stage_teams"
# Up to this many leads, a change of stage order recomputes their furthest
# stage in the request (well under a second); above, in the background
# (bench/bench_funnel.py: 1,000,000 leads take about 12 s).
FURTHEST_INLINE_LIMIT = 50_000


class CrmStage(models.Model):
    _name = "crm.stage"
    _inherit = ["crm.stage", "crm.progress.mixin"]

    progress = fields.Float(
        default=0.0,
        help="How far along the sales process a lead in this stage is, from 0 "
        "to 100. In a workflow-driven team, a lead whose workflow progress is "
        "above the previous stage's progress and up to this one is in this stage.",
    )

    @api.depends_context("crm_show_stage_progress", "crm_show_stage_team")
    def _compute_display_name(self):
        result = super()._compute_display_name()
        # Reports grouped by stage across teams: "Proposal (Team A)" and
        # "Proposal (Team B)" are two bars, not one.
        if self.env.context.get("crm_show_stage_team"):
            for stage in self.filtered("team_id"):
                stage.display_name = f"{stage.display_name} ({stage.team_id.name})"
        # The pipeline's columns show how far along each stage is.
        if self.env.context.get("crm_show_stage_progress"):
            for stage in self.filtered("progress"):
                stage.display_name = f"{stage.display_name} ({stage.progress:g}%)"
        return result

    @api.constrains("progress", "sequence", "team_id")
    def _check_progress_increases_along_pipeline(self):
        """Along a set of stages (a team's own, or the shared ones), in
        order, progress never goes down."""
        for team_id in set(self.mapped(lambda stage: stage.team_id.id)):
            stages = self.search([("team_id", "=", team_id)])
            self._check_progress_order(
                stages.sorted(lambda stage: (stage.sequence, stage.id)),
                self.env["crm.team"].browse(team_id),
            )

    def _check_progress_order(self, pipeline, team, strict=False):
        """Progress never goes down along ``pipeline``; with ``strict`` (the
        thresholds of a workflow-driven team) it goes up at every stage."""
        for previous, stage in zip(pipeline, pipeline[1:], strict=False):
            if stage.progress < previous.progress or (
                strict and stage.progress == previous.progress
            ):
                raise ValidationError(
                    _(
                        "Progress must increase along the pipeline of %(team)s: stage "
                        "%(stage)s (%(progress)s%%) comes after %(previous)s "
                        "(%(previous_progress)s%%). Raise its progress or move it "
                        "before.",
                        team=team.name if team else _("the stages shared by every team"),
                        stage=stage.name,
                        progress=f"{stage.progress:g}",
                        previous=previous.name,
                        previous_progress=f"{previous.progress:g}",
                    )
                )

    # Workflow-driven teams
    def _check_workflow_thresholds(self, team):
        """``self`` are the team's stages in order: each threshold above the last."""
        self._check_progress_order(self, team, strict=True)

    @api.model
    def _stage_for_progress(self, stages, progress):
        """The stage holding ``progress``: stage N holds (threshold N-1, threshold N].

        ``stages`` are ordered; progress above the last threshold stays in the
        last stage, progress 0 is in the first one."""
        if not stages:
            return stages
        thresholds = stages.mapped("progress")
        index = min(bisect_left(thresholds, progress), len(stages) - 1)
        return stages[index]

    def _workflow_teams(self):
        """Workflow-driven teams whose pipeline contains these stages."""
        domain = [("workflow_connected", "=", True)]
        if not any(not stage.team_id for stage in self):
            domain.append(("id", "in", self.team_id.ids))
        return self.env["crm.team"].search(domain)

    @api.constrains("progress", "sequence", "team_id")
    def _check_workflow_team_thresholds(self):
        for team in self._workflow_teams():
            team._pipeline_stages()._check_workflow_thresholds(team)

    @api.model_create_multi
    def create(self, vals_list):
        team_ids = {vals["team_id"] for vals in vals_list if vals.get("team_id")}
        teams_with_stages = self.search([("team_id", "in", list(team_ids))]).team_id
        stages = super().create(vals_list)
        # A team's first own stages replace the shared pipeline for its leads;
        # a stage added to an existing pipeline was reached by no lead yet.
        stages.filtered(
            lambda stage: stage.team_id and stage.team_id not in teams_with_stages
        )._funnel_schedule_furthest_recompute()
        return stages

    def write(self, vals):
        if {"sequence", "team_id"} & set(vals):
            self._funnel_schedule_furthest_recompute()
        res = super().write(vals)
        if "team_id" in vals:
            self._funnel_schedule_furthest_recompute()  # the new teams too
        if {"progress", "sequence", "team_id"} & set(vals):
            for team in self._workflow_teams():
                self.env["crm.lead"]._workflow_recompute_team_stages(team)
        return res

    def unlink(self):
        # Their history goes with them: the leads that reached no further
        # fall back to the furthest stage they reached before.
        leads = (
            self.env["crm.lead"]
            .sudo()
            .with_context(active_test=False)
            .search([("furthest_stage_id", "in", self.ids)])
        )
        res = super().unlink()
        leads._funnel_recompute_furthest_stage()
        return res

    # Funnel
    def _funnel_schedule_furthest_recompute(self):
        """The furthest stage of a lead depends on the order of its pipeline:
        recompute it for the leads of these stages' teams once, before commit,
        however many stages a drag and drop rewrites."""
        if not self:
            return
        precommit = self.env.cr.precommit
        teams = precommit.data.setdefault(FURTHEST_RECOMPUTE_TEAMS, set())
        if not teams:
            precommit.add(self.env["crm.stage"]._funnel_recompute_furthest_of_teams)
        teams.update(stage.team_id.id or False for stage in self)

    @api.model
    def _funnel_recompute_furthest_of_teams(self):
        """Before commit: recompute the furthest stages of the teams whose
        pipeline order changed, at once for small teams; big ones are marked
        and left to the background job (the funnel says so meanwhile), so the
        request that reordered the stages stays short."""
        team_ids = self.env.cr.precommit.data.pop(FURTHEST_RECOMPUTE_TEAMS, set())
        if not team_ids:
            return
        Team = self.env["crm.team"].sudo().with_context(active_test=False)
        teams = Team.browse(team_id for team_id in team_ids if team_id)
        # A shared stage is in the pipeline of every team without stages of its own.
        if False in team_ids:
            with_own = self._search([("team_id", "!=", False)])
            team_ids = with_own.subselect(SQL.identifier(with_own.table, "team_id"))
            teams |= Team.search([("id", "not in", team_ids)])
        counts = dict(
            self.env["crm.lead"]
            .sudo()
            .with_context(active_test=False)
            ._read_group([("team_id", "in", teams.ids)], ["team_id"], ["__count"])
        )
        big = teams.filtered(lambda team: counts.get(team, 0) > FURTHEST_INLINE_LIMIT)
        Lead = self.env["crm.lead"]
        scope = Lead._funnel_leads_scope((teams - big).ids, shared=False in team_ids)
        Lead._funnel_recompute_furthest_stage(scope)
        if big:
            big.write({"funnel_recompute_pending": True})
            self.env.ref("crm_custom.ir_cron_funnel_recompute_furthest").sudo()._trigger()
            self.env.flush_all()  # precommit hooks run after the transaction's flush
