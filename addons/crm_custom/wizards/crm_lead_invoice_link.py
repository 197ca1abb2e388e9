# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class CrmLeadInvoiceLink(models.TransientModel):
    """From the opportunity, link a customer invoice that was made without it."""

    _name = "crm.lead.invoice.link"
    _description = "Link an Invoice to an Opportunity"

    lead_id = fields.Many2one("crm.lead", string="Opportunity", required=True, readonly=True)
    commercial_partner_id = fields.Many2one(related="lead_id.partner_id.commercial_partner_id")
    invoice_id = fields.Many2one(
        "account.move",
        required=True,
        domain="[('move_type', 'in', ('out_invoice', 'out_refund')),"
        " ('opportunity_id', '=', False), ('state', '!=', 'cancel'),"
        " ('commercial_partner_id', '=?', commercial_partner_id)]",
        help="Customer invoices and credit notes of the opportunity's customer "
        "not linked to an opportunity yet.",
    )

    def action_link(self):
        self.ensure_one()
        self.invoice_id.opportunity_id = self.lead_id
        return {"type": "ir.actions.act_window_close"}
