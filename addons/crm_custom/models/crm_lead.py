# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import _, api, fields, models

CUSTOMER_INVOICE_TYPES = ("out_invoice", "out_refund")


class CrmLead(models.Model):
    _inherit = "crm.lead"

    invoice_ids = fields.One2many(
        "account.move",
        "opportunity_id",
        string="Invoices",
        groups="account.group_account_invoice",
    )
    invoice_count = fields.Integer(compute="_compute_invoice_amounts", compute_sudo=True)
    invoiced_amount = fields.Monetary(
        compute="_compute_invoice_amounts",
        compute_sudo=True,
        currency_field="company_currency",
        help="Total of the posted customer invoices linked to this opportunity, "
        "credit notes deducted.",
    )
    paid_amount = fields.Monetary(
        compute="_compute_invoice_amounts",
        compute_sudo=True,
        currency_field="company_currency",
        help="Part of the invoiced amount the customer has already paid.",
    )

    @api.depends("type")
    def _compute_invoice_amounts(self):
        # Salespeople have no right on invoices: the amounts are read as
        # superuser (compute_sudo) in one grouped query for the whole batch.
        groups = self.env["account.move"]._read_group(
            [
                ("opportunity_id", "in", self.ids),
                ("move_type", "in", CUSTOMER_INVOICE_TYPES),
                ("state", "=", "posted"),
            ],
            groupby=["opportunity_id"],
            aggregates=["__count", "amount_total_signed:sum", "amount_residual_signed:sum"],
        )
        figures = {lead.id: (count, total, residual) for lead, count, total, residual in groups}
        for lead in self:
            count, total, residual = figures.get(lead.id, (0, 0.0, 0.0))
            lead.invoice_count = count
            lead.invoiced_amount = total
            lead.paid_amount = total - residual

    def action_view_invoices(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "account.action_move_out_invoice_type"
        )
        action.update(
            {
                "name": _("Invoices of %(opportunity)s", opportunity=self.name),
                "domain": [("opportunity_id", "=", self.id)],
                "context": {
                    "default_move_type": "out_invoice",
                    "default_opportunity_id": self.id,
                    "default_partner_id": self.partner_id.id,
                },
            }
        )
        return action
