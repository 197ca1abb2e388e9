# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models, tools
from odoo.osv import expression
from odoo.tools import SQL


class CrmTagUsageReport(models.Model):
    """One row per use of a tag on a lead, meeting, history entry or activity:
    the share of each tag per kind of record and per period."""

    _name = "crm.tag.usage.report"
    _description = "Tag Usage"
    _auto = False
    _order = "date desc"
    _rec_name = "tag_id"

    tag_id = fields.Many2one("crm.tag", readonly=True)
    tag_kind = fields.Selection(
        [("personal", "Personal"), ("public", "Public"), ("system", "System")],
        readonly=True,
    )
    record_type = fields.Selection(
        [
            ("lead", "Lead"),
            ("meeting", "Meeting"),
            ("history", "History Entry"),
            ("activity", "Activity"),
        ],
        string="Used On",
        readonly=True,
    )
    date = fields.Datetime(readonly=True)
    user_id = fields.Many2one("res.users", readonly=True)
    lead_id = fields.Many2one(
        "crm.lead",
        readonly=True,
        help="The lead the use belongs to: the tagged lead, or the lead of the "
        "meeting, history entry or activity.",
    )

    @api.model
    def _search(self, domain, offset=0, limit=None, order=None):
        # A use on a lead is shown to whoever may read the lead: the lead
        # rules (own, team's or all leads) decide, as a subquery, not a rule
        # copied here that would drift from the lead-visibility setting.
        if not self.env.su:
            Lead = self.env["crm.lead"].with_context(active_test=False)
            visible = [("lead_id", "=", False)]
            if Lead.has_access("read"):
                visible = expression.OR([visible, [("lead_id", "in", Lead._search([]))]])
            domain = expression.AND([domain or [], visible])
        return super()._search(domain, offset=offset, limit=limit, order=order)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
            CREATE OR REPLACE VIEW %s AS (
                SELECT row_number() OVER () AS id, uses.*, tag.kind AS tag_kind
                FROM (
                    SELECT rel.tag_id, 'lead' AS record_type,
                           lead.create_date AS date, lead.user_id AS user_id,
                           lead.id AS lead_id
                      FROM crm_tag_rel rel JOIN crm_lead lead ON lead.id = rel.lead_id
                     WHERE lead.active
                    UNION ALL
                    SELECT rel.tag_id, 'meeting', event.start, event.user_id,
                           event.opportunity_id
                      FROM calendar_event_crm_tag_rel rel
                      JOIN calendar_event event ON event.id = rel.event_id
                     WHERE event.active
                    UNION ALL
                    SELECT rel.tag_id, 'history', message.date, author_user.id,
                           CASE WHEN message.model = 'crm.lead' THEN message.res_id END
                      FROM mail_message_crm_tag_rel rel
                      JOIN mail_message message ON message.id = rel.message_id
                      LEFT JOIN LATERAL (
                          SELECT id FROM res_users
                           WHERE partner_id = message.author_id ORDER BY id LIMIT 1
                      ) author_user ON TRUE
                     WHERE message.model IN %s
                    UNION ALL
                    SELECT rel.tag_id, 'activity', activity.date_deadline::timestamp,
                           activity.user_id,
                           CASE WHEN activity.res_model = 'crm.lead' THEN activity.res_id END
                      FROM mail_activity_crm_tag_rel rel
                      JOIN mail_activity activity ON activity.id = rel.activity_id
                ) uses
                JOIN crm_tag tag ON tag.id = uses.tag_id
            )""",
                SQL.identifier(self._table),
                self.env["crm.customer.history.mixin"]._crm_history_models(),
            )
        )
