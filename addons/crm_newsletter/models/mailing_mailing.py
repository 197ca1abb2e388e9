# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models
from odoo.tools.sql import create_index


class MailingMailing(models.Model):
    _inherit = "mailing.mailing"

    crm_newsletter_issue_id = fields.Many2one(
        "crm.newsletter.issue", string="Newsletter issue", index="btree_not_null",
        ondelete="set null", copy=False, readonly=True,
    )  # fmt: skip

    def init(self):
        """Indexes on mass mailing's tables for the per-batch look-ups of an
        issue's send (wizards/mail_compose_message.py): the emails of a batch
        already reached by the mailing, and the contacts of an email with
        their subscriptions. Odoo has neither (it reads whole lists instead);
        without them each look-up would scan every trace of the mailing."""
        res = super().init()
        cr = self.env.cr
        create_index(
            cr, "crm_newsletter_mailing_trace_mailing_email_idx", "mailing_trace",
            ["mass_mailing_id", "email"],
        )  # fmt: skip
        create_index(
            cr, "crm_newsletter_mailing_contact_email_idx", "mailing_contact",
            ["email_normalized"], where="email_normalized IS NOT NULL",
        )  # fmt: skip
        return res

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
