# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import HttpCase, tagged

from .common import NewsletterCase


@tagged("post_install", "-at_install", "crm_suite_http")
class TestNewsletterTour(HttpCase, NewsletterCase):
    def test_marketing_composes_previews_and_sends(self):
        self.newsletter.name = "Tour newsletter"
        partner = self.env["res.partner"].create(
            {"name": "Tour reader", "email": "tour.reader@example.com", "city": "Tourcity"}
        )
        segment = self.env["crm.newsletter.segment"].create(
            {"name": "Tour segment", "rule_ids": [(0, 0, {"kind": "city", "city": "Tourcity"})]}
        )
        self.start_tour(
            "/odoo/action-crm_newsletter.crm_newsletter_issue_action",
            "crm_newsletter_compose",
            login="role_marketing",
        )
        issue = self.env["crm.newsletter.issue"].search([("name", "=", "Tour issue")])
        self.assertEqual(issue.item_ids.mapped("headline"), ["First tour item", "Second tour item"])
        self.assertEqual(issue.segment_id, segment)
        self.assertEqual(issue.state, "scheduled")
        self.assertEqual(issue.mailing_id.state, "in_queue")
        self.assertEqual(issue.recipient_partner_ids, partner)
        self.assertEqual(issue.create_uid, self.marketing)
