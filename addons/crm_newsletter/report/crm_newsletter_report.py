# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models, tools
from odoo.tools import SQL


class CrmNewsletterReport(models.Model):
    """Statistics of the issues: one row per mailing trace of an issue's
    mailing, read from mass mailing's own traces (no second bookkeeping)."""

    _name = "crm.newsletter.report"
    _description = "Newsletter statistics"
    _auto = False
    _order = "sent_datetime desc"

    issue_id = fields.Many2one("crm.newsletter.issue", readonly=True)
    newsletter_id = fields.Many2one("crm.newsletter", readonly=True)
    sent_datetime = fields.Datetime(string="Sent on", readonly=True)
    open_datetime = fields.Datetime(string="Opened on", readonly=True)
    links_click_datetime = fields.Datetime(string="Clicked on", readonly=True)
    reply_datetime = fields.Datetime(string="Replied on", readonly=True)
    targeted = fields.Integer(readonly=True)
    sent = fields.Integer(readonly=True)
    delivered = fields.Integer(readonly=True)
    opened = fields.Integer(readonly=True)
    clicked = fields.Integer(readonly=True)
    replied = fields.Integer(readonly=True)
    bounced = fields.Integer(readonly=True)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """CREATE VIEW %s AS (
                    SELECT t.id, i.id AS issue_id, i.newsletter_id,
                           t.sent_datetime, t.open_datetime, t.links_click_datetime,
                           t.reply_datetime,
                           1 AS targeted,
                           (t.sent_datetime IS NOT NULL)::int AS sent,
                           (t.trace_status IN ('sent', 'open', 'reply'))::int AS delivered,
                           (t.trace_status IN ('open', 'reply'))::int AS opened,
                           (t.links_click_datetime IS NOT NULL)::int AS clicked,
                           (t.trace_status = 'reply')::int AS replied,
                           (t.trace_status = 'bounce')::int AS bounced
                      FROM mailing_trace t
                      JOIN crm_newsletter_issue i ON i.mailing_id = t.mass_mailing_id
                )""",
                SQL.identifier(self._table),
            )
        )
