# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The stage side of workflow-driven pipelines: progress thresholds map a
lead's workflow progress to its stage (kept apart from crm_stage.py, which the
qualification work extends)."""

from bisect import bisect_left

from odoo import _, api, models
from odoo.exceptions import ValidationError


class CrmStage(models.Model):
    _inherit = "crm.stage"

    def _check_workflow_thresholds(self, team):
        """``self`` are the team's stages in order: their progress must increase."""
        previous = None
        for stage in self:
            if previous is not None and stage.progress <= previous.progress:
                raise ValidationError(
                    _(
                        "In the workflow-driven sales team %(team)s the progress must "
                        "increase along the stages: %(stage)s (%(progress)s %%) comes "
                        "after %(previous)s (%(previous_progress)s %%).",
                        team=team.name,
                        stage=stage.name,
                        progress=stage.progress,
                        previous=previous.name,
                        previous_progress=previous.progress,
                    )
                )
            previous = stage

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
            team._workflow_stages()._check_workflow_thresholds(team)

    def write(self, vals):
        res = super().write(vals)
        if {"progress", "sequence", "team_id"} & set(vals):
            for team in self._workflow_teams():
                self.env["crm.lead"]._workflow_recompute_team_stages(team)
        return res
