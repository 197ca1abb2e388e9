# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class CrmPortalRequestStatus(models.Model):
    """One stage change of a request: the timeline of the request page shows
    those of stages the customer may see."""

    _name = "crm.portal.request.status"
    _description = "Customer Request Status Change"
    _order = "request_id, date, id"

    request_id = fields.Many2one(
        "crm.portal.request", required=True, ondelete="cascade", index=True
    )
    stage_id = fields.Many2one("crm.portal.request.stage", required=True, ondelete="cascade")
    # Staff only: the customer sees the stages meant for him, not the internal
    # one before nor who moved his request.
    previous_stage_id = fields.Many2one(
        "crm.portal.request.stage", ondelete="set null", groups="base.group_user"
    )
    customer_visible = fields.Boolean(related="stage_id.customer_visible")
    date = fields.Datetime(required=True, default=fields.Datetime.now)
    user_id = fields.Many2one(
        "res.users", string="By", ondelete="set null", groups="base.group_user"
    )
