# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

KINDS = [
    ("text", "Text"),
    ("textarea", "Long Text"),
    ("number", "Number"),
    ("date", "Date"),
    ("choice", "Choice"),
    ("boolean", "Yes / No"),
    ("email", "Email"),
    ("phone", "Phone"),
    ("file", "File Upload"),
]
# Which kinds of question can fill which kind of request field.
KINDS_BY_PROPERTY_TYPE = {
    "char": {"text", "textarea", "email", "phone"},
    "integer": {"number"},
    "float": {"number"},
    "date": {"date"},
    "selection": {"choice"},
    "boolean": {"boolean"},
}
DEFAULT_KIND = {
    "char": "text",
    "integer": "number",
    "float": "number",
    "date": "date",
    "selection": "choice",
    "boolean": "boolean",
}


class CrmPortalFormField(models.Model):
    """One question of a public form: a field of the request type (picked
    through its customer access rule, so option 5 — whether the customer
    later sees it in his panel — is the type's own rule) or a file upload,
    which becomes a document of the request."""

    _name = "crm.portal.form.field"
    _description = "Public Form Question"
    _order = "sequence, id"

    form_id = fields.Many2one("crm.portal.form", required=True, ondelete="cascade", index=True)
    sequence = fields.Integer(default=10)
    kind = fields.Selection(
        KINDS,
        required=True,
        default="text",
        compute="_compute_kind",
        store=True,
        readonly=False,
        precompute=True,
    )
    access_rule_id = fields.Many2one(
        "crm.portal.field.access",
        string="Request Field",
        ondelete="cascade",
        domain="[('type_id', '=', type_id), ('stage_id', '=', False)]",
        help="The field of the request type the answer is stored in (empty for a file upload).",
    )
    type_id = fields.Many2one(related="form_id.type_id")
    field_name = fields.Char(related="access_rule_id.field_name")
    customer_access = fields.Selection(
        related="access_rule_id.access",
        readonly=False,
        string="In the Customer Panel",
        help="Whether the customer sees this answer in his panel afterwards: the "
        "request type's rule for the field, shared by every form of the type.",
    )
    label = fields.Char(required=True, translate=True)
    placeholder = fields.Char(translate=True)
    help_text = fields.Char(string="Help", translate=True)
    required = fields.Boolean()
    max_length = fields.Integer(
        string="Maximum Length", help="Characters; the form's limit when empty."
    )

    @api.depends("access_rule_id")
    def _compute_kind(self):
        for question in self:
            definition = question._definition()
            allowed = KINDS_BY_PROPERTY_TYPE.get(definition.get("type"), set())
            if definition and question.kind not in allowed:
                question.kind = DEFAULT_KIND.get(definition["type"], "text")

    def _definition(self):
        self.ensure_one()
        if not self.access_rule_id:
            return {}
        return self.access_rule_id.type_id._field_definition(self.access_rule_id.field_name) or {}

    def _choices(self):
        return [tuple(option) for option in self._definition().get("selection") or []]

    @api.constrains("kind", "access_rule_id", "form_id")
    def _check_kind(self):
        for question in self:
            if question.kind == "file":
                if question.access_rule_id:
                    raise ValidationError(
                        _(
                            "The question %(label)s is a file upload: files become "
                            "documents of the request, leave its request field empty.",
                            label=question.label,
                        )
                    )
                continue
            if not question.access_rule_id:
                raise ValidationError(
                    _(
                        "Choose the request field the answer to %(label)s is stored in.",
                        label=question.label,
                    )
                )
            if question.access_rule_id.type_id != question.form_id.type_id:
                raise ValidationError(
                    _(
                        "The question %(label)s uses a field of another request type.",
                        label=question.label,
                    )
                )
            definition = question._definition()
            if question.kind not in KINDS_BY_PROPERTY_TYPE.get(definition.get("type"), set()):
                raise ValidationError(
                    _(
                        "The question %(label)s cannot fill the field %(field)s: "
                        "the kind of question does not fit the kind of field.",
                        label=question.label,
                        field=definition.get("string"),
                    )
                )
