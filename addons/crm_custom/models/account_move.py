# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class AccountMove(models.Model):
    _inherit = "account.move"

    opportunity_id = fields.Many2one(
        "crm.lead",
        index="btree_not_null",
        tracking=True,
        check_company=True,
        domain="[('type', '=', 'opportunity')]",
        # The opportunity's name is internal, for the roles that read the
        # pipeline: not a portal customer reading his own invoice, nor
        # Support reading an invoice's status.
        groups="sales_team.group_sale_salesman,account.group_account_invoice,"
        "account.group_account_readonly",
        help="The opportunity this invoice came from. Filled by accountants, "
        "it feeds the invoiced and paid amounts of the opportunity and the "
        "campaign reports.",
    )
