# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    # Support reads orders for their status but may not read opportunities:
    # the order's opportunity (a label read as superuser) is for the roles
    # that read the pipeline.
    opportunity_id = fields.Many2one(
        groups="sales_team.group_sale_salesman,crm_custom.group_crm_accountant"
    )
