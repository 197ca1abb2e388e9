# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.exceptions import AccessError
from odoo.tests import tagged

from odoo.addons.crm_custom.tests.common import CrmRolesCase


@tagged("post_install", "-at_install")
class TestMarketingAccess(CrmRolesCase):
    def test_marketing_sends_mailings_to_lists(self):
        mailing_list = (
            self.env["mailing.list"]
            .with_user(self.marketing)
            .create({"name": "Exhibition visitors"})
        )
        mailing = (
            self.env["mailing.mailing"]
            .with_user(self.marketing)
            .create(
                {
                    "subject": "Our spring newsletter",
                    "mailing_model_id": self.env.ref("mass_mailing.model_mailing_list").id,
                    "contact_list_ids": [(4, mailing_list.id)],
                    "body_html": "<p>Hello</p>",
                }
            )
        )
        self.assertEqual(mailing.contact_list_ids, mailing_list)

    def test_salesperson_and_support_cannot_send_mailings(self):
        for user in (self.salesperson, self.support):
            with self.assertRaises(AccessError):
                self.env["mailing.mailing"].with_user(user).create({"subject": "Spam"})
