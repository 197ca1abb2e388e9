# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import NewsletterCase

MODELS = (
    "crm.newsletter", "crm.newsletter.issue", "crm.newsletter.item", "crm.newsletter.layout",
    "crm.newsletter.segment", "crm.newsletter.segment.rule", "crm.newsletter.report",
)  # fmt: skip


@tagged("post_install", "-at_install")
class TestNewsletterAccess(NewsletterCase):
    def test_marketing_creates_and_sends(self):
        issue = self._issue(user=self.marketing)
        issue.action_send()
        self.assertEqual(issue.state, "scheduled")
        segment = (
            self.env["crm.newsletter.segment"]
            .with_user(self.marketing)
            .create(
                {
                    "name": "Everyone in Tehran",
                    "rule_ids": [(0, 0, {"kind": "city", "city": "Tehran"})],
                }
            )
        )
        self.assertTrue(segment.rule_ids)

    def test_sales_reads_statistics_only(self):
        issue = self._issue(user=self.marketing)
        issue.action_send()
        as_sales = issue.with_user(self.salesperson)
        as_sales.invalidate_recordset()
        self.assertEqual(as_sales.targeted_count, 3)
        self.assertEqual(as_sales.expected, 0)
        self.assertEqual(as_sales.item_ids.mapped("click_count"), [0, 0])
        as_sales.newsletter_id.action_view_statistics()
        self.env["crm.newsletter.report"].with_user(self.salesperson).search([])
        with self.assertRaises(AccessError):
            as_sales.write({"name": "Hijacked"})
        with self.assertRaises(AccessError):
            self._issue(user=self.salesperson)
        with self.assertRaises(AccessError):
            as_sales.item_ids[0].unlink()
        with self.assertRaises(AccessError):
            self.layout.with_user(self.salesperson).copy()

    def test_sales_read_statistics_in_a_request_of_their_own(self):
        """As the web client does: nothing of the issue's mailing is in the
        cache of the salesperson's request (it was so in the test above)."""
        issue = self._issue(user=self.marketing)
        issue.action_send()
        self.env.invalidate_all()
        as_sales = issue.with_user(self.salesperson)
        stats = as_sales.read(["expected", "opened_ratio", "progress", "unsubscribed"])[0]
        self.assertEqual((stats["expected"], stats["unsubscribed"]), (0, 0))
        self.env.invalidate_all()
        self.assertEqual(as_sales.item_ids.read(["click_ratio"])[0]["click_ratio"], 0.0)

    def test_other_roles_have_nothing(self):
        for user in (self.support, self.accountant):
            for model in MODELS:
                with self.subTest(user=user.login, model=model), self.assertRaises(AccessError):
                    self.env[model].with_user(user).search([], limit=1)
