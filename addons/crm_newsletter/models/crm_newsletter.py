# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import _, api, fields, models

from .crm_newsletter_image_mixin import check_web_url


class CrmNewsletter(models.Model):
    """A newsletter: the series its issues belong to."""

    _name = "crm.newsletter"
    _description = "Newsletter"
    _inherit = ["mail.thread"]
    _order = "name, id"

    name = fields.Char(required=True, tracking=True)
    active = fields.Boolean(default=True)
    lang = fields.Selection(
        selection="_get_languages",
        string="Language",
        required=True,
        default=lambda self: self.env.lang or "en_US",
        help="The language the issues are written in: it sets the direction of the email.",
    )
    layout_id = fields.Many2one(
        "crm.newsletter.layout",
        required=True,
        default=lambda self: self.env["crm.newsletter.layout"].search([], limit=1),
    )
    email_from = fields.Char(string="Send from", default=lambda self: self.env.user.email_formatted)
    contact_list_ids = fields.Many2many(
        "mailing.list", string="Default mailing lists", help="Lists new issues are sent to."
    )
    segment_id = fields.Many2one(
        "crm.newsletter.segment",
        string="Default audience",
        help="Customers new issues are sent to, instead of mailing lists.",
    )
    feed_url = fields.Char(
        string="News feed (RSS/Atom)",
        help="Address of the RSS or Atom feed of your website or blog: "
        "its entries can be pulled into an issue as news items.",
    )
    is_published = fields.Boolean(
        string="Public archive",
        help="Sent issues can be read on the website at /newsletter/<id>.",
    )
    campaign_id = fields.Many2one("utm.campaign", ondelete="set null")
    issue_ids = fields.One2many("crm.newsletter.issue", "newsletter_id", string="Issues")
    issue_count = fields.Integer(compute="_compute_issue_count")

    @api.model
    def _get_languages(self):
        return self.env["res.lang"].get_installed()

    @api.constrains("feed_url")
    def _check_feed_url(self):
        for newsletter in self:
            check_web_url(self.env, newsletter.feed_url, _("The news feed"))

    def _compute_issue_count(self):
        counts = dict(
            self.env["crm.newsletter.issue"]._read_group(
                [("newsletter_id", "in", self.ids)], ["newsletter_id"], ["__count"]
            )
        )
        for newsletter in self:
            newsletter.issue_count = counts.get(newsletter, 0)

    def action_view_statistics(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_newsletter.crm_newsletter_report_action"
        )
        action["domain"] = [("newsletter_id", "=", self.id)]
        action["context"] = {"search_default_group_issue": 1}
        return action

    def get_public_url(self):
        self.ensure_one()
        return f"{self.get_base_url()}/newsletter/{self.id}"
