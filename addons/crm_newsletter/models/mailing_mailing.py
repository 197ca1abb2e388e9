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
            has_traces = (
                self.env["mailing.trace"]
                .sudo()
                .search_count([("mass_mailing_id", "=", self.id)], limit=1)
            )
            if not has_traces:
                issue.sudo()._compute_recipients()
        return super()._get_recipients()

    def _get_mass_mailing_context(self):
        # An issue's links are all shortened when its mailing is made
        # (crm.newsletter.issue._sync_mailing): converting them again for
        # every recipient would find nothing to do, at the cost of parsing
        # the whole email each time.
        context = super()._get_mass_mailing_context()
        if self.crm_newsletter_issue_id:
            context.pop("post_convert_links", None)
        return context

    def _crm_newsletter_shorten_links(self, html):
        """Every link of ``html`` as a tracked short link of this mailing,
        with the exceptions Odoo makes when it sends a mailing."""
        self.ensure_one()
        return self._shorten_links(
            html,
            self._get_link_tracker_values(),
            blacklist=["/unsubscribe_from_list", "/view", "/cards/"],
        )
