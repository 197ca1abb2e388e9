# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from lxml import html as lxml_html

from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.mail.tests.common import MockEmail

from .common import NewsletterCase


@tagged("post_install", "-at_install")
class TestSending(NewsletterCase, MockEmail):
    def _traces(self, issue):
        return self.env["mailing.trace"].search([("mass_mailing_id", "=", issue.mailing_id.id)])

    def _queued(self, issue):
        return self.env["mail.mail"].sudo().search([("mailing_id", "=", issue.mailing_id.id)])

    def test_marketing_sends_through_an_odoo_mailing(self):
        self.env["mail.blacklist"]._add("reader2@example.com")
        self.contacts[1].subscription_ids.opt_out = True
        issue = self._issue(user=self.marketing)
        issue.action_send()
        mailing = issue.mailing_id
        self.assertEqual(issue.state, "scheduled", "queued in mass mailing's queue")
        self.assertEqual(mailing.state, "in_queue")
        self.assertEqual(mailing.crm_newsletter_issue_id, issue)
        self.assertEqual(mailing.contact_list_ids, self.mailing_list)
        self.assertEqual(
            (issue.targeted_count, issue.excluded_opt_out_count, issue.excluded_blacklist_count),
            (1, 1, 1),
        )
        mailing._process_mass_mailing_queue()
        self.assertEqual(issue.state, "sent")
        traces = self._traces(issue)
        self.assertEqual(len(traces), 3)
        sent = traces.filtered(lambda t: t.trace_status != "cancel")
        self.assertEqual(sent.mapped("email"), ["reader0@example.com"])
        self.assertEqual(issue.expected, 3)
        self.assertEqual(issue.progress, 100.0)

    def test_items_are_tracked_separately(self):
        issue = self._issue()
        issue.item_ids[1].link_url = issue.item_ids[0].link_url
        issue.with_user(self.marketing).action_send()
        trackers = issue.item_ids.link_tracker_id
        self.assertEqual(len(trackers), 2, "one tracker per item, even for one page")
        self.assertEqual(trackers.mass_mailing_id, issue.mailing_id)
        self.assertIn(trackers[0].short_url, issue.mailing_id.body_html)

    def test_what_reaches_a_persian_reader_is_right_to_left(self):
        self.newsletter.lang = "fa_IR"
        issue = self._issue(name="خبرنامهٔ آذر")
        issue.with_user(self.marketing).action_send()
        issue.mailing_id._process_mass_mailing_queue()
        # what Odoo hands to the SMTP server
        with self.mock_mail_gateway():
            self._queued(issue)[:1].send()
        outgoing = self._mails[0]
        root = lxml_html.document_fromstring(outgoing["body"])
        self.assertEqual(root.get("dir"), "rtl")
        self.assertEqual(root.get("lang"), "fa-IR")
        self.assertEqual(root.find("body").get("dir"), "rtl")
        self.assertEqual(root.xpath("//div[@class='o_crm_newsletter']")[0].get("dir"), "rtl")
        self.assertTrue(all(t.get("dir") == "rtl" for t in root.xpath("//table")))
        self.assertFalse(root.xpath("//style"))
        self.assertEqual(len(root.xpath("//html")), 1, "no second document around it")
        # Odoo's per-recipient links: tracked items, unsubscribe, open pixel
        self.assertIn("/unsubscribe?", outgoing["body"])
        self.assertRegex(outgoing["body"], r"/r/\w+/m/\d+")
        self.assertIn("/mail/track/", outgoing["body"])

    def test_interrupted_send_resumes_without_duplicates(self):
        contacts = self.env["mailing.contact"].create(
            [{"name": f"Bulk {i}", "email": f"bulk{i}@example.com",
              "list_ids": [(4, self.mailing_list.id)]} for i in range(20)]
        )  # fmt: skip
        self.env["ir.config_parameter"].sudo().set_param("mail.batch_size", 4)
        issue = self._issue(user=self.marketing)
        issue.action_send()
        mailing = issue.mailing_id.sudo()
        all_ids = (self.contacts | contacts).ids
        # A worker got through the first batches, then died: what it
        # committed is what a cursor sees (here: the mails of 10 contacts).
        mailing.write({"state": "sending"})
        mailing.action_send_mail(res_ids=all_ids[:10])
        mailing.write({"state": "sending"})
        self.assertEqual(issue.state, "sending")
        self.assertEqual(len(self._traces(issue)), 10)
        self.assertAlmostEqual(issue.progress, 100.0 * 10 / 23, places=1)
        # The next cron run resumes it.
        self.env["crm.newsletter.issue"]._resume_interrupted_sends()
        mailing._process_mass_mailing_queue()
        traces = self._traces(issue)
        self.assertEqual(sorted(traces.mapped("res_id")), sorted(all_ids))
        self.assertEqual(len(traces), 23, "every recipient exactly once")
        self.assertEqual(len(set(traces.mapped("email"))), 23)
        self.assertEqual(issue.state, "sent")

    def test_schedule_then_back_to_draft(self):
        issue = self._issue(user=self.marketing)
        with self.assertRaisesRegex(UserError, "future"):
            issue.action_schedule()
        issue.schedule_date = "2099-06-01 09:00:00"
        issue.action_schedule()
        self.assertEqual(issue.state, "scheduled")
        self.assertEqual(issue.mailing_id.schedule_type, "scheduled")
        self.assertEqual(issue.mailing_id.schedule_date, issue.schedule_date)
        issue.action_cancel()
        self.assertEqual(issue.state, "draft")

    def test_issue_without_items_is_not_sent(self):
        issue = self._issue(user=self.marketing)
        issue.item_ids.unlink()
        with self.assertRaisesRegex(UserError, "at least one news item"):
            issue.action_send()
        self.assertFalse(issue.mailing_id)

    def test_send_me_a_test(self):
        issue = self._issue(user=self.marketing)
        with self.mock_mail_gateway():
            issue.action_send_test()
        self.assertEqual(issue.state, "draft")
        self.assertEqual(len(self._mails), 1)
        self.assertEqual(self._mails[0]["email_to"], ["marketing@example.com"])
        self.assertIn("New office", self._mails[0]["body"])

    def test_sent_issue_statistics_and_comparison(self):
        issue = self._issue(user=self.marketing)
        issue.action_send()
        issue.mailing_id.sudo()._process_mass_mailing_queue()
        traces = self._traces(issue)
        traces[0].set_opened()
        traces[0].set_clicked()
        traces[1].set_bounced()
        issue.invalidate_recordset()
        self.assertEqual((issue.opened, issue.clicked, issue.bounced), (1, 1, 1))
        report = self.env["crm.newsletter.report"].with_user(self.salesperson)
        rows = report._read_group(
            [("issue_id", "=", issue.id)], [], ["opened:sum", "bounced:sum", "targeted:sum"]
        )
        self.assertEqual(rows[0], (1, 1, 3))

    def test_statistics_of_a_list_of_issues_in_constant_queries(self):
        issues = self.env["crm.newsletter.issue"]
        for number in range(4):
            issue = self._issue(user=self.marketing, number=10 + number)
            issue.action_send()
            issue.mailing_id.sudo()._process_mass_mailing_queue()
            issues |= issue

        def queries(records):
            records = records.with_user(self.salesperson)
            records.invalidate_recordset()
            records.item_ids.invalidate_recordset()
            self.env.flush_all()
            before = self.env.cr.sql_log_count
            # as the list of issues and their items read them
            records.read(["opened_ratio", "clicks_ratio", "unsubscribed", "progress"])
            records.item_ids.read(["click_count", "clicker_count"])
            return self.env.cr.sql_log_count - before

        self.assertEqual(queries(issues[:1]), queries(issues), "no query per issue")
