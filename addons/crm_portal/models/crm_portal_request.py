# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import secrets

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import format_date, format_datetime
from odoo.tools.mimetypes import guess_mimetype

from .crm_portal_request_type import PORTAL_EDITABLE_TYPES

# What customers may send: documents, images, office files and text, as told
# by the file's content (never its name or the browser's declared type).
CUSTOMER_MIMETYPES = {
    "application/pdf",
    "image/png",
    "image/jpeg",
    "image/gif",
    "image/webp",
    "text/plain",
    "text/csv",
    "application/msword",
    "application/vnd.ms-excel",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/vnd.oasis.opendocument.text",
    "application/vnd.oasis.opendocument.spreadsheet",
    "application/zip",
}
# Bidirectional control characters (RTL override and friends) that can make a
# file name read as another (invoice.pdf shown for fdp.exe...).
BIDI_CONTROLS = dict.fromkeys(map(ord, "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))


def clean_filename(filename):
    """The file name without path, control or bidi override characters."""
    name = (filename or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name.translate(BIDI_CONTROLS) if ch.isprintable())
    return name.strip()[:200] or "document"


# Customer answers longer than this are refused (a form, not a file store).
MAX_TEXT_LENGTH = 10000


class CrmPortalRequest(models.Model):
    """Something a customer asked for, followed by staff through the stages
    of its type and by the customer in his portal."""

    _name = "crm.portal.request"
    _description = "Customer Request"
    _inherit = ["portal.mixin", "mail.thread", "mail.activity.mixin", "crm.tagged.mixin"]
    _order = "create_date desc, id desc"
    _check_company_auto = True
    # Customers who read a request may write in its chatter.
    _mail_post_access = "read"
    # The chatter of a shared link is signed with a secret of its own: share
    # links are stored hashed and never in ``access_token``.
    _mail_post_token_field = "chatter_secret"
    _crm_guarded_tag_fields = ("tag_ids",)

    name = fields.Char(
        string="Number", required=True, readonly=True, copy=False, default=lambda self: _("New")
    )
    type_id = fields.Many2one("crm.portal.request.type", required=True, tracking=True, index=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    partner_id = fields.Many2one(
        "res.partner", string="Customer", required=True, tracking=True, index=True
    )
    portal_user_id = fields.Many2one(
        "res.users",
        compute="_compute_portal_user_id",
        store=True,
        readonly=False,
        domain=[("share", "=", True)],
        help="The customer's account in the portal, to whom his steps are assigned.",
    )
    lead_id = fields.Many2one(
        "crm.lead",
        string="Lead / Opportunity",
        index="btree_not_null",
        tracking=True,
        groups="sales_team.group_sale_salesman,crm_custom.group_crm_accountant",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        tracking=True,
        domain=[("share", "=", False)],
        compute="_compute_from_type",
        store=True,
        readonly=False,
    )
    team_id = fields.Many2one(
        "crm.team", string="Sales Team", compute="_compute_from_type", store=True, readonly=False
    )
    # Staff only: the customer sees customer_stage_id, the last stage he may
    # see (the portal reads the rest as superuser).
    stage_id = fields.Many2one(
        "crm.portal.request.stage",
        tracking=True,
        index=True,
        copy=False,
        groups="base.group_user",
        compute="_compute_stage_id",
        store=True,
        readonly=False,
        domain="[('type_id', '=', type_id)]",
        group_expand="_read_group_stage_ids",
    )
    customer_stage_id = fields.Many2one(
        "crm.portal.request.stage",
        string="Status Seen by the Customer",
        readonly=True,
        copy=False,
        help="The last stage the customer was allowed to see.",
    )
    customer_status = fields.Char(compute="_compute_customer_status")
    is_closed = fields.Boolean(related="stage_id.is_closed", store=True, index=True)
    date_last_stage_update = fields.Datetime(string="Last Stage Update", readonly=True, copy=False)
    date_closed = fields.Datetime(string="Closed On", readonly=True, copy=False)
    properties = fields.Properties(
        string="Answers", definition="type_id.field_definitions", copy=True
    )
    tag_ids = fields.Many2many("crm.tag", string="Tags")
    status_ids = fields.One2many(
        "crm.portal.request.status", "request_id", string="Status History", readonly=True
    )
    step_ids = fields.One2many("crm.portal.step", "request_id", string="Customer Steps")
    open_step_count = fields.Integer(compute="_compute_step_counts")
    document_ids = fields.One2many(
        "ir.attachment",
        "res_id",
        string="Documents",
        domain=[("res_model", "=", "crm.portal.request")],
    )
    document_count = fields.Integer(compute="_compute_document_count")
    share_link_ids = fields.One2many(
        "crm.portal.share.link", "request_id", string="Share Links", readonly=True
    )
    duplicate_partner_id = fields.Many2one(
        "res.partner",
        string="Possible Duplicate Of",
        readonly=True,
        help="A public form was sent with the email, phone or company of this "
        "customer, but the visitor has not proved he is him.",
    )
    chatter_secret = fields.Char(
        copy=False,
        groups="base.group_system",
        default=lambda self: secrets.token_urlsafe(32),
    )

    _sql_constraints = [
        ("name_company_uniq", "UNIQUE(company_id, name)", "Request numbers are unique."),
    ]

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends("partner_id")
    def _compute_portal_user_id(self):
        for request in self:
            users = request.partner_id.with_context(active_test=True).sudo().user_ids
            request.portal_user_id = users.filtered("share")[:1]

    @api.depends("type_id")
    def _compute_from_type(self):
        for request in self:
            request.user_id = request.user_id or request.type_id.user_id
            request.team_id = request.team_id or request.type_id.team_id

    @api.depends("type_id")
    def _compute_stage_id(self):
        for request in self:
            if request.stage_id.type_id != request.type_id:
                request.stage_id = request.type_id._first_stage()

    def _compute_customer_status(self):
        for request in self:
            stage = request.customer_stage_id
            request.customer_status = stage._customer_label() if stage else ""

    def _compute_step_counts(self):
        counts = dict(
            self.env["crm.portal.step"]._read_group(
                [("request_id", "in", self.ids), ("state", "=", "open")],
                ["request_id"],
                ["__count"],
            )
        )
        for request in self:
            request.open_step_count = counts.get(request, 0)

    def _compute_document_count(self):
        counts = dict(
            self.env["ir.attachment"]._read_group(
                [("res_model", "=", self._name), ("res_id", "in", self.ids)],
                ["res_id"],
                ["__count"],
            )
        )
        for request in self:
            request.document_count = counts.get(request.id, 0)

    def _compute_access_url(self):
        for request in self:
            request.access_url = f"/my/requests/{request.id}"

    @api.model
    def _read_group_stage_ids(self, stages, domain):
        type_id = self.env.context.get("default_type_id")
        if not type_id:
            return stages
        return stages | stages.search([("type_id", "=", type_id)])

    # ------------------------------------------------------------------
    # ORM
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        vals_list = [dict(vals) for vals in vals_list]  # the caller's dicts stay as given
        types = self.env["crm.portal.request.type"].browse(
            [vals.get("type_id") for vals in vals_list]
        )
        now = fields.Datetime.now()
        for vals, request_type in zip(vals_list, types, strict=True):
            if vals.get("name", _("New")) == _("New"):
                sequence = request_type.sudo().sequence_id
                vals["name"] = (
                    sequence.next_by_id()
                    if sequence
                    else self.env["ir.sequence"].sudo().next_by_code("crm.portal.request")
                ) or _("New")
            if "stage_id" not in vals and request_type:
                # The first stage and its dates in the INSERT itself, rather
                # than computed then written after it (a public form's post).
                vals["stage_id"] = request_type._first_stage().id
            if vals.get("stage_id"):
                vals.update(self._stage_entry_values(vals["stage_id"], now))
        requests = super().create(vals_list)
        requests._create_missing_leads()
        requests._stage_entered(previous={}, values_written=True)
        requests._steps_from_lead_workflow()
        return requests

    def write(self, vals):
        previous = {request.id: request.stage_id for request in self} if "stage_id" in vals else {}
        res = super().write(vals)
        if previous:
            moved = self.filtered(lambda r: r.stage_id != previous[r.id])
            moved._stage_entered(previous)
        if vals.get("lead_id"):
            self._steps_from_lead_workflow()
        return res

    def _create_missing_leads(self):
        """Requests of a type that creates leads get one, so the CRM and its
        workflow follow them (sudo: the customer creating a request may not
        read leads)."""
        Lead = self.env["crm.lead"].sudo()
        for request in self.sudo().filtered(lambda r: not r.lead_id and r.type_id.create_lead):
            request.lead_id = Lead.create(
                {
                    "name": f"{request.name} — {request.type_id.name}",
                    "type": "opportunity",
                    "partner_id": request.partner_id.id,
                    "user_id": request.user_id.id,
                    "team_id": request.team_id.id,
                    "company_id": request.company_id.id,
                }
            )

    # ------------------------------------------------------------------
    # Stages: history, status seen by the customer, final actions
    # ------------------------------------------------------------------
    @api.model
    def _stage_entry_values(self, stage_id, now):
        """What entering a stage sets on a request: its dates, and the status
        the customer sees when the stage is one he sees."""
        stage = self.env["crm.portal.request.stage"].browse(stage_id)
        values = {"date_last_stage_update": now, "date_closed": now if stage.is_closed else False}
        if stage.customer_visible:
            values["customer_stage_id"] = stage.id
        return values

    def _stage_entered(self, previous, values_written=False):
        """History row, dates, customer's status and final action of the
        requests' new stage; ``values_written``: the dates and status are
        already set (by ``create``)."""
        now = fields.Datetime.now()
        History = self.env["crm.portal.request.status"].sudo()
        History.create(
            [
                {
                    "request_id": request.id,
                    "stage_id": request.stage_id.id,
                    "previous_stage_id": previous.get(request.id, request.stage_id.browse()).id,
                    "date": now,
                    "user_id": self.env.uid,
                }
                for request in self.filtered("stage_id")
            ]
        )
        for request in self.filtered("stage_id"):
            stage = request.stage_id
            notify = stage.customer_visible and stage != request.customer_stage_id
            if not values_written:
                request.sudo().write(self._stage_entry_values(stage.id, now))
            if notify and previous.get(request.id) is not None:
                request._notify_customer_status()
            request._run_final_action()

    def _run_final_action(self):
        self.ensure_one()
        action = self.stage_id.final_action
        lead = self.sudo().lead_id
        if action == "lead_won" and lead:
            lead.action_set_won()
        elif action == "lead_lost" and lead:
            lead.action_archive()
            lead.probability = 0
        elif action == "archive_lead" and lead:
            lead.action_archive()
        elif action == "activity" and self.user_id:
            self.sudo().activity_schedule(
                "mail.mail_activity_data_todo",
                user_id=self.user_id.id,
                summary=_("Follow up: %(stage)s", stage=self.stage_id.name),
            )

    def _notify_customer_status(self):
        """Email (and SMS where configured) the customer his new status, in
        his language, logged in the chatter with the CRM's system tags."""
        self.ensure_one()
        stage = self.customer_stage_id
        template = (
            stage.mail_template_id
            or self.type_id.mail_template_id
            or self.env.ref("crm_portal.mail_template_request_status", raise_if_not_found=False)
        )
        self._notify_customer_with(template)
        if stage.sms_template_id and (self.partner_id.mobile or self.partner_id.phone):
            message = self.sudo()._message_sms_with_template(
                template=stage.sms_template_id, partner_ids=self.partner_id.ids
            )
            message._crm_apply_system_tags(["sms_sent"])

    def _notify_customer_with(self, template, render_ids=None, partner=None):
        """Post ``template`` (rendered on ``render_ids``, by default this
        request) to the customer — or ``partner`` — in his language."""
        self.ensure_one()
        if not template:
            return self.env["mail.message"]
        template = template.sudo()
        partner = partner or self.partner_id
        render_ids = render_ids or self.ids
        record_id = render_ids[0]
        subject = template._render_field("subject", render_ids, compute_lang=True)[record_id]
        body = template._render_field("body_html", render_ids, compute_lang=True)[record_id]
        message = (
            self.sudo()
            .with_context(lang=partner.lang or self.env.lang)
            .message_post(
                body=body,
                subject=subject,
                partner_ids=partner.ids,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
                email_layout_xmlid="mail.mail_notification_light",
            )
        )
        if partner.email:
            message._crm_apply_system_tags(["email_sent"])
        return message

    # ------------------------------------------------------------------
    # Customer steps from the lead's workflow
    # ------------------------------------------------------------------
    def _steps_from_lead_workflow(self):
        tasks = self.sudo().lead_id.workflow_task_ids.filtered(
            lambda t: t.customer_action and t.state == "todo"
        )
        tasks._crm_portal_create_steps()

    # ------------------------------------------------------------------
    # What the customer sees and changes
    # ------------------------------------------------------------------
    def _customer_access_map(self):
        """Field access for the customer in the current stage; fields of an
        open "correct the form" step are editable while it is open."""
        self.ensure_one()
        # sudo: the current stage is staff-only; the customer gets its rules.
        access = self.type_id._customer_access_map(self.sudo().stage_id)
        for step in self.step_ids.filtered(lambda s: s.state == "open" and s.kind == "fields"):
            for name in step._field_names():
                if name in access:
                    access[name] = "editable"
        return access

    def _customer_fields(self):
        """[(definition, value, access, label)] of the fields the customer
        sees, in the type's order."""
        self.ensure_one()
        access = self._customer_access_map()
        values = self.properties or {}
        return [
            (
                definition,
                values.get(definition["name"]),
                access[definition["name"]],
                self.type_id._customer_label(definition["name"]),
            )
            for definition in self.type_id.field_definitions or []
            if access.get(definition["name"], "hidden") != "hidden"
        ]

    @api.model
    def _customer_display_value(self, definition, value):
        """The text a customer reads for a field value (escaped by QWeb)."""
        kind = definition["type"]
        if kind == "boolean":
            return _("Yes") if value else _("No")
        if value in (False, None, ""):
            return ""
        if kind == "selection":
            return dict(definition.get("selection") or []).get(value, value)
        if kind == "date":
            return format_date(self.env, value)
        if kind == "datetime":
            return format_datetime(self.env, value)
        if kind in ("many2one", "many2many") and definition.get("comodel") in self.env:
            # sudo: a relation staff chose to show the customer, by its name only
            records = self.env[definition["comodel"]].sudo().browse(value).exists()
            return ", ".join(records.mapped("display_name"))
        if kind == "tags":
            labels = {tag[0]: tag[1] for tag in definition.get("tags") or []}
            return ", ".join(labels.get(tag, tag) for tag in value)
        return str(value)

    def _customer_write_answers(self, posted, allowed=None):
        """Write answers posted by the customer. Every key must be a field
        he may edit now (``allowed`` narrows it, e.g. to a step's fields);
        any other key refuses the whole write, so nothing is stored half."""
        self.ensure_one()
        access = self._customer_access_map()
        editable = {name for name, level in access.items() if level == "editable"}
        if allowed is not None:
            editable &= set(allowed)
        refused = set(posted) - editable
        if refused:
            raise AccessError(_("You cannot change these fields of your request."))
        values = {}
        for name, raw in posted.items():
            definition = self.type_id._field_definition(name)
            values[name] = self._parse_customer_value(definition, raw)
        if values:
            self.sudo().properties = values
            self.sudo().message_post(
                body=_(
                    "The customer changed: %(fields)s",
                    fields=", ".join(self.type_id._customer_label(n) for n in values),
                ),
                author_id=self.env.user.partner_id.id,
                message_type="notification",
                subtype_xmlid="mail.mt_note",
            )
        return values

    @api.model
    def _parse_customer_value(self, definition, raw):
        kind = definition["type"]
        if kind not in PORTAL_EDITABLE_TYPES:
            raise AccessError(_("You cannot change these fields of your request."))
        label = self.type_id._customer_label(definition["name"]) if self else definition["string"]
        raw = raw if isinstance(raw, str) else ""
        if len(raw) > MAX_TEXT_LENGTH:
            raise ValidationError(
                _(
                    "%(field)s is too long: at most %(max)s characters.",
                    field=label,
                    max=MAX_TEXT_LENGTH,
                )
            )
        raw = raw.translate(BIDI_CONTROLS).strip()
        try:
            if kind == "boolean":
                return raw in ("1", "on", "true", "True")
            if not raw:
                return False
            if kind == "char":
                if self and self.type_id._customer_multiline(definition["name"]):
                    return raw.replace("\r\n", "\n")
                return " ".join(raw.split())
            if kind == "integer":
                return int(raw)
            if kind == "float":
                return float(raw.replace(",", "."))
            if kind == "date":
                return fields.Date.to_string(fields.Date.to_date(raw))
            if kind == "datetime":
                return fields.Datetime.to_string(fields.Datetime.to_datetime(raw.replace("T", " ")))
        except ValueError as error:
            raise ValidationError(
                _("%(field)s: this is not a valid value.", field=label)
            ) from error
        options = {key for key, _label in definition.get("selection") or []}
        if raw not in options:
            raise ValidationError(_("%(field)s: choose one of the options.", field=label))
        return raw

    # ------------------------------------------------------------------
    # Documents sent by the customer
    # ------------------------------------------------------------------
    def _customer_add_documents(self, uploads):
        """Attach files the customer sent: ``uploads`` are ``(filename,
        content, declared mimetype)``. All are checked (size, kind of file
        from its content) before any is stored."""
        self.ensure_one()
        limit_mb = self._customer_upload_limit_mb()
        values = []
        for filename, content, _declared in uploads:
            name = clean_filename(filename)
            if not content:
                raise ValidationError(_("The file %(name)s is empty.", name=name))
            if len(content) > limit_mb * 1024 * 1024:
                raise ValidationError(
                    _(
                        "The file %(name)s is larger than %(limit)s MB.",
                        name=name,
                        limit=limit_mb,
                    )
                )
            mimetype = guess_mimetype(content)
            if mimetype not in CUSTOMER_MIMETYPES:
                raise ValidationError(
                    _(
                        "The file %(name)s is not a kind of document we accept "
                        "(PDF, image, office document or text).",
                        name=name,
                    )
                )
            values.append(
                {
                    "name": name,
                    "raw": content,
                    "mimetype": mimetype,
                    "res_model": self._name,
                    "res_id": self.id,
                }
            )
        attachments = self.env["ir.attachment"].sudo().create(values)
        return attachments

    @api.model
    def _customer_upload_limit_mb(self):
        param = self.env["ir.config_parameter"].sudo().get_param("crm_portal.upload_limit_mb")
        try:
            return max(1, int(param or 10))
        except ValueError:
            return 10

    # ------------------------------------------------------------------
    # Share links: hashed, expiring, revocable, logged
    # ------------------------------------------------------------------
    def _portal_ensure_token(self):
        """A share link of its own instead of Odoo's stored token: the raw
        token exists only in the link given out (reused within the
        transaction, so one email carries one link)."""
        self.ensure_one()
        Link = self.env["crm.portal.share.link"].sudo()
        issued = self.env.cr.cache.setdefault("crm_portal_share_tokens", {})
        token, link_id = issued.get(self.id, (None, None))
        # The link may be gone with a rolled back savepoint.
        if not token or not Link.browse(link_id).exists():
            token, link = Link._issue(self)
            issued[self.id] = (token, link.id)
        return token

    def get_portal_url(
        self, suffix=None, report_type=None, download=None, query_string=None, anchor=None
    ):
        """Customers who may read the request get its plain URL: a share link
        is minted only for people who need one (emails, the share wizard)."""
        self.ensure_one()
        if (
            self.env.user.share
            and not self.env.user._is_public()
            and self.with_user(self.env.user).has_access("read")
        ):
            url = self.access_url + (suffix or "")
            params = "&".join(
                part
                for part in (
                    f"report_type={report_type}" if report_type else "",
                    "download=true" if download else "",
                    (query_string or "").lstrip("&"),
                )
                if part
            )
            return url + (f"?{params}" if params else "") + (f"#{anchor}" if anchor else "")
        return super().get_portal_url(
            suffix=suffix,
            report_type=report_type,
            download=download,
            query_string=query_string,
            anchor=anchor,
        )

    def action_revoke_share_links(self):
        """Revoke every share link of these requests; a new one is issued so
        the customer can be sent a working link again."""
        self.check_access("write")
        self.sudo().share_link_ids.filtered("is_valid").action_revoke()
        self.env.cr.cache.pop("crm_portal_share_tokens", None)
        for request in self:
            request.message_post(
                body=_("Share links revoked; a new one was issued."),
                message_type="notification",
                subtype_xmlid="mail.mt_note",
            )
        if len(self) != 1:
            return True
        url = self.get_base_url() + self._get_share_url()
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": _("Share links revoked"),
                "message": _("The new link for the customer: %(url)s", url=url),
                "sticky": True,
                "type": "warning",
            },
        }

    def _notify_get_recipients_groups(self, message, model_description, msg_vals=None):
        """The customer's button opens the request page directly with a share
        link and the signature of his chatter identity."""
        groups = super()._notify_get_recipients_groups(
            message, model_description, msg_vals=msg_vals
        )
        if not self:
            return groups
        customer = self.partner_id
        url = self.get_base_url() + self._get_share_url(pid=customer.id)
        for name, _matcher, data in groups:
            if name == "portal_customer":
                data["button_access"] = {"url": url, "title": _("View your request")}
        return groups

    def _get_customer_token_identity(self):
        """pid/hash that let a share-link visitor post in the chatter as the
        customer the link was made for."""
        self.ensure_one()
        return {"pid": self.partner_id.id, "hash": self.sudo()._sign_token(self.partner_id.id)}

    # ------------------------------------------------------------------
    # Buttons
    # ------------------------------------------------------------------
    def action_create_lead(self):
        if not self.env.user.has_group("sales_team.group_sale_salesman"):
            raise UserError(_("Only the sales team creates leads from requests."))
        self.filtered(lambda r: not r.lead_id)._create_missing_leads()
        self._steps_from_lead_workflow()
        return True

    def action_open_documents(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Documents"),
            "res_model": "ir.attachment",
            "view_mode": "kanban,list,form",
            "domain": [("res_model", "=", self._name), ("res_id", "=", self.id)],
            "context": {"default_res_model": self._name, "default_res_id": self.id},
        }

    def _get_report_base_filename(self):
        self.ensure_one()
        return self.name

    def _mail_get_partners(self, introspect_fields=False):
        return {request.id: request.partner_id for request in self}
