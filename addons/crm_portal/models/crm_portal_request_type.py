# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

# Property types a customer may type in the portal; the others (relations,
# tags) are shown to him read-only at most.
PORTAL_EDITABLE_TYPES = {
    "char",
    "integer",
    "float",
    "boolean",
    "date",
    "datetime",
    "selection",
}


class CrmPortalRequestType(models.Model):
    """What a customer asks for (an order, a service request, a job
    application): its own fields, its own stages and who handles it.

    The fields are Odoo properties whose definition lives on the type, so the
    people who configure the system add them in the form of a request without
    code, and they stay searchable and groupable in lists and reports."""

    _name = "crm.portal.request.type"
    _description = "Customer Request Type"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    description = fields.Html(
        translate=True, help="Shown to customers above the requests of this type."
    )
    company_id = fields.Many2one("res.company", default=lambda self: self.env.company)
    prefix = fields.Char(
        help="Prefix of the request numbers of this type, e.g. JOB/ (the shared "
        "numbering is used when empty)."
    )
    sequence_id = fields.Many2one("ir.sequence", string="Numbering", copy=False, readonly=True)
    team_id = fields.Many2one("crm.team", string="Sales Team")
    user_id = fields.Many2one("res.users", string="Responsible", domain=[("share", "=", False)])
    create_lead = fields.Boolean(
        string="Create a Lead",
        default=True,
        help="Each new request of this type without a lead gets one in the CRM, "
        "so the sales team and its workflow follow it.",
    )
    field_definitions = fields.PropertiesDefinition(string="Fields")
    field_access_ids = fields.One2many(
        "crm.portal.field.access", "type_id", string="Customer Access to Fields", copy=True
    )
    stage_ids = fields.One2many("crm.portal.request.stage", "type_id", string="Stages", copy=True)
    mail_template_id = fields.Many2one(
        "mail.template",
        string="Status Email",
        domain=[("model", "=", "crm.portal.request")],
        help="Email sent to the customer when the status he sees changes, unless "
        "the new stage has its own.",
    )
    request_count = fields.Integer(compute="_compute_request_count")

    def _compute_request_count(self):
        counts = dict(
            self.env["crm.portal.request"]._read_group(
                [("type_id", "in", self.ids)], ["type_id"], ["__count"]
            )
        )
        for request_type in self:
            request_type.request_count = counts.get(request_type, 0)

    @api.model_create_multi
    def create(self, vals_list):
        types = super().create(vals_list)
        types._sync_numbering()
        types._sync_field_access()
        return types

    def write(self, vals):
        res = super().write(vals)
        if "prefix" in vals or "name" in vals:
            self._sync_numbering()
        if "field_definitions" in vals:
            self._sync_field_access()
        return res

    def _sync_numbering(self):
        for request_type in self.filtered("prefix"):
            values = {"name": request_type.name, "prefix": request_type.prefix, "padding": 5}
            if request_type.sequence_id:
                request_type.sequence_id.sudo().write(values)
            else:
                request_type.sequence_id = self.env["ir.sequence"].sudo().create(values)

    def _sync_field_access(self):
        """Every field of the type gets a general access rule, hidden from the
        customer until someone decides otherwise; rules of removed fields go."""
        Access = self.env["crm.portal.field.access"]
        for request_type in self:
            names = [field["name"] for field in request_type.field_definitions or []]
            request_type.field_access_ids.filtered(
                lambda a, n=names: a.field_name not in n
            ).unlink()
            general = set(
                request_type.field_access_ids.filtered(lambda a: not a.stage_id).mapped(
                    "field_name"
                )
            )
            Access.create(
                [
                    {"type_id": request_type.id, "field_name": name, "access": "hidden"}
                    for name in names
                    if name not in general
                ]
            )

    def _field_definition(self, name):
        self.ensure_one()
        return next(
            (field for field in self.field_definitions or [] if field["name"] == name), None
        )

    def _customer_label(self, name):
        """The field's label for the customer, translated (properties'
        own labels are not translatable)."""
        self.ensure_one()
        general = self.field_access_ids.filtered(
            lambda a: a.field_name == name and not a.stage_id and a.customer_label
        )[:1]
        definition = self._field_definition(name) or {}
        return general.customer_label or definition.get("string") or name

    def _customer_multiline(self, name):
        self.ensure_one()
        return any(
            rule.multiline
            for rule in self.field_access_ids
            if rule.field_name == name and not rule.stage_id
        )

    def _customer_access_map(self, stage):
        """{property name: 'hidden' | 'readonly' | 'editable'} for ``stage``:
        a rule of the stage wins over the type's general rule; fields without
        any rule are hidden."""
        self.ensure_one()
        access = {field["name"]: "hidden" for field in self.field_definitions or []}
        rules = self.field_access_ids.sorted(lambda a: bool(a.stage_id))
        for rule in rules:
            if rule.field_name in access and (not rule.stage_id or rule.stage_id == stage):
                access[rule.field_name] = rule.access
        return access

    def _first_stage(self):
        self.ensure_one()
        return self.stage_ids.sorted(lambda s: (s.sequence, s.id))[:1]

    @api.constrains("stage_ids")
    def _check_stages(self):
        for request_type in self:
            if request_type.stage_ids and not request_type.stage_ids.filtered("customer_visible"):
                raise ValidationError(
                    _(
                        "The request type %(type)s needs at least one stage its customers see.",
                        type=request_type.name,
                    )
                )

    def action_open_requests(self):
        self.ensure_one()
        action = self.env["ir.actions.actions"]._for_xml_id("crm_portal.crm_portal_request_action")
        action["domain"] = [("type_id", "=", self.id)]
        action["context"] = {"default_type_id": self.id}
        return action
