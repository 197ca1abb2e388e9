# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import tagged

from .common import TelephonyCase, call_event


@tagged("post_install", "-at_install")
class TestTelephonySettings(TelephonyCase):
    def test_ami_secret_is_write_only(self):
        settings = self.env["res.config.settings"].create(
            {
                "crm_telephony_ami_host": "pbx.example.com",
                "crm_telephony_ami_secret": "t0p-s3cret",
            }
        )
        settings.execute()
        params = self.env["ir.config_parameter"].sudo()
        self.assertEqual(params.get_param("crm_telephony.ami_secret"), "t0p-s3cret")
        fresh = self.env["res.config.settings"].create({})
        self.assertFalse(fresh.crm_telephony_ami_secret, "the secret is never read back")
        self.assertTrue(fresh.crm_telephony_ami_secret_set)
        self.assertEqual(fresh.crm_telephony_ami_host, "pbx.example.com")
        # Saving the form again with the field empty keeps the stored secret.
        fresh.execute()
        self.assertEqual(params.get_param("crm_telephony.ami_secret"), "t0p-s3cret")

    def test_popup_can_hide_open_leads(self):
        self.env["crm.phone.call"].sudo()._crm_ingest_events(
            [call_event("set-1", "ringing", caller_number="+989121112233", extension="7101")]
        )
        call = self.env["crm.phone.call"].sudo().search([("pbx_call_id", "=", "set-1")])
        self.assertEqual(call._crm_popup_payload(self.agent)["open_leads"][0]["id"], self.lead.id)
        self.env["res.config.settings"].create({"crm_telephony_popup_hide_leads": True}).execute()
        self.assertEqual(call._crm_popup_payload(self.agent)["open_leads"], [])

    def test_popup_hides_leads_the_agent_cannot_see(self):
        self.env["crm.phone.call"].sudo()._crm_ingest_events(
            [call_event("set-2", "ringing", caller_number="+989121112233", extension="7102")]
        )
        call = self.env["crm.phone.call"].sudo().search([("pbx_call_id", "=", "set-2")])
        self.env["res.config.settings"].create({"crm_lead_visibility": "own"}).execute()
        payload = call._crm_popup_payload(self.other_agent)
        self.assertEqual(payload["open_leads"], [], "agent two may not read agent one's lead")
        self.assertFalse(payload["lead_id"])
        self.assertEqual(payload["caller_name"], "Reza Karimi")
