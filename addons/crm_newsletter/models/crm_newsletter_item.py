# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from .crm_newsletter_image_mixin import check_web_url


class CrmNewsletterItem(models.Model):
    """One news item of an issue: headline, text, image, link and button."""

    _name = "crm.newsletter.item"
    _description = "News item"
    _inherit = ["crm.newsletter.image.mixin"]
    _order = "issue_id, sequence, id"

    issue_id = fields.Many2one(
        "crm.newsletter.issue", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer(default=10)
    headline = fields.Char(required=True, translate=False)
    body = fields.Html(string="Text", sanitize=True, sanitize_attributes=True)
    link_url = fields.Char(string="Link", help="The page the reader opens from this item.")
    button_label = fields.Char(
        help="Text of the button that opens the link; empty: the headline is the link."
    )
    link_tracker_id = fields.Many2one(
        "link.tracker",
        readonly=True,
        copy=False,
        ondelete="set null",
        help="The tracked short link of this item in the mailing: its clicks are this item's.",
    )
    click_count = fields.Integer(string="Clicks", compute="_compute_click_stats")
    clicker_count = fields.Integer(string="Readers who clicked", compute="_compute_click_stats")
    click_ratio = fields.Float(string="Click rate (%)", compute="_compute_click_stats")

    @api.constrains("headline")
    def _check_headline(self):
        for item in self:
            if not (item.headline or "").strip():
                raise ValidationError(_("Every news item needs a headline."))

    @api.constrains("link_url")
    def _check_link_url(self):
        for item in self:
            check_web_url(self.env, item.link_url, _("The link of “%s”", item.headline))

    def write(self, vals):
        tracked_only = set(vals) <= {"link_tracker_id"}
        if not tracked_only and any(item.issue_id.state != "draft" for item in self):
            raise UserError(
                _("The news items of an issue cannot be changed once it is scheduled or sent.")
            )
        return super().write(vals)

    @api.depends("link_tracker_id")
    def _compute_click_stats(self):
        trackers = self.link_tracker_id
        clicks = {}
        clickers = {}
        if trackers:
            groups = (
                self.env["link.tracker.click"]
                .sudo()
                ._read_group(
                    [("link_id", "in", trackers.ids)],
                    ["link_id"],
                    ["__count", "mailing_trace_id:count_distinct"],
                )
            )
            for link, count, distinct in groups:
                clicks[link.id] = count
                clickers[link.id] = distinct
        for item in self:
            tracker_id = item.link_tracker_id.id
            item.click_count = clicks.get(tracker_id, 0)
            item.clicker_count = clickers.get(tracker_id, 0)
            # of the recipients the mailing reached (its traces), as Odoo's own rate
            reached = item.issue_id.expected
            item.click_ratio = 100.0 * item.clicker_count / reached if reached else 0.0
