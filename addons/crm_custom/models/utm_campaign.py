# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import _, api, fields, models
from odoo.exceptions import AccessError

# The figures the ROI report divides by: only marketing and sales managers set them.
COST_FIELDS = ("crm_budget", "crm_actual_cost", "crm_currency_id")
COST_EDITORS = ("crm_custom.group_crm_marketing", "sales_team.group_sale_manager")
# Keys of _crm_cost_report's rows and the report's measures they read.
REPORT_SUMS = {
    "leads": "lead_count",
    "contacts": "contact_count",
    "opportunities": "opportunity_count",
    "won": "won_count",
    "cost": "cost",
    "won_revenue": "won_revenue",
    "invoiced_revenue": "invoiced_revenue",
}
REPORT_RATIOS = (
    "conversion_rate",
    "cost_per_lead",
    "cost_per_contact",
    "cost_per_conversion",
    "roi",
)


class UtmCampaign(models.Model):
    _inherit = "utm.campaign"

    crm_currency_id = fields.Many2one(
        "res.currency",
        default=lambda self: self.env.company.currency_id,
        string="Cost Currency",
    )
    crm_budget = fields.Monetary(string="Budget", currency_field="crm_currency_id")
    crm_actual_cost = fields.Monetary(
        string="Actual Cost",
        currency_field="crm_currency_id",
        help="What the campaign really cost; the base of the cost per lead, "
        "per contact and per conversion and of the ROI.",
    )
    crm_can_edit_cost = fields.Boolean(
        string="Can set the cost", compute="_compute_crm_can_edit_cost"
    )

    @api.depends_context("uid")
    def _compute_crm_can_edit_cost(self):
        self.crm_can_edit_cost = self._crm_may_edit_cost()

    @api.model
    def _crm_may_edit_cost(self):
        user = self.env.user
        return self.env.su or any(user.has_group(group) for group in COST_EDITORS)

    def _crm_check_cost_access(self, vals_list):
        if self._crm_may_edit_cost():
            return
        if any(set(COST_FIELDS) & set(vals) for vals in vals_list):
            raise AccessError(
                _("Only marketing and sales managers can set the budget and cost of a campaign.")
            )

    @api.model_create_multi
    def create(self, vals_list):
        # The cost currency has a default: only explicit figures count.
        self._crm_check_cost_access(
            [
                {key: value for key, value in vals.items() if key != "crm_currency_id"}
                for vals in vals_list
            ]
        )
        return super().create(vals_list)

    def write(self, vals):
        self._crm_check_cost_access([vals])
        return super().write(vals)

    @api.model
    def _crm_cost_report(self, groupby="campaign_id", domain=None):
        """Per campaign, source or medium, the figures of the campaign cost
        report (``crm.campaign.report``, the one place they are computed) as
        dicts: leads, contacts, opportunities, won, conversion rate, costs per
        lead/contact/conversion, won and invoiced revenue, ROI (a ratio
        without a denominator is 0 here). ``domain`` filters the report."""
        self.env.flush_all()
        Report = self.env["crm.campaign.report"]
        groups = Report.read_group(
            [(groupby, "!=", False)] + list(domain or []),
            [f"{name}:sum" for name in REPORT_SUMS.values()] + list(REPORT_RATIOS),
            [groupby],
            lazy=False,
        )
        comodel = self.env[Report._fields[groupby].comodel_name]
        return [
            {
                "key": comodel.browse(group[groupby][0]),
                **{key: group[name] or 0 for key, name in REPORT_SUMS.items()},
                **{key: group[key] or 0.0 for key in REPORT_RATIOS},
            }
            for group in groups
        ]
