# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import secrets

from odoo import _, fields, models

STATES = [
    ("customer", "Logged-in Customer"),
    ("new", "New Customer"),
    ("to_confirm", "Waiting for Email Confirmation"),
    ("confirmed", "Linked after Confirmation"),
    ("duplicate", "Possible Duplicate"),
]


class CrmPortalFormSubmission(models.Model):
    """One post of a public form. It is also the engagement event the lead
    scoring counts (form, campaign, lead, customer, date)."""

    _name = "crm.portal.form.submission"
    _description = "Public Form Submission"
    _order = "create_date desc, id desc"
    _rec_name = "email"

    form_id = fields.Many2one("crm.portal.form", required=True, index=True, ondelete="cascade")
    request_id = fields.Many2one(
        "crm.portal.request",
        index=True,
        ondelete="set null",
        groups="sales_team.group_sale_salesman,crm_custom.group_crm_support",
    )
    partner_id = fields.Many2one("res.partner", string="Customer", index=True)
    lead_id = fields.Many2one(
        "crm.lead",
        string="Lead / Opportunity",
        index="btree_not_null",
        groups="sales_team.group_sale_salesman",
    )
    duplicate_partner_id = fields.Many2one("res.partner", string="Possible Duplicate Of")
    # Precomputed: stored with the INSERT, not by an UPDATE after it (one
    # query less per public post, bench_forms.py).
    campaign_id = fields.Many2one(related="form_id.campaign_id", store=True, precompute=True)
    source_id = fields.Many2one(related="form_id.source_id", store=True, precompute=True)
    state = fields.Selection(STATES, required=True, default="new")
    email = fields.Char()
    lang = fields.Char(string="Language")
    ip_address = fields.Char(string="IP Address")
    consent_text = fields.Text(string="Consent Agreed To", readonly=True)
    consent_date = fields.Datetime(readonly=True)
    answers_json = fields.Text(string="Answers as Sent", readonly=True)
    confirm_token_hash = fields.Char(copy=False, groups="base.group_system")
    confirm_deadline = fields.Datetime(string="Confirm Before", readonly=True)
    confirmed_date = fields.Datetime(readonly=True)

    def _send_confirmation(self):
        """Mail the address typed a one-use link that proves the visitor owns
        it; only then is the submission linked to that customer."""
        self.ensure_one()
        token = secrets.token_urlsafe(32)
        self.sudo().write(
            {
                "confirm_token_hash": self.form_id._hash_token(token),
                "confirm_deadline": self.form_id._confirmation_deadline(),
            }
        )
        template = self.env.ref("crm_portal.mail_template_form_confirm").sudo()
        template.with_context(
            lang=self.lang, confirm_url=f"{self.form_id.get_base_url()}/forms/confirm/{token}"
        ).send_mail(self.id, email_values={"email_to": self.email})

    def _confirm(self):
        """Link the request, its lead and the submission to the customer the
        visitor proved to be; the contact made for the submission goes."""
        self.ensure_one()
        customer = self.duplicate_partner_id
        made = self.partner_id
        request = self.sudo().request_id
        request.write({"partner_id": customer.id, "duplicate_partner_id": False})
        if self.sudo().lead_id:
            self.sudo().lead_id.partner_id = customer
        self.sudo().write(
            {
                "state": "confirmed",
                "partner_id": customer.id,
                "confirmed_date": fields.Datetime.now(),
                "confirm_token_hash": False,
            }
        )
        if made != customer and not made.sudo().user_ids:
            made.sudo().active = False
        request.message_post(
            body=_(
                "The visitor confirmed the email address of %(partner)s: request linked.",
                partner=customer.display_name,
            ),
            message_type="notification",
            subtype_xmlid="mail.mt_note",
        )
        if self.form_id.create_portal_user:
            self.form_id._portal_wizard_invite(customer)

    def _invite_portal_user(self, partner):
        self.form_id._portal_wizard_invite(partner)
