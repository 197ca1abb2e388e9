# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.addons.crm_custom.tests.common import CrmRolesCase


class NewsletterCase(CrmRolesCase):
    """The role users of the suite, a mailing list and a newsletter."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["ir.config_parameter"].sudo().set_param("web.base.url", "http://localhost:8069")
        # Mails stay in the queue as for any list over Odoo's limit of 100
        # (below it Odoo sends them at once), so tests can read them.
        cls.env["ir.config_parameter"].sudo().set_param("mail.mail.force.send.limit", 0)
        for code in ("fa_IR", "he_IL"):
            cls.env["res.lang"]._activate_lang(code)
        cls.marketing.email = "marketing@example.com"
        cls.mailing_list = cls.env["mailing.list"].create({"name": "Newsletter test list"})
        cls.contacts = cls.env["mailing.contact"].create(
            [
                {
                    "name": f"Reader {index}",
                    "email": f"reader{index}@example.com",
                    "list_ids": [(4, cls.mailing_list.id)],
                }
                for index in range(3)
            ]
        )
        cls.layout = cls.env.ref("crm_newsletter.layout_classic")
        cls.newsletter = cls.env["crm.newsletter"].create(
            {
                "name": "Company news",
                "lang": "en_US",
                "layout_id": cls.layout.id,
                "email_from": "news@example.com",
                "contact_list_ids": [(6, 0, cls.mailing_list.ids)],
            }
        )

    @classmethod
    def _issue(cls, user=None, **values):
        env = cls.env(user=user) if user else cls.env
        return env["crm.newsletter.issue"].create(
            {
                "newsletter_id": cls.newsletter.id,
                "name": "December news",
                "item_ids": [
                    (0, 0, {"headline": "New office", "body": "<p>We moved.</p>",
                            "link_url": "https://example.com/office", "button_label": "Visit"}),
                    (0, 0, {"headline": "Winter offer", "body": "<p>20% off.</p>",
                            "link_url": "https://example.com/offer"}),
                ],
                **values,
            }
        )  # fmt: skip
