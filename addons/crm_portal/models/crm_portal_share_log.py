# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class CrmPortalShareLog(models.Model):
    """Who opened which share link, when and from where."""

    _name = "crm.portal.share.log"
    _description = "Customer Request Share Link Use"
    _order = "date desc, id desc"

    link_id = fields.Many2one(
        "crm.portal.share.link", required=True, ondelete="cascade", index=True, readonly=True
    )
    request_id = fields.Many2one(related="link_id.request_id", store=True, index=True)
    date = fields.Datetime(required=True, default=fields.Datetime.now, readonly=True)
    user_id = fields.Many2one("res.users", string="Opened By", readonly=True)
    ip_address = fields.Char(string="IP Address", readonly=True)
    user_agent = fields.Char(string="Browser", readonly=True)
