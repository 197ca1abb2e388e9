# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import logging

import feedparser
import requests
from markupsafe import Markup

from odoo import _, api, fields, models, tools
from odoo.exceptions import UserError, ValidationError

_logger = logging.getLogger(__name__)

# Odoo's mailing states, as the issue shows them.
STATE_FROM_MAILING = {
    "draft": "draft",
    "in_queue": "scheduled",
    "sending": "sending",
    "done": "sent",
}
FEED_TIMEOUT = 10
FEED_MAX_BYTES = 5 * 1024 * 1024
STATISTICS = (
    "expected", "sent", "delivered", "opened", "clicked", "replied", "bounced", "failed",
    "received_ratio", "opened_ratio", "replied_ratio", "bounced_ratio", "clicks_ratio",
)  # fmt: skip


class CrmNewsletterIssue(models.Model):
    """One issue of a newsletter, sent through an Odoo mailing."""

    _name = "crm.newsletter.issue"
    _description = "Newsletter issue"
    _inherit = ["crm.newsletter.image.mixin", "mail.thread"]
    _order = "newsletter_id, number desc, id desc"

    newsletter_id = fields.Many2one(
        "crm.newsletter", required=True, ondelete="cascade", index=True, tracking=True
    )
    name = fields.Char(string="Title", required=True, tracking=True)
    number = fields.Integer(
        string="Issue number", default=lambda self: self._default_number(), tracking=True
    )
    issue_date = fields.Date(string="Date", default=fields.Date.context_today)
    intro = fields.Html(string="Introduction", sanitize=True)
    item_ids = fields.One2many("crm.newsletter.item", "issue_id", string="News items", copy=True)
    layout_id = fields.Many2one(
        "crm.newsletter.layout",
        compute="_compute_layout_id",
        store=True,
        readonly=False,
    )
    lang = fields.Selection(related="newsletter_id.lang")
    email_from = fields.Char(
        string="Send from", compute="_compute_email_from", store=True, readonly=False
    )
    target = fields.Selection(
        [("lists", "Mailing lists"), ("segment", "Audience segment")],
        string="Send to",
        required=True,
        default="lists",
    )
    contact_list_ids = fields.Many2many(
        "mailing.list",
        string="Mailing lists",
        compute="_compute_contact_list_ids",
        store=True,
        readonly=False,
    )
    segment_id = fields.Many2one(
        "crm.newsletter.segment",
        string="Audience",
        compute="_compute_segment_id",
        store=True,
        readonly=False,
    )
    recipient_partner_ids = fields.Many2many(
        "res.partner",
        "crm_newsletter_issue_partner_rel",
        "issue_id",
        "partner_id",
        string="Recipients",
        copy=False,
        help="The segment's customers when the issue was sent (recomputed at sending).",
    )
    schedule_date = fields.Datetime(string="Send on", copy=False)
    mailing_id = fields.Many2one("mailing.mailing", readonly=True, copy=False, ondelete="set null")
    state = fields.Selection(
        [("draft", "Draft"), ("scheduled", "Scheduled"), ("sending", "Sending"), ("sent", "Sent")],
        compute="_compute_state",
        store=True,
        default="draft",
        tracking=True,
    )
    sent_date = fields.Datetime(related="mailing_id.sent_date")
    body_html = fields.Html(
        string="Sent email", sanitize=False, readonly=True, copy=False,
        help="The email as it was sent, shown on the public page.",
    )  # fmt: skip
    targeted_count = fields.Integer(string="Targeted", readonly=True, copy=False)
    excluded_no_email_count = fields.Integer(string="Excluded: no email", readonly=True, copy=False)
    excluded_blacklist_count = fields.Integer(
        string="Excluded: blacklisted", readonly=True, copy=False
    )
    excluded_opt_out_count = fields.Integer(string="Excluded: opted out", readonly=True, copy=False)
    # Statistics: read from the mailing's traces (Odoo's own computation).
    expected = fields.Integer(compute="_compute_statistics", string="Queued")
    sent = fields.Integer(compute="_compute_statistics")
    sent_count = fields.Integer(compute="_compute_statistics", string="Sent mails")
    delivered = fields.Integer(compute="_compute_statistics")
    opened = fields.Integer(compute="_compute_statistics")
    clicked = fields.Integer(compute="_compute_statistics")
    replied = fields.Integer(compute="_compute_statistics")
    bounced = fields.Integer(compute="_compute_statistics")
    failed = fields.Integer(compute="_compute_statistics")
    unsubscribed = fields.Integer(compute="_compute_statistics")
    received_ratio = fields.Float(compute="_compute_statistics", string="Delivered (%)")
    opened_ratio = fields.Float(compute="_compute_statistics", string="Opened (%)")
    replied_ratio = fields.Float(compute="_compute_statistics", string="Replied (%)")
    bounced_ratio = fields.Float(compute="_compute_statistics", string="Bounced (%)")
    clicks_ratio = fields.Float(compute="_compute_statistics", string="Clicked (%)")
    unsubscribed_ratio = fields.Float(compute="_compute_statistics", string="Unsubscribed (%)")
    progress = fields.Float(
        compute="_compute_statistics", string="Sending progress (%)",
        help="Share of the targeted recipients whose email has been queued.",
    )  # fmt: skip
    # Preview choices (not stored): the layout and language to look at.
    preview_layout_id = fields.Many2one(
        "crm.newsletter.layout", string="Preview layout", store=False
    )
    preview_lang = fields.Selection(
        selection="_get_languages", string="Preview language", store=False
    )

    _sql_constraints = [
        (
            "number_unique",
            "unique(newsletter_id, number)",
            "Each issue of a newsletter has its own number.",
        ),
    ]

    @api.model
    def _get_languages(self):
        return self.env["res.lang"].get_installed()

    @api.model
    def _default_number(self):
        newsletter_id = self.env.context.get("default_newsletter_id")
        if not newsletter_id:
            return 1
        last = self.search([("newsletter_id", "=", newsletter_id)], order="number desc", limit=1)
        return last.number + 1

    # One compute per field: a value given for one of them at creation must
    # not keep the others from being computed.
    @api.depends("newsletter_id")
    def _compute_layout_id(self):
        for issue in self:
            issue.layout_id = issue.layout_id or issue.newsletter_id.layout_id

    @api.depends("newsletter_id")
    def _compute_email_from(self):
        for issue in self:
            issue.email_from = issue.email_from or issue.newsletter_id.email_from

    @api.depends("newsletter_id")
    def _compute_contact_list_ids(self):
        for issue in self:
            if not issue.contact_list_ids:
                issue.contact_list_ids = issue.newsletter_id.contact_list_ids

    @api.depends("newsletter_id")
    def _compute_segment_id(self):
        for issue in self:
            issue.segment_id = issue.segment_id or issue.newsletter_id.segment_id

    @api.depends("mailing_id.state")
    def _compute_state(self):
        for issue in self:
            issue.state = STATE_FROM_MAILING.get(issue.mailing_id.state, "draft")

    def _compute_statistics(self):
        mailings = self.mailing_id.sudo()
        mailings.fetch(["state"])
        unsubscribed = self._unsubscribed_counts()
        for issue in self:
            mailing = issue.mailing_id.sudo()
            for name in STATISTICS:
                issue[name] = mailing[name] if mailing else 0
            issue.sent_count = mailing.sent if mailing else 0
            issue.unsubscribed = unsubscribed.get(issue.id, 0)
            issue.unsubscribed_ratio = (
                100.0 * issue.unsubscribed / issue.delivered if issue.delivered else 0.0
            )
            target = issue.targeted_count or 0
            issue.progress = min(100.0, 100.0 * issue.expected / target) if target else 0.0

    def _unsubscribed_counts(self):
        """Recipients who opted out or blacklisted themselves after the send:
        from the traces' emails and Odoo's own opt-out records."""
        # statistics are read by salespeople too, who may not read mailings
        mailings = self.sudo().mailing_id.filtered("sent_date")
        if not mailings:
            return {}
        self.env.flush_all()
        self.env.cr.execute(
            tools.SQL(
                """
                SELECT i.id, COUNT(DISTINCT t.email)
                  FROM crm_newsletter_issue i
                  JOIN mailing_mailing m ON m.id = i.mailing_id
                  JOIN mailing_trace t ON t.mass_mailing_id = m.id
                 WHERE i.id IN %(ids)s
                   AND (EXISTS (SELECT 1 FROM mail_blacklist b
                                 WHERE b.active AND b.email = t.email
                                   AND b.write_date >= m.sent_date)
                        OR EXISTS (SELECT 1 FROM mailing_subscription s
                                     JOIN mailing_contact c ON c.id = s.contact_id
                                     JOIN mail_mass_mailing_list_rel r
                                       ON r.mailing_list_id = s.list_id
                                      AND r.mailing_mailing_id = m.id
                                    WHERE s.opt_out AND c.email_normalized = t.email
                                      AND s.opt_out_datetime >= m.sent_date))
                 GROUP BY i.id
                """,
                ids=tuple(self.ids),
            )
        )
        return dict(self.env.cr.fetchall())

    @api.constrains("target", "contact_list_ids", "segment_id")
    def _check_target(self):
        for issue in self:
            if issue.state != "draft":
                continue
            if issue.target == "segment" and not issue.segment_id and issue.mailing_id:
                raise ValidationError(_("Choose the audience segment this issue is sent to."))

    @api.model_create_multi
    def create(self, vals_list):
        issues = super().create(vals_list)
        for issue in issues.filtered(lambda i: not i.number):
            issue.number = issue.with_context(
                default_newsletter_id=issue.newsletter_id.id
            )._default_number()
        return issues

    def write(self, vals):
        frozen = set(vals) - {
            "mailing_id",
            "body_html",
            "targeted_count",
            "state",
            "recipient_partner_ids",
            "message_main_attachment_id",
        }
        frozen = {f for f in frozen if not f.startswith("excluded_")}
        if frozen and any(issue.state == "sent" for issue in self):
            raise UserError(_("A sent issue cannot be changed; duplicate it to send a new one."))
        return super().write(vals)

    # ------------------------------------------------------------------
    # Rendering
    # ------------------------------------------------------------------
    def _issue_values(self, lang):
        """The variables of the layout (see crm.newsletter.layout.arch)."""
        self.ensure_one()
        base_url = self.get_base_url()
        issue = self.with_context(lang=lang)
        values = {
            "issue": {
                "title": issue.name,
                "number": issue.number,
                "date": tools.format_date(self.env, issue.issue_date, lang_code=lang)
                if issue.issue_date
                else "",
                "intro": issue.intro if not tools.is_html_empty(issue.intro) else "",
                "image_src": issue._image_src(base_url),
                "image_alt": issue.image_alt or issue.name,
                "view_url": f"{base_url}/newsletter/issue/{issue.id}?token={issue._view_token()}",
            },
            "items": [
                {
                    "number": index,
                    "headline": item.headline,
                    "body": item.body if not tools.is_html_empty(item.body) else "",
                    "image_src": item._image_src(base_url),
                    "image_alt": item.image_alt or item.headline,
                    "link_url": item.link_tracker_id.short_url or item.link_url or "",
                    "button_label": item.button_label or "",
                }
                for index, item in enumerate(issue.item_ids, start=1)
            ],
            "newsletter": {
                "name": issue.newsletter_id.name,
                "company": self.env.company.name,
                "company_url": self.env.company.website or base_url,
            },
            "unsubscribe_url": f"{base_url}/unsubscribe_from_list",
            "view_url": f"{base_url}/view",
        }
        values.update(self.env["crm.newsletter.layout"]._direction_values(lang))
        return values

    def _view_token(self):
        """Token of the “view in browser” link of an unpublished newsletter."""
        self.ensure_one()
        return tools.hmac(self.env(su=True), "crm_newsletter-view-issue", self.id)

    def _render_html(self, layout=None, lang=None):
        self.ensure_one()
        layout = layout or self.layout_id
        lang = lang or self.lang or "en_US"
        if not layout:
            raise UserError(_("Choose the layout of the issue “%s”.", self.name))
        return layout.with_context(lang=lang)._render_document(self._issue_values(lang))

    def action_preview(self):
        self.ensure_one()
        params = []
        if self.preview_layout_id:
            params.append(f"layout={self.preview_layout_id.id}")
        if self.preview_lang:
            params.append(f"lang={self.preview_lang}")
        query = ("?" + "&".join(params)) if params else ""
        return {
            "type": "ir.actions.act_url",
            "url": f"/newsletter/preview/{self.id}{query}",
            "target": "new",
        }

    # ------------------------------------------------------------------
    # News feed
    # ------------------------------------------------------------------
    def action_import_feed(self):
        """Add the feed's entries not yet in the issue as news items."""
        self.ensure_one()
        if self.state != "draft":
            raise UserError(_("News items can only be added to a draft issue."))
        url = self.newsletter_id.feed_url
        if not url:
            raise UserError(_("Set the news feed address on the newsletter first."))
        entries = self._fetch_feed(url)
        # an entry already in the issue: same link, or same headline if no link
        known = {item.link_url or item.headline for item in self.item_ids}
        sequence = max(self.item_ids.mapped("sequence") or [0])
        values = []
        for entry in entries:
            if not (entry.get("title") or "").strip():
                continue
            entry_values = self._feed_entry_values(entry, sequence + 1)
            key = entry_values["link_url"] or entry_values["headline"]
            if key in known:
                continue
            sequence += 1
            known.add(key)
            values.append(entry_values)
        items = self.env["crm.newsletter.item"].create(values)
        message = (
            _("%s news items added from the feed.", len(items))
            if items
            else _("The feed has no entry that is not already in this issue.")
        )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {"message": message, "type": "success" if items else "info",
                       "next": {"type": "ir.actions.act_window_close"}},
        }  # fmt: skip

    def _fetch_feed(self, url):
        try:
            response = requests.get(url, timeout=FEED_TIMEOUT, stream=True)
            response.raise_for_status()
            content = response.raw.read(FEED_MAX_BYTES + 1, decode_content=True)
        except requests.RequestException as error:
            raise UserError(_("The news feed could not be read: %s", error)) from error
        if len(content) > FEED_MAX_BYTES:
            raise UserError(_("The news feed is larger than 5 MB."))
        feed = feedparser.parse(content)
        if not feed.version:
            raise UserError(_("The address does not return an RSS or Atom feed."))
        return feed.entries

    def _feed_entry_values(self, entry, sequence):
        image = ""
        for media in entry.get("media_content", []) + entry.get("media_thumbnail", []):
            if media.get("url"):
                image = media["url"]
                break
        if not image:
            for enclosure in entry.get("enclosures", []):
                if (enclosure.get("type") or "").startswith("image/"):
                    image = enclosure.get("href")
                    break
        link = entry.get("link") or False
        if link and not link.lower().startswith(("http://", "https://")):
            link = False
        if image and not image.lower().startswith(("http://", "https://")):
            image = ""
        summary = entry.get("summary") or ""
        return {
            "issue_id": self.id,
            "sequence": sequence,
            "headline": entry["title"].strip()[:250],
            # feedparser already sanitises; Odoo's sanitiser runs again on the field
            "body": Markup(summary) if "<" in summary else Markup("<p>%s</p>") % summary,
            "link_url": link,
            "image_url": image or False,
        }

    # ------------------------------------------------------------------
    # Audience
    # ------------------------------------------------------------------
    def _compute_recipients(self):
        """Recompute the segment's customers into the recipients of the issue."""
        for issue in self.filtered(lambda i: i.target == "segment"):
            if not issue.segment_id:
                raise UserError(_("Choose the audience segment of “%s”.", issue.name))
            counts = issue.segment_id._store_recipients(issue)
            issue.write(
                {
                    "targeted_count": counts["eligible"],
                    "excluded_no_email_count": counts["no_email"],
                    "excluded_blacklist_count": counts["blacklisted"],
                    "excluded_opt_out_count": 0,
                }
            )
        for issue in self.filtered(lambda i: i.target == "lists"):
            counts = issue._list_counts()
            issue.write(
                {
                    "targeted_count": counts["eligible"],
                    "excluded_no_email_count": counts["no_email"],
                    "excluded_blacklist_count": counts["blacklisted"],
                    "excluded_opt_out_count": counts["opt_out"],
                }
            )

    def _list_counts(self):
        self.ensure_one()
        if not self.contact_list_ids:
            raise UserError(_("Choose the mailing lists “%s” is sent to.", self.name))
        self.env.flush_all()
        self.env.cr.execute(
            tools.SQL(
                """
                SELECT COUNT(DISTINCT c.id) FILTER (WHERE c.email_normalized IS NULL),
                       COUNT(DISTINCT c.id) FILTER (WHERE c.email_normalized IS NOT NULL
                                                    AND b.id IS NOT NULL),
                       COUNT(DISTINCT c.id) FILTER (WHERE c.email_normalized IS NOT NULL
                                                    AND b.id IS NULL AND all_opt_out),
                       COUNT(DISTINCT c.email_normalized) FILTER (WHERE b.id IS NULL
                                                    AND NOT all_opt_out)
                  FROM (SELECT s.contact_id, bool_and(COALESCE(s.opt_out, FALSE)) AS all_opt_out
                          FROM mailing_subscription s
                         WHERE s.list_id IN %(lists)s
                         GROUP BY s.contact_id) sub
                  JOIN mailing_contact c ON c.id = sub.contact_id
             LEFT JOIN mail_blacklist b ON b.email = c.email_normalized AND b.active
                """,
                lists=tuple(self.contact_list_ids.ids),
            )
        )
        no_email, blacklisted, opt_out, eligible = self.env.cr.fetchone()
        return {
            "no_email": no_email,
            "blacklisted": blacklisted,
            "opt_out": opt_out,
            "eligible": eligible,
        }

    # ------------------------------------------------------------------
    # Sending, through an Odoo mailing
    # ------------------------------------------------------------------
    def _check_sendable(self):
        for issue in self:
            if issue.state not in ("draft",):
                raise UserError(_("The issue “%s” is already scheduled or sent.", issue.name))
            if not issue.item_ids:
                raise UserError(
                    _("Add at least one news item to “%s” before sending it.", issue.name)
                )

    def _mailing_values(self):
        self.ensure_one()
        values = {
            "subject": self.name,
            "email_from": self.email_from or self.env.user.email_formatted,
            "mailing_type": "mail",
            "crm_newsletter_issue_id": self.id,
            "campaign_id": self.newsletter_id.campaign_id.id,
        }
        if self.target == "segment":
            values.update(
                {
                    "mailing_model_id": self.env["ir.model"]._get_id("res.partner"),
                    "mailing_domain": repr([("crm_newsletter_issue_ids", "in", [self.id])]),
                    "contact_list_ids": [fields.Command.clear()],
                }
            )
        else:
            values.update(
                {
                    "mailing_model_id": self.env["ir.model"]._get_id("mailing.list"),
                    "contact_list_ids": [fields.Command.set(self.contact_list_ids.ids)],
                }
            )
        return values

    def _sync_mailing(self):
        """Create or update the issue's mailing: its HTML is the rendered layout,
        each item's link a tracked short link of its own (so clicks are per item)."""
        for issue in self:
            values = issue._mailing_values()
            if issue.mailing_id:
                issue.mailing_id.write(values)
            else:
                values["name"] = _(
                    "%(newsletter)s #%(number)s",
                    newsletter=issue.newsletter_id.name,
                    number=issue.number,
                )
                issue.mailing_id = self.env["mailing.mailing"].create(values)
            issue._track_item_links()
            html = issue._render_html()
            tracked = issue.mailing_id._crm_newsletter_shorten_links(html)
            issue.mailing_id.write({"body_arch": tracked, "body_html": tracked})
            issue.body_html = html

    def _track_item_links(self):
        self.ensure_one()
        mailing = self.mailing_id
        link_values = mailing._get_link_tracker_values()
        for item in self.item_ids:
            if not item.link_url:
                item.link_tracker_id = False
                continue
            # The label makes each item's tracker distinct even when two items
            # link to the same page.
            label = f"#{item.sequence}-{item.id} {item.headline}"[:128]
            tracker = self.env["link.tracker"].search_or_create(
                [dict(link_values, url=item.link_url, label=label)]
            )
            item.link_tracker_id = tracker

    def action_send(self):
        """Send now, through Odoo's mass mailing queue."""
        self._check_sendable()
        self._sync_mailing()
        self._compute_recipients()
        for issue in self:
            issue.mailing_id.action_launch()
        return True

    def action_schedule(self):
        self._check_sendable()
        for issue in self:
            if not issue.schedule_date or issue.schedule_date <= fields.Datetime.now():
                raise UserError(_("Set a date in the future to schedule “%s”.", issue.name))
        self._sync_mailing()
        self._compute_recipients()
        for issue in self:
            issue.mailing_id.write(
                {"schedule_type": "scheduled", "schedule_date": issue.schedule_date}
            )
            issue.mailing_id.action_schedule()
        return True

    def action_cancel(self):
        for issue in self:
            if issue.state != "scheduled":
                raise UserError(_("Only a scheduled issue can be put back to draft."))
            issue.mailing_id.action_cancel()
        return True

    def action_send_test(self):
        """Send the issue to the current user, as Odoo's “Test” of a mailing."""
        self.ensure_one()
        if not self.env.user.email:
            raise UserError(_("Your user has no email address to send the test to."))
        if self.state == "draft":
            self._check_sendable()
            self._sync_mailing()
        test = self.env["mailing.mailing.test"].create(
            {"mass_mailing_id": self.mailing_id.id, "email_to": self.env.user.email}
        )
        test.send_mail_test()
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "message": _("A test was sent to %s.", self.env.user.email),
                "type": "success",
            },
        }

    def action_open_mailing(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "mailing.mailing",
            "res_id": self.mailing_id.id,
            "view_mode": "form",
        }

    def action_view_statistics(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_newsletter.crm_newsletter_report_action"
        )
        action["domain"] = [("issue_id", "=", self.id)]
        return action

    def _demo_send_with_statistics(self):
        """Demo data only: send the issues (their mails are dropped instead of
        going out) and give them opens, clicks per item, a reply and a bounce,
        through mass mailing's own trace and click methods."""
        for issue in self:
            issue.action_send()
            mailing = issue.mailing_id.with_context(default_force_send=False)
            mailing.action_send_mail()
            self.env["mail.mail"].sudo().search([("mailing_id", "=", mailing.id)]).unlink()
            traces = (
                self.env["mailing.trace"]
                .sudo()
                .search([("mass_mailing_id", "=", mailing.id)], order="id")
            )
            traces.set_sent()
            trackers = issue.item_ids.link_tracker_id
            for index, trace in enumerate(traces):
                if index % 3 != 2:
                    trace.set_opened()
                if trackers and index % 2 == 0:
                    tracker = trackers[(index // 2) % len(trackers)]
                    self.env["link.tracker.click"].sudo().add_click(
                        tracker.code, mailing_trace_id=trace.id, ip="127.0.0.1"
                    )
            traces[-1:].set_bounced()
            traces[:1].set_replied()

    def _resume_interrupted_sends(self):
        """Issues whose sending stopped (worker killed): put their mailing back
        in Odoo's queue; Odoo skips every recipient that already has a trace."""
        stuck = self.search([("state", "=", "sending")])
        for issue in stuck:
            issue.mailing_id.action_put_in_queue()
        return stuck
