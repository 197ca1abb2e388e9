# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class MailingMailing(models.Model):
    _inherit = "mailing.mailing"

    crm_newsletter_issue_id = fields.Many2one(
        "crm.newsletter.issue", string="Newsletter issue", index="btree_not_null",
        ondelete="set null", copy=False, readonly=True,
    )  # fmt: skip

    def _get_recipients(self):
        # A segment is recomputed when the mailing really starts (a scheduled
        # issue reaches the customers who match on that day); once traces
        # exist the set stays, so a resumed send targets the same people.
        issue = self.crm_newsletter_issue_id
        if issue and issue.target == "segment":
            has_traces = self.env["mailing.trace"].sudo().search_count(
                [("mass_mailing_id", "=", self.id)], limit=1
            )
            if not has_traces:
                issue.sudo()._compute_recipients()
        return super()._get_recipients()
