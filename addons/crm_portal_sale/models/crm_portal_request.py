# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class CrmPortalRequest(models.Model):
    _inherit = "crm.portal.request"

    sale_order_id = fields.Many2one(
        "sale.order",
        string="Sales Order",
        index="btree_not_null",
        tracking=True,
        groups="sales_team.group_sale_salesman",
    )
    # Related fields are read as superuser: Support and the customer see the
    # order's number and state without reading the order itself.
    sale_order_name = fields.Char(related="sale_order_id.name", string="Order")
    sale_order_state = fields.Selection(related="sale_order_id.state", string="Order Status")

    @api.constrains("sale_order_id", "partner_id")
    def _check_sale_order_partner(self):
        for request in self.sudo().filtered("sale_order_id"):
            commercial = request.partner_id.commercial_partner_id
            if request.sale_order_id.partner_id.commercial_partner_id != commercial:
                raise ValidationError(
                    _(
                        "The order %(order)s belongs to another customer than the request "
                        "%(request)s.",
                        order=request.sale_order_id.name,
                        request=request.name,
                    )
                )

    def _customer_order_url(self):
        """The order's portal page, if the customer may open it."""
        self.ensure_one()
        order = self.sudo().sale_order_id
        if not order or order.state not in ("sale", "sent", "done"):
            return False
        return (
            order.get_portal_url() if order.with_user(self.env.user).has_access("read") else False
        )
