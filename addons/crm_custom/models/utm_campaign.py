# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import _, api, fields, models
from odoo.exceptions import AccessError

# The figures the ROI report divides by: only marketing and sales managers set them.
COST_FIELDS = ("crm_budget", "crm_actual_cost", "crm_currency_id")
COST_EDITORS = ("crm_custom.group_crm_marketing", "sales_team.group_sale_manager")


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
        """Per campaign, source or medium: leads, contacts, opportunities, won,
        conversion rate, costs per lead/contact/conversion, won and invoiced
        revenue, ROI. A handful of grouped queries, whatever the number of rows."""
        Lead = self.env["crm.lead"].with_context(active_test=False)
        base = [(groupby, "!=", False)] + list(domain or [])
        counts = {}
        for key, extra in (
            ("leads", []),
            ("contacts", [("partner_id", "!=", False)]),
            ("opportunities", [("type", "=", "opportunity")]),
        ):
            for group, count in Lead._read_group(base + extra, [groupby], ["__count"]):
                counts.setdefault(group, {})[key] = count
        won_domain = base + [("active", "=", True), ("stage_id.is_won", "=", True)]
        for group, count, revenue in Lead._read_group(
            won_domain, [groupby], ["__count", "expected_revenue:sum"]
        ):
            counts.setdefault(group, {}).update(won=count, won_revenue=revenue)
        invoiced = self._crm_invoiced_by(Lead, base, groupby)
        rows = []
        for group, figures in counts.items():
            leads = figures.get("leads", 0)
            contacts = figures.get("contacts", 0)
            won = figures.get("won", 0)
            cost = group.crm_actual_cost if "crm_actual_cost" in group._fields else 0.0
            invoiced_revenue = invoiced.get(group.id, 0.0)
            rows.append(
                {
                    "key": group,
                    "leads": leads,
                    "contacts": contacts,
                    "opportunities": figures.get("opportunities", 0),
                    "won": won,
                    "conversion_rate": won / leads * 100 if leads else 0.0,
                    "cost": cost,
                    "cost_per_lead": cost / leads if leads else 0.0,
                    "cost_per_contact": cost / contacts if contacts else 0.0,
                    "cost_per_conversion": cost / won if won else 0.0,
                    "won_revenue": figures.get("won_revenue", 0.0),
                    "invoiced_revenue": invoiced_revenue,
                    "roi": (invoiced_revenue - cost) / cost * 100 if cost else 0.0,
                }
            )
        return rows

    @api.model
    def _crm_invoiced_by(self, Lead, domain, groupby):
        """Posted customer invoice totals per group, through account.move.opportunity_id."""
        Move = self.env["account.move"].sudo()
        groups = Move._read_group(
            [
                ("opportunity_id", "any", domain),
                ("move_type", "in", ("out_invoice", "out_refund")),
                ("state", "=", "posted"),
            ],
            ["opportunity_id"],
            ["amount_total_signed:sum"],
        )
        leads = Lead.browse([lead.id for lead, _amount in groups])
        keys = {lead.id: lead[groupby].id for lead in leads}
        totals = {}
        for lead, amount in groups:
            totals[keys[lead.id]] = totals.get(keys[lead.id], 0.0) + amount
        return totals


class UtmSource(models.Model):
    _inherit = "utm.source"

    crm_actual_cost = fields.Float(string="Actual Cost", digits="Account")


class UtmMedium(models.Model):
    _inherit = "utm.medium"

    crm_actual_cost = fields.Float(string="Actual Cost", digits="Account")
