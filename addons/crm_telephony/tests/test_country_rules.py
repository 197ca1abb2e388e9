# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Which country a number is read in, and re-reading numbers when it changes."""

from unittest.mock import patch

from odoo.tests import tagged
from odoo.tests.common import TransactionCase

from ..models import crm_phone_e164_mixin
from ..tools.phone import caller_id_candidates, normalize_e164

COUNTRY_PARAM = "crm_telephony.default_country_id"


@tagged("post_install", "-at_install")
class TestCountryRules(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.params = cls.env["ir.config_parameter"].sudo()
        cls.params.set_param(COUNTRY_PARAM, False)
        cls.company = cls.env.company
        cls.company.country_id = cls.env.ref("base.us")

    def test_national_number_invalid_for_the_assumed_country_stays_unparsed(self):
        """An Israeli 052-… under a US company is no +1 052… number."""
        self.assertEqual(normalize_e164("052-212-3456", "US"), "+10522123456", "possible")
        self.assertFalse(normalize_e164("052-212-3456", "US", assumed=True))
        partner = self.env["res.partner"].create({"name": "Dana", "phone": "052-212-3456"})
        self.assertFalse(partner.phone_e164)
        # With its own country the number is read in that country.
        partner.country_id = self.env.ref("base.il")
        self.assertEqual(partner.phone_e164, "+972522123456")

    def test_caller_reading_of_the_pbx_country_first(self):
        """A 10-digit Russian number could also read as +91…: the PBX (RU) reading wins
        when a record has it, even if a record of the other reading is more recent."""
        self.params.set_param(COUNTRY_PARAM, self.env.ref("base.ru").id)
        self.assertEqual(caller_id_candidates("9123456789", "RU")[0], "+79123456789")
        self.assertIn("+9123456789", caller_id_candidates("9123456789", "RU"))
        Partner = self.env["res.partner"]
        russian = Partner.create({"name": "Ivanov", "phone": "+7 912 345-67-89"})
        indian = Partner.create({"name": "Later Indian contact", "phone": "+91 23456789"})
        indian.write({"comment": "written last"})
        self.assertGreaterEqual(indian.write_date, russian.write_date)
        self.assertEqual(Partner._crm_search_caller("9123456789"), russian)
        match = self.env["crm.phone.call"]._crm_match_number("9123456789")
        self.assertEqual(match["partner"], russian)
        self.assertFalse(match["other_partners"])
        lead = self.env["crm.lead"].create({"name": "Indian lead", "phone": "+91 23456789"})
        match = self.env["crm.phone.call"]._crm_match_number("9123456789")
        self.assertEqual(match["lead"], lead.browse(), "the RU reading matched a contact")
        # Only when nobody has the first reading is the next one taken.
        russian.phone = False
        self.assertEqual(Partner._crm_search_caller("9123456789"), indian)

    def test_changing_the_company_country_rereads_unparsed_numbers(self):
        partner = self.env["res.partner"].create({"name": "Dana", "phone": "052-212-3456"})
        parsed = self.env["res.partner"].create({"name": "Joe", "phone": "+1 415 555 2671"})
        lead = self.env["crm.lead"].create({"name": "Dana's lead", "mobile": "052-212-3456"})
        self.assertFalse(partner.phone_e164 or lead.mobile_e164)
        self.company.country_id = self.env.ref("base.il")
        self.assertEqual(partner.phone_e164, "+972522123456")
        self.assertEqual(lead.mobile_e164, "+972522123456")
        self.assertEqual(parsed.phone_e164, "+14155552671", "parsed numbers are kept")
        self.assertFalse(self.env["res.partner"]._crm_renormalize_state(), "done at once")

    def test_changing_the_default_phone_country_rereads_unparsed_numbers(self):
        self.company.country_id = False
        partner = self.env["res.partner"].create({"name": "Reza", "mobile": "0912 123 4567"})
        self.assertFalse(partner.mobile_e164)
        settings = self.env["res.config.settings"].create(
            {"crm_telephony_default_country_id": self.env.ref("base.ir").id}
        )
        settings.execute()
        self.assertEqual(partner.mobile_e164, "+989121234567")

    def test_large_tables_are_reread_in_the_background_with_progress(self):
        Partner = self.env["res.partner"]
        partners = Partner.create(
            [{"name": f"Unparsed {n}", "phone": f"052-212-{3400 + n}"} for n in range(30)]
        )
        self.assertFalse(any(partners.mapped("phone_e164")))
        cron = self.env.ref("crm_telephony.ir_cron_crm_phone_renormalize")
        triggers = self.env["ir.cron.trigger"].search_count([("cron_id", "=", cron.id)])
        with patch.object(crm_phone_e164_mixin, "RENORMALIZE_INLINE_LIMIT", 10):
            self.company.country_id = self.env.ref("base.il")
        self.assertGreater(
            self.env["ir.cron.trigger"].search_count([("cron_id", "=", cron.id)]), triggers
        )
        self.assertFalse(any(partners.mapped("phone_e164")), "not in the request")
        before = Partner._crm_unparsed_remaining()
        self.assertGreaterEqual(before, 30)
        status = self.env["res.config.settings"].create({}).crm_telephony_renormalize_status
        self.assertIn(f"{before} left", status)
        # The job reads in set-based batches: the queries do not grow with the rows.
        with (
            patch.object(crm_phone_e164_mixin, "RENORMALIZE_CRON_ROWS", 20),
            patch.object(crm_phone_e164_mixin, "BACKFILL_BATCH", 20),
            self.assertQueryCount(__system__=30),
        ):
            Partner._crm_renormalize_cron()
        self.assertLess(Partner._crm_unparsed_remaining(), before)
        with patch.object(crm_phone_e164_mixin, "RENORMALIZE_CRON_ROWS", 20):
            for _run in range(20):
                if not Partner._crm_renormalize_state():
                    break
                Partner._crm_renormalize_cron()
        self.assertTrue(all(partners.mapped("phone_e164")))
        self.assertFalse(
            self.env["res.config.settings"].create({}).crm_telephony_renormalize_status
        )

    def test_settings_say_which_country_is_assumed(self):
        self.company.country_id = self.env.ref("base.il")
        self.params.set_param(COUNTRY_PARAM, self.env.ref("base.ir").id)
        text = self.env["res.config.settings"].create({}).crm_telephony_assumed_country
        self.assertIn("Israel", text)
        self.assertIn("Iran", text)
        self.company.country_id = False
        self.params.set_param(COUNTRY_PARAM, False)
        text = self.env["res.config.settings"].create({}).crm_telephony_assumed_country
        self.assertIn("set the company's country", text)
