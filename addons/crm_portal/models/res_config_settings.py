# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    crm_portal_requests_title = fields.Char(
        related="company_id.crm_portal_requests_title", readonly=False
    )
    crm_portal_steps_title = fields.Char(
        related="company_id.crm_portal_steps_title", readonly=False
    )
    crm_portal_upload_limit_mb = fields.Integer(
        string="Largest Customer Upload (MB)",
        config_parameter="crm_portal.upload_limit_mb",
        default=10,
    )
    crm_portal_share_link_days = fields.Integer(
        string="Share Links Valid For (days)",
        config_parameter="crm_portal.share_link_days",
        default=30,
    )
