# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import hashlib
import json
import mimetypes
import secrets
import time
from datetime import timedelta

from markupsafe import Markup

from odoo import Command, _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import consteq, email_normalize, html_escape
from odoo.tools.mimetypes import guess_mimetype
from odoo.tools.misc import hmac as odoo_hmac

from odoo.addons.crm_custom.tools.tag_name import normalize_tag_name

from .crm_portal_request import BIDI_CONTROLS, CUSTOMER_MIMETYPES, clean_filename

# Letters an Arabic keyboard types for the Persian ones, mapped before text is
# stored: the subset of the tag vocabulary's normalisation that does not
# change how a word is spelled (comparisons use normalize_tag_name itself).
STORED_LETTERS = str.maketrans(
    {"ي": "ی", "ى": "ی", "ك": "ک", "ـ": None, "\ufeff": None, **BIDI_CONTROLS}
)
DIGITS = str.maketrans(
    {
        **{chr(0x06F0 + d): str(d) for d in range(10)},
        **{chr(0x0660 + d): str(d) for d in range(10)},
        "٫": ".",
        "٬": "",
    }
)
TOKEN_SCOPE = "crm_portal.form"


class FormRefusal(ValidationError):
    """A submission refused for a reason the visitor is told; ``status`` is
    the HTTP status of the answer."""

    def __init__(self, message, status=400):
        super().__init__(message)
        self.status = status


def clean_text(value, multiline=False):
    text = (value if isinstance(value, str) else "").translate(STORED_LETTERS)
    text = "".join(ch for ch in text if ch.isprintable() or (multiline and ch in "\n\t"))
    if multiline:
        return text.replace("\r\n", "\n").strip()
    return " ".join(text.split())


def clean_digits(value):
    return clean_text(value).translate(DIGITS)


class CrmPortalForm(models.Model):
    """A form built once on a request type and published outside the CRM:
    a standalone page, an embeddable snippet, the customer panel."""

    _name = "crm.portal.form"
    _description = "Public Form"
    _inherit = ["mail.thread"]
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True, tracking=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    type_id = fields.Many2one("crm.portal.request.type", string="Request Type", required=True)
    company_id = fields.Many2one(related="type_id.company_id", store=True)
    slug = fields.Char(
        string="Address",
        required=True,
        copy=False,
        default=lambda self: secrets.token_urlsafe(9),
        help="The stable part of the form's public address (/forms/<address>).",
    )
    intro = fields.Html(string="Introduction", translate=True)
    field_ids = fields.One2many("crm.portal.form.field", "form_id", string="Questions", copy=True)
    ask_phone = fields.Boolean(string="Ask the Phone Number", default=True)
    ask_company = fields.Boolean(string="Ask the Company")
    # The five options of the source
    is_published = fields.Boolean(
        string="Public Page",
        tracking=True,
        help="(1) Anyone may fill the form at its address and in the embedded snippet.",
    )
    register_partner = fields.Boolean(
        string="Register in the Phone Book",
        default=True,
        help="(2) Find the customer by email, phone or company; link the submission "
        "to him once he confirmed his email address, else create him.",
    )
    show_in_portal = fields.Boolean(
        string="Shown in the Customer Panel",
        help="(3) Logged-in customers find the form in their panel, prefilled.",
    )
    create_portal_user = fields.Boolean(
        string="Open a Portal Account",
        help="(4) A new customer receives an invitation to the customer panel.",
    )
    # Who handles the requests, what they count for
    team_id = fields.Many2one("crm.team", string="Sales Team")
    user_id = fields.Many2one("res.users", string="Responsible", domain=[("share", "=", False)])
    source_id = fields.Many2one("utm.source")
    campaign_id = fields.Many2one("utm.campaign")
    medium_id = fields.Many2one("utm.medium")
    # After sending
    thank_you_message = fields.Html(translate=True)
    redirect_url = fields.Char(
        string="Redirect To", help="An address shown after sending instead of the message."
    )
    consent_text = fields.Text(
        string="Consent",
        translate=True,
        help="When set, the visitor must tick a box with this text; the text he "
        "agreed to is stored with his submission.",
    )
    # Limits
    max_text_length = fields.Integer(string="Longest Answer", default=2000)
    max_upload_mb = fields.Integer(string="Largest File (MB)", default=5)
    allowed_upload_types = fields.Char(
        string="File Types", default="pdf,png,jpg,docx,odt", help="Extensions, comma separated."
    )
    rate_limit_ip = fields.Integer(string="Posts per Minute per Visitor", default=5)
    rate_limit_form = fields.Integer(string="Posts per Minute", default=600)
    min_fill_seconds = fields.Integer(string="Fastest Fill (s)", default=2)
    token_hours = fields.Integer(string="Page Valid (hours)", default=12)
    allowed_origins = fields.Char(
        string="Embedding Sites",
        help="Sites that may embed the form (e.g. https://www.example.com), space "
        "separated; any site when empty.",
    )
    submission_ids = fields.One2many("crm.portal.form.submission", "form_id")
    submission_count = fields.Integer(compute="_compute_submission_count")
    url = fields.Char(string="Public Address", compute="_compute_url")
    embed_snippet = fields.Text(string="Snippet", compute="_compute_url")

    _sql_constraints = [("slug_uniq", "UNIQUE(slug)", "Two forms cannot have the same address.")]

    def _compute_submission_count(self):
        counts = dict(
            self.env["crm.portal.form.submission"]._read_group(
                [("form_id", "in", self.ids)], ["form_id"], ["__count"]
            )
        )
        for form in self:
            form.submission_count = counts.get(form, 0)

    @api.depends("slug")
    def _compute_url(self):
        for form in self:
            base = form.get_base_url()
            form.url = f"{base}/forms/{form.slug}"
            form.embed_snippet = (
                f'<iframe src="{base}/forms/{form.slug}?embed=1" data-crm-form="{form.slug}" '
                f'style="width:100%;border:0" title="{html_escape(form.name or "")}"></iframe>\n'
                f'<script src="{base}/crm_portal/static/src/js/form_embed.js" async></script>'
            )

    @api.constrains("slug")
    def _check_slug(self):
        for form in self:
            if not form.slug.replace("-", "").replace("_", "").isalnum() or len(form.slug) > 64:
                raise ValidationError(_("The address of a form has letters, digits, - and _ only."))

    def action_open_submissions(self):
        self.ensure_one()
        action = self.env["ir.actions.actions"]._for_xml_id(
            "crm_portal.crm_portal_form_submission_action"
        )
        action["domain"] = [("form_id", "=", self.id)]
        return action

    # ------------------------------------------------------------------
    # Signed page token: proves the post comes from a page we served, in
    # its time window (the embed has no session, hence no CSRF token).
    # ------------------------------------------------------------------
    def _page_token(self, now=None):
        self.ensure_one()
        stamp = str(int(now if now is not None else time.time()))
        return f"{stamp}.{odoo_hmac(self.env(su=True), TOKEN_SCOPE, f'{self.id}:{stamp}')}"

    def _check_page_token(self, token, now=None):
        self.ensure_one()
        stamp, _sep, signature = (token or "").partition(".")
        if not stamp.isdigit() or len(stamp) > 12:
            raise FormRefusal(_("This form is not valid any more: reload the page."), 403)
        expected = odoo_hmac(self.env(su=True), TOKEN_SCOPE, f"{self.id}:{stamp}")
        if not consteq(expected, signature):
            raise FormRefusal(_("This form is not valid any more: reload the page."), 403)
        age = (now if now is not None else time.time()) - int(stamp)
        if age > self.token_hours * 3600:
            raise FormRefusal(_("This page was open too long: reload it and send again."), 403)
        if age < self.min_fill_seconds:
            raise FormRefusal(_("This form was sent too fast: please try again."), 429)

    def _check_rate(self, ip):
        exceeded = (
            self.env["crm.portal.form.usage"]
            .sudo()
            ._crm_rate_exceeded(
                {f"form:{self.id}": self.rate_limit_form, f"ip:{self.id}:{ip}": self.rate_limit_ip}
            )
        )
        if exceeded:
            raise FormRefusal(
                _("Too many forms were sent in the last minute: please try again shortly."), 429
            )

    # ------------------------------------------------------------------
    # Submission
    # ------------------------------------------------------------------
    def _parse_submission(self, params, files, user):
        """Read and check everything the visitor sent, before anything is
        stored: ``(contact, answers, uploads, consent)``."""
        self.ensure_one()
        limit = self.max_text_length or 2000
        if user._is_public():
            contact = {
                "name": clean_text(params.get("contact_name")),
                "email": clean_text(params.get("contact_email")),
                "phone": clean_digits(params.get("contact_phone")) if self.ask_phone else "",
                "company": clean_text(params.get("contact_company")) if self.ask_company else "",
            }
            for key, value in contact.items():
                if len(value) > 200:
                    raise FormRefusal(_("%(field)s is too long.", field=self._contact_label(key)))
            if not contact["name"]:
                raise FormRefusal(_("Please give your name."))
            if not email_normalize(contact["email"]):
                raise FormRefusal(_("Please give a valid email address."))
            contact["email"] = email_normalize(contact["email"])
        else:
            contact = {}
        answers = {}
        uploads = []
        for question in self.field_ids:
            key = f"field_{question.id}"
            if question.kind == "file":
                sent = [f for f in files.get(key, []) if f[1]]
                if question.required and not sent:
                    raise FormRefusal(_("%(field)s is required.", field=question.label))
                uploads.extend(self._check_upload(question, f) for f in sent)
                continue
            raw = params.get(key)
            raw = raw if isinstance(raw, str) else ""
            if len(raw) > (question.max_length or limit):
                raise FormRefusal(
                    _(
                        "%(field)s is too long: at most %(max)s characters.",
                        field=question.label,
                        max=question.max_length or limit,
                    ),
                    413,
                )
            value = self._parse_answer(question, raw)
            if question.required and value in (False, ""):
                raise FormRefusal(_("%(field)s is required.", field=question.label))
            answers[question.field_name] = value
        consent = False
        if self.consent_text:
            if params.get("consent") not in ("1", "on"):
                raise FormRefusal(_("Please accept the conditions to send the form."))
            consent = self.consent_text
        return contact, answers, uploads, consent

    def _contact_label(self, key):
        return {
            "name": _("Name"),
            "email": _("Email"),
            "phone": _("Phone"),
            "company": _("Company"),
        }[key]

    def _parse_answer(self, question, raw):
        kind = question.kind
        label = question.label
        if kind == "boolean":
            return raw in ("1", "on", "true")
        if kind == "textarea":
            return clean_text(raw, multiline=True)
        if kind in ("text",):
            return clean_text(raw)
        value = clean_digits(raw)
        if not value:
            return False
        try:
            if kind == "email":
                if not email_normalize(value):
                    raise ValueError(value)
                return email_normalize(value)
            if kind == "phone":
                if not any(ch.isdigit() for ch in value) or len(value) > 40:
                    raise ValueError(value)
                return self._normalize_phone(value) or value
            if kind == "number":
                if question._definition().get("type") == "integer":
                    return int(value)
                return float(value.replace(",", "."))
            if kind == "date":
                return fields.Date.to_string(fields.Date.to_date(value))
        except ValueError as error:
            raise FormRefusal(_("%(field)s: this is not a valid value.", field=label)) from error
        if kind == "choice":
            if value not in dict(question._choices()):
                raise FormRefusal(_("%(field)s: choose one of the options.", field=label))
            return value
        return value

    def _allowed_mimetypes(self):
        types = set()
        for ext in (self.allowed_upload_types or "").replace(" ", "").lower().split(","):
            if ext:
                guessed = mimetypes.types_map.get(f".{ext.lstrip('.')}")
                if guessed:
                    types.add(guessed)
        return types & CUSTOMER_MIMETYPES

    def _check_upload(self, question, upload):
        filename, content, _declared = upload
        name = clean_filename(filename)
        limit_mb = self.max_upload_mb or 5
        if len(content) > limit_mb * 1024 * 1024:
            raise FormRefusal(
                _("The file %(name)s is larger than %(limit)s MB.", name=name, limit=limit_mb),
                413,
            )
        mimetype = guess_mimetype(content)
        if mimetype not in self._allowed_mimetypes():
            raise FormRefusal(
                _(
                    "The file %(name)s is not a kind of file this form accepts (%(types)s).",
                    name=name,
                    types=self.allowed_upload_types,
                ),
                415,
            )
        return {"name": name, "raw": content, "mimetype": mimetype}

    def _normalize_phone(self, number):
        """E.164 with crm_telephony's normalisation when it is installed."""
        if "phone_e164" not in self.env["res.partner"]._fields:
            return False
        from odoo.addons.crm_telephony.tools.phone import normalize_e164

        country = self.company_id.country_id.code or self.env.company.country_id.code
        return normalize_e164(number, country)

    def _find_existing_partner(self, contact):
        """(partner, matched by) of the phone book's customer the visitor may
        be: by email, then E.164 phone, then company name."""
        Partner = self.env["res.partner"].sudo().with_context(active_test=True)
        # order="id": the oldest, and no sort of the matches by name.
        by_email = Partner.search(
            [("email_normalized", "=", contact["email"])], limit=1, order="id"
        )
        if by_email:
            return by_email, "email"
        phone = contact.get("phone") and self._normalize_phone(contact["phone"])
        if phone:
            by_phone = Partner.search(
                ["|", ("phone_e164", "=", phone), ("mobile_e164", "=", phone)], limit=1
            )
            if by_phone:
                return by_phone, "phone"
        if contact.get("company"):
            key = normalize_tag_name(contact["company"])
            companies = Partner.search(
                [("is_company", "=", True), ("name", "=ilike", self._variant_pattern(key))],
                limit=20,
            )
            same = companies.filtered(lambda p: normalize_tag_name(p.name) == key)[:1]
            if same:
                return same, "company"
        return Partner.browse(), False

    @api.model
    def _variant_pattern(self, key):
        """An ``=ilike`` pattern matching the names whose comparison key may be
        ``key``: letters typed differently on Arabic and Persian keyboards and
        the gaps between words are wildcards; the candidates are then compared
        by their key."""
        variable = set("یکهاو")
        pattern = "".join(
            "_" if ch in variable else ch.replace("%", "").replace("_", "") for ch in key
        )
        return "%".join(pattern.split(" ")) or "_"

    def _submit(self, params, files, user, lang, ip):
        """Create, in the caller's transaction, everything one submission
        makes; raises FormRefusal (nothing created) when it is refused."""
        self.ensure_one()
        contact, answers, uploads, consent = self._parse_submission(params, files, user)
        # The submission is the record of what was sent: no "created" log
        # line nor follower subscription of the public user on each record
        # (half the cost of a post, bench_forms.py); the jobs the new records
        # wake (lead enrichment, mail queue) are woken once, not per post.
        self = self.with_context(  # noqa: PLW0642
            mail_create_nosubscribe=True,
            mail_create_nolog=True,
            crm_coalesce_cron_triggers=True,
        )
        sudo_self = self.sudo()
        if not user._is_public():
            partner, state, duplicate = user.partner_id, "customer", False
        else:
            existing, matched = (
                self._find_existing_partner(contact) if self.register_partner else (False, False)
            )
            partner = sudo_self._create_partner(contact, lang)
            state = "duplicate" if existing else "new"
            duplicate = existing or False
            if matched == "email":
                state = "to_confirm"
        lead = sudo_self._create_lead(partner, contact)
        request = (
            self.env["crm.portal.request"]
            .sudo()
            .create(
                {
                    "type_id": self.type_id.id,
                    "partner_id": partner.id,
                    "lead_id": lead.id if lead else False,
                    "user_id": (self.user_id or self.type_id.user_id).id,
                    "team_id": (self.team_id or self.type_id.team_id).id,
                    "properties": answers,
                    "duplicate_partner_id": duplicate and duplicate.id,
                }
            )
        )
        if uploads:
            self.env["ir.attachment"].sudo().create(
                [{**u, "res_model": request._name, "res_id": request.id} for u in uploads]
            )
        submission = (
            self.env["crm.portal.form.submission"]
            .sudo()
            .create(
                {
                    "form_id": self.id,
                    "request_id": request.id,
                    "partner_id": partner.id,
                    "lead_id": lead.id if lead else False,
                    "duplicate_partner_id": duplicate and duplicate.id,
                    "state": state,
                    "email": contact.get("email") or partner.email,
                    "lang": lang,
                    "ip_address": ip,
                    "consent_text": consent or False,
                    "consent_date": fields.Datetime.now() if consent else False,
                    "answers_json": json.dumps(answers, ensure_ascii=False, default=str),
                }
            )
        )
        if duplicate:
            request.message_post(
                body=_(
                    "Possible duplicate of %(partner)s (same %(what)s): the visitor has "
                    "not proved he is this customer.",
                    partner=duplicate.display_name,
                    what=self._match_label(state),
                ),
                message_type="notification",
                subtype_xmlid="mail.mt_note",
            )
        if state == "to_confirm":
            submission._send_confirmation()
        elif state == "new" and self.create_portal_user:
            submission._invite_portal_user(partner)
        return submission

    def _match_label(self, state):
        return _("email address") if state == "to_confirm" else _("phone or company")

    def _create_partner(self, contact, lang):
        values = {
            "name": contact["name"],
            "email": contact["email"],
            "phone": contact.get("phone") or False,
            "lang": lang,
            "customer_rank": 1 if self.register_partner else 0,
        }
        if contact.get("company"):
            values["company_name"] = contact["company"]
        return self.env["res.partner"].create(values)

    def _create_lead(self, partner, contact):
        if not self.type_id.create_lead:
            return self.env["crm.lead"]
        return self.env["crm.lead"].create(
            {
                "name": f"{self.name} — {partner.name}",
                "type": "opportunity",
                "partner_id": partner.id,
                "contact_name": contact.get("name") or partner.name,
                "email_from": contact.get("email") or partner.email,
                "phone": contact.get("phone") or partner.phone,
                "partner_name": contact.get("company") or False,
                "user_id": (self.user_id or self.type_id.user_id).id,
                "team_id": (self.team_id or self.type_id.team_id).id,
                "source_id": self.source_id.id,
                "campaign_id": self.campaign_id.id,
                "medium_id": self.medium_id.id,
                "company_id": self.company_id.id,
            }
        )

    def _prefill(self, user):
        """What the CRM knows of a logged-in customer, by question."""
        values = {}
        if user._is_public():
            return values
        partner = user.partner_id
        for question in self.field_ids:
            if question.kind == "email":
                values[question.id] = partner.email or ""
            elif question.kind == "phone":
                values[question.id] = partner.phone or partner.mobile or ""
        return values

    def _thank_you(self):
        return self.thank_you_message or Markup("<p>%s</p>") % _(
            "Thank you: your request has been received."
        )

    @api.model
    def _hash_token(self, token):
        return hashlib.sha256((token or "").encode()).hexdigest()

    @api.model
    def _confirmation_hours(self):
        param = self.env["ir.config_parameter"].sudo().get_param("crm_portal.form_confirm_hours")
        try:
            return max(1, int(param or 48))
        except ValueError:
            return 48

    def _confirmation_deadline(self):
        return fields.Datetime.now() + timedelta(hours=self._confirmation_hours())

    def _portal_wizard_invite(self, partner):
        """Open the portal account through Odoo's own flow (portal wizard,
        auth_signup invitation in the customer's language)."""
        if partner.with_context(active_test=False).user_ids:
            return
        wizard = (
            self.env["portal.wizard"].sudo().create({"partner_ids": [Command.set(partner.ids)]})
        )
        # Sent by the responsible (or OdooBot): a public visitor has no email
        # address to send it from.
        sender = (self.user_id or self.type_id.user_id).filtered("email") or self.env.ref(
            "base.user_root"
        )
        wizard.user_ids.with_user(sender).sudo().with_context(
            lang=partner.lang
        ).action_grant_access()
