# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import tagged

from ..tools.phone import caller_id_candidates, normalize_e164
from .common import TelephonyCase

# (written as, country of the record, E.164)
NORMALISATION_TABLE = [
    # Iran
    ("+98 912 123 4567", None, "+989121234567"),
    ("0912 123 4567", "IR", "+989121234567"),
    ("09121234567", "IR", "+989121234567"),
    ("0098-912-123-4567", "IR", "+989121234567"),
    ("0098 912 123 4567", "US", "+989121234567"),
    ("(021) 8888-1234", "IR", "+982188881234"),
    ("+98-21-88881234", "RU", "+982188881234"),
    # Israel
    ("054-123-4567", "IL", "+972541234567"),
    ("+972 54 123 4567", None, "+972541234567"),
    ("00972-54-1234567", "IL", "+972541234567"),
    ("03-123-4567", "IL", "+97231234567"),
    # Russia
    ("8 (912) 345-67-89", "RU", "+79123456789"),
    ("+7 912 345 67 89", None, "+79123456789"),
    ("8 495 123-45-67", "RU", "+74951234567"),
    # United States
    ("(415) 555-2671", "US", "+14155552671"),
    ("415.555.2671", "US", "+14155552671"),
    ("+1 415-555-2671", "IR", "+14155552671"),
    ("011 1 415 555 2671", "US", "+14155552671"),
]

UNUSABLE = ["anonymous", "<unknown>", "Unknown", "", "   ", "1" * 40, "abc", None, "+", "12"]


@tagged("post_install", "-at_install")
class TestPhoneNormalization(TelephonyCase):
    def test_normalisation_table(self):
        for written, country, expected in NORMALISATION_TABLE:
            with self.subTest(written=written, country=country):
                self.assertEqual(normalize_e164(written, country), expected)

    def test_unusable_caller_ids(self):
        for written in UNUSABLE:
            with self.subTest(written=written):
                self.assertFalse(normalize_e164(written, "IR"))
                self.assertEqual(caller_id_candidates(written, "IR"), [])

    def test_trunk_without_plus_is_found(self):
        self.assertIn("+989121234567", caller_id_candidates("989121234567", "IR"))

    def test_stored_fields_follow_the_record(self):
        partner = self.env["res.partner"].create(
            {
                "name": "Stored",
                "country_id": self.env.ref("base.ru").id,
                "phone": "8 (912) 345-67-89",
                "mobile": "+972 54 123 4567",
            }
        )
        self.assertEqual(partner.phone_e164, "+79123456789")
        self.assertEqual(partner.mobile_e164, "+972541234567")
        partner.country_id = self.env.ref("base.us")
        partner.phone = "(415) 555-2671"
        self.assertEqual(partner.phone_e164, "+14155552671")
        partner.phone = "anonymous"
        self.assertFalse(partner.phone_e164)

    def test_company_country_then_default_country(self):
        self.env.company.country_id = self.env.ref("base.il")
        partner = self.env["res.partner"].create({"name": "No country", "phone": "054-212-3456"})
        self.assertEqual(partner.phone_e164, "+972542123456")
        self.env.company.country_id = False
        partner2 = self.env["res.partner"].create({"name": "Default", "phone": "0912 123 4567"})
        self.assertEqual(partner2.phone_e164, "+989121234567", "default country setting: Iran")

    def test_lookup_recall_every_format(self):
        """Every stored format is found from every caller-ID format."""
        Partner = self.env["res.partner"]
        records = Partner
        for index, (written, country, _e164) in enumerate(NORMALISATION_TABLE):
            records |= Partner.create(
                {
                    "name": f"Recall {index}",
                    "country_id": self.env.ref(f"base.{country.lower()}").id if country else False,
                    "phone" if index % 2 else "mobile": written,
                }
            )
        for record, (_written, _country, e164) in zip(records, NORMALISATION_TABLE, strict=True):
            for caller in (e164, e164[1:], "00" + e164[1:]):
                with self.subTest(caller=caller):
                    self.assertIn(record, Partner._crm_search_caller(caller))
        # National formats of the default country (Iran) too.
        self.assertIn(records[1], Partner._crm_search_caller("0912-123-4567"))

    def test_lookup_prefers_latest_activity(self):
        iran = self.env.ref("base.ir").id
        older = self.env["crm.lead"].create(
            {"name": "Old", "phone": "+98 912 555 0000", "country_id": iran}
        )
        newer = self.env["crm.lead"].create(
            {"name": "New", "phone": "0912 555 0000", "country_id": iran}
        )
        self.env.cr.execute(
            "UPDATE crm_lead SET write_date = now() - interval '5 days' WHERE id = %s",
            (older.id,),
        )
        self.env.invalidate_all()
        match = self.env["crm.phone.call"]._crm_match_number("00989125550000")
        self.assertEqual(match["lead"], newer)
        self.assertEqual(match["other_leads"], older)

    def test_search_any_format_from_the_search_view(self):
        found = self.env["res.partner"].search([("crm_phone_any", "=", "0098 912 111 2233")])
        self.assertEqual(found, self.customer)

    def test_backfill_in_batches(self):
        partner = self.env["res.partner"].create(
            {
                "name": "Backfill",
                "phone": "0912 999 8877",
                "country_id": self.env.ref("base.ir").id,
            }
        )
        self.env.cr.execute("UPDATE res_partner SET phone_e164 = NULL WHERE id = %s", (partner.id,))
        self.env.invalidate_all()
        done = self.env["res.partner"]._crm_backfill_e164(batch_size=7)
        self.assertGreater(done, 7, "several batches ran")
        self.assertEqual(partner.phone_e164, "+989129998877")
