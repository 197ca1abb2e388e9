# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date, timedelta

from odoo.tests import Form, tagged

from odoo.addons.crm_newsletter.models.crm_newsletter_segment import CrmNewsletterSegment

from .common import NewsletterCase


@tagged("post_install", "-at_install")
class TestSegments(NewsletterCase):
    """Each rule against a set of customers computed by hand."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.iran = cls.env.ref("base.ir")
        cls.israel = cls.env.ref("base.il")
        cls.ali = Partner.create({"name": "Ali", "email": "ali@example.com", "lang": "fa_IR",
                                  "country_id": cls.iran.id, "city": "Tehran"})  # fmt: skip
        cls.dana = Partner.create({"name": "Dana", "email": "dana@example.com", "lang": "he_IL",
                                   "country_id": cls.israel.id, "city": "Haifa"})  # fmt: skip
        cls.olga = Partner.create({"name": "Olga", "email": "olga@example.com", "lang": "en_US",
                                   "city": "tehran"})  # fmt: skip
        cls.noemail = Partner.create({"name": "No Email", "lang": "fa_IR", "city": "Tehran"})
        cls.blocked = Partner.create(
            {"name": "Blocked", "email": "blocked@example.com", "lang": "fa_IR", "city": "Tehran"}
        )
        cls.env["mail.blacklist"]._add("blocked@example.com")
        cls.category = cls.env["product.category"].create({"name": "Phones"})
        cls.subcategory = cls.env["product.category"].create(
            {"name": "Headsets", "parent_id": cls.category.id}
        )
        Product = cls.env["product.product"]
        cls.phone = Product.create(
            {"name": "Desk phone", "categ_id": cls.category.id, "list_price": 100}
        )
        cls.headset = Product.create(
            {"name": "Headset", "categ_id": cls.subcategory.id, "list_price": 30}
        )
        cls.cable = Product.create({"name": "Cable", "list_price": 5})
        today = date.today()
        # ali: phone (100) long ago + headset (30) recently → 2 invoices, 130
        cls._invoice(cls.ali, cls.phone, 1, today - timedelta(days=400))
        cls._invoice(cls.ali, cls.headset, 1, today - timedelta(days=5))
        # dana: 3 cables long ago → 1 invoice, 15
        cls._invoice(cls.dana, cls.cable, 3, today - timedelta(days=200))
        # olga: a draft invoice only (not a purchase)
        cls._invoice(cls.olga, cls.phone, 10, today, post=False)
        # blocked and noemail bought phones
        cls._invoice(cls.blocked, cls.phone, 1, today)
        cls._invoice(cls.noemail, cls.phone, 1, today)
        cls.tag_vip = cls.env["crm.tag"].create({"name": "Newsletter VIP"})
        cls.env["crm.lead"].create(
            {"name": "Olga's lead", "partner_id": cls.olga.id, "tag_ids": [(4, cls.tag_vip.id)]}
        )
        cls.partner_tag = cls.env["res.partner.category"].create({"name": "Reseller"})
        cls.dana.category_id = cls.partner_tag
        cls.env["mailing.contact"].create(
            {"name": "Dana", "email": "dana@example.com", "list_ids": [(4, cls.mailing_list.id)]}
        )
        cls.probes = cls.ali | cls.dana | cls.olga | cls.noemail | cls.blocked

    @classmethod
    def _invoice(cls, partner, product, quantity, day, post=True):
        move = cls.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": partner.id,
                "invoice_date": day,
                "invoice_line_ids": [
                    (0, 0, {"product_id": product.id, "quantity": quantity,
                            "price_unit": product.list_price, "tax_ids": [(6, 0, [])]})
                ],
            }
        )  # fmt: skip
        if post:
            move.action_post()
        return move

    def _segment(self, rules, match="all"):
        return (
            self.env["crm.newsletter.segment"]
            .with_user(self.marketing)
            .create({"name": "Test", "match": match, "rule_ids": [(0, 0, rule) for rule in rules]})
        )

    def _matching(self, segment):
        """Eligible probes, with the invoices as purchase history (the base
        addon's own source, whether or not Sales is installed)."""
        purchases = CrmNewsletterSegment._purchase_sql(segment)
        ids = set(segment._eligible_partner_ids(purchases)) & set(self.probes.ids)
        return self.env["res.partner"].browse(sorted(ids))

    def assertMatches(self, rules, expected, match="all"):
        segment = self._segment(rules, match)
        self.assertEqual(self._matching(segment), expected.sorted("id"), rules)

    def test_purchase_rules(self):
        self.assertMatches([{"kind": "product", "product_ids": [(6, 0, self.phone.ids)]}], self.ali)
        self.assertMatches(
            [{"kind": "category", "category_ids": [(6, 0, self.category.ids)]}], self.ali,
        )  # fmt: skip
        self.assertMatches([{"kind": "spent", "value": 100}], self.ali)
        self.assertMatches([{"kind": "spent", "value": 10}], self.ali | self.dana)
        self.assertMatches([{"kind": "orders", "value": 2}], self.ali)
        self.assertMatches([{"kind": "orders", "value": 1}], self.ali | self.dana)
        self.assertMatches([{"kind": "recent", "value": 30}], self.ali)
        self.assertMatches([{"kind": "lapsed", "value": 30}], self.dana)
        self.assertMatches([{"kind": "lapsed", "value": 500}], self.env["res.partner"])

    def test_interest_and_partner_rules(self):
        self.assertMatches(
            [{"kind": "crm_tag", "crm_tag_ids": [(6, 0, self.tag_vip.ids)]}], self.olga
        )
        self.assertMatches(
            [{"kind": "partner_tag", "partner_category_ids": [(6, 0, self.partner_tag.ids)]}],
            self.dana,
        )
        self.assertMatches(
            [{"kind": "mailing_list", "mailing_list_ids": [(6, 0, self.mailing_list.ids)]}],
            self.dana,
        )
        self.assertMatches([{"kind": "lang", "lang_codes": "fa_IR, he_IL"}], self.ali | self.dana)
        self.assertMatches(
            [{"kind": "country", "country_ids": [(6, 0, self.israel.ids)]}], self.dana
        )
        self.assertMatches([{"kind": "city", "city": "TEHRAN"}], self.ali | self.olga)

    def test_and_or_and_not(self):
        tehran = {"kind": "city", "city": "Tehran"}
        persian = {"kind": "lang", "lang_codes": "fa_IR"}
        self.assertMatches([tehran, persian], self.ali)
        self.assertMatches([tehran, dict(persian, negate=True)], self.olga)
        self.assertMatches(
            [persian, {"kind": "country", "country_ids": [(6, 0, self.israel.ids)]}],
            self.ali | self.dana,
            match="any",
        )

    def test_exclusions_are_counted(self):
        segment = self._segment([{"kind": "city", "city": "Tehran"}])
        counts = segment._audience_counts()
        # ali, olga, noemail, blocked live in Tehran (plus any demo partner there)
        self.assertGreaterEqual(counts["matched"], 4)
        self.assertGreaterEqual(counts["no_email"], 1)
        self.assertGreaterEqual(counts["blacklisted"], 1)
        eligible = set(segment._eligible_partner_ids())
        self.assertFalse({self.noemail.id, self.blocked.id} & eligible)
        self.assertTrue({self.ali.id, self.olga.id} <= eligible)

    def test_live_count_and_sample_while_editing(self):
        with Form(self.env["crm.newsletter.segment"].with_user(self.marketing)) as form:
            form.name = "Israelis"
            self.assertEqual(form.match_count, 0)
            with form.rule_ids.new() as rule:
                rule.kind = "country"
                rule.country_ids.add(self.israel)
            self.assertGreaterEqual(form.eligible_count, 1)
            self.assertIn(self.dana.id, form.sample_partner_ids.ids)

    def test_segment_is_recomputed_when_the_issue_is_sent(self):
        segment = self._segment([{"kind": "city", "city": "Haifa"}])
        issue = self._issue(target="segment", segment_id=segment.id).with_user(self.marketing)
        issue.schedule_date = "2099-01-01 08:00:00"
        issue.action_schedule()
        self.assertEqual(issue.state, "scheduled")
        newcomer = self.env["res.partner"].create(
            {"name": "Newcomer", "email": "newcomer@example.com", "city": "Haifa"}
        )
        issue.mailing_id.sudo().action_send_mail()
        traces = self.env["mailing.trace"].search([("mass_mailing_id", "=", issue.mailing_id.id)])
        self.assertIn(newcomer.id, traces.mapped("res_id"))
        self.assertIn(self.dana.id, traces.mapped("res_id"))
        self.assertEqual(issue.targeted_count, len(traces))
