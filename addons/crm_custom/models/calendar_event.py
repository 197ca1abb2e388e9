# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class CalendarEvent(models.Model):
    """Meetings carry tags of the CRM vocabulary.

    Odoo's own ``categ_ids`` (``calendar.event.type``) stays as it is: it is
    the calendar's category list, shared with apps that know nothing of the CRM.
    """

    _name = "calendar.event"
    _inherit = ["calendar.event", "crm.tagged.mixin"]

    crm_tag_ids = fields.Many2many(
        "crm.tag",
        "calendar_event_crm_tag_rel",
        "event_id",
        "tag_id",
        string="CRM Tags",
        groups="base.group_user",
    )
    # Odoo's field has no groups, and a many2one's label is read as
    # superuser: without this, Support (who may not read opportunities)
    # reads their names on the meetings.
    opportunity_id = fields.Many2one(
        groups="sales_team.group_sale_salesman,crm_custom.group_crm_accountant"
    )
