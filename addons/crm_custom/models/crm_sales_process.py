# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError


class CrmSalesProcess(models.Model):
    """A ready-made set of pipeline stages that can be loaded into a sales team."""

    _name = "crm.sales.process"
    _description = "Sales Process Template"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    description = fields.Text(translate=True)
    stage_line_ids = fields.One2many(
        "crm.sales.process.stage", "process_id", string="Stages", copy=True
    )
    active = fields.Boolean(default=True)

    @api.constrains("stage_line_ids")
    def _check_stage_lines(self):
        for process in self:
            lines = process.stage_line_ids.sorted(lambda line: (line.sequence, line.id))
            if not lines:
                raise ValidationError(
                    _(
                        "The sales process %(process)s needs at least one stage.",
                        process=process.name,
                    )
                )
            for previous, line in zip(lines, lines[1:], strict=False):
                if line.progress < previous.progress:
                    raise ValidationError(
                        _(
                            "In the sales process %(process)s, stage %(stage)s comes after "
                            "%(previous)s but has a lower progress.",
                            process=process.name,
                            stage=line.name,
                            previous=previous.name,
                        )
                    )

    def _load_into_team(self, team):
        """Create the team's own pipeline stages from this template."""
        self.ensure_one()
        if not self.stage_line_ids:
            raise UserError(
                _("The sales process %(process)s has no stage to load.", process=self.name)
            )
        own_stages = self.env["crm.stage"].search([("team_id", "=", team.id)])
        if own_stages:
            raise UserError(
                _(
                    "The sales team %(team)s already has its own stages (%(stages)s). "
                    "Move or delete them before loading another sales process.",
                    team=team.name,
                    stages=", ".join(own_stages.mapped("name")),
                )
            )
        stages = self.env["crm.stage"].create(
            [line._stage_values(team) for line in self.stage_line_ids]
        )
        for line, stage in zip(self.stage_line_ids, stages, strict=True):
            line._copy_name_translations(stage)
        # The new stages are now the team's whole pipeline: its leads leave
        # the shared stages for them.
        self.env["crm.lead"].with_context(active_test=False).search(
            [("team_id", "=", team.id), ("stage_id", "not in", stages.ids)]
        )._stage_follow_team()
        team.message_post(
            body=_(
                "Sales process %(process)s loaded: %(count)s stages.",
                process=self.name,
                count=len(stages),
            )
        )
        return stages
