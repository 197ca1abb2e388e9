# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from .crm_portal_request_type import PORTAL_EDITABLE_TYPES

ACCESS = [
    ("hidden", "Hidden from the customer"),
    ("readonly", "Shown read-only"),
    ("editable", "Editable by the customer"),
]


class CrmPortalFieldAccess(models.Model):
    """What the customer may do with one field of a request type: in every
    stage (no stage) or in one stage, which then wins."""

    _name = "crm.portal.field.access"
    _description = "Customer Access to a Request Field"
    _order = "type_id, stage_id, id"
    _rec_name = "field_label"

    type_id = fields.Many2one(
        "crm.portal.request.type", required=True, ondelete="cascade", index=True
    )
    field_name = fields.Char(required=True, help="Technical name of the request type's field.")
    field_label = fields.Char(string="Field", compute="_compute_field_label")
    stage_id = fields.Many2one(
        "crm.portal.request.stage",
        string="In Stage",
        ondelete="cascade",
        domain="[('type_id', '=', type_id)]",
        help="Empty: in every stage without a rule of its own.",
    )
    access = fields.Selection(ACCESS, string="Customer", required=True, default="hidden")
    multiline = fields.Boolean(
        string="Several Lines",
        help="The customer types this text field in a box of several lines.",
    )
    customer_label = fields.Char(
        string="Label for the Customer",
        translate=True,
        help="The field's name in the customer's portal, in his language (the "
        "field's own name when empty). Set it on the rule for every stage.",
    )

    _sql_constraints = [
        (
            "rule_uniq",
            "UNIQUE NULLS NOT DISTINCT (type_id, field_name, stage_id)",
            "A field has one rule per stage.",
        ),
    ]

    @api.depends("field_name", "type_id.field_definitions")
    def _compute_field_label(self):
        for rule in self:
            definition = rule.type_id._field_definition(rule.field_name) if rule.type_id else None
            rule.field_label = definition["string"] if definition else rule.field_name

    @api.constrains("field_name", "access", "stage_id")
    def _check_field(self):
        for rule in self:
            definition = rule.type_id._field_definition(rule.field_name)
            if not definition:
                raise ValidationError(
                    _(
                        "The request type %(type)s has no field %(field)s.",
                        type=rule.type_id.name,
                        field=rule.field_name,
                    )
                )
            if rule.access == "editable" and definition["type"] not in PORTAL_EDITABLE_TYPES:
                raise ValidationError(
                    _(
                        "Customers cannot edit the field %(field)s: fields of this kind "
                        "are shown to them read-only at most.",
                        field=definition["string"],
                    )
                )
            if rule.stage_id and rule.stage_id.type_id != rule.type_id:
                raise ValidationError(
                    _(
                        "The stage %(stage)s belongs to another request type.",
                        stage=rule.stage_id.name,
                    )
                )

    @api.model
    def _set_access_rules(self, type_id, general, per_stage=()):
        """Set the rules of a type in one call (data files, scripts):
        ``general`` is [(field, access, customer label[, multiline])] for every stage,
        ``per_stage`` [(field, stage id, access)]."""
        request_type = self.env["crm.portal.request.type"].browse(type_id)
        existing = {
            (rule.field_name, rule.stage_id.id): rule for rule in request_type.field_access_ids
        }
        for field_name, access, label, *multiline in general:
            values = {"access": access, "customer_label": label, "multiline": bool(multiline)}
            rule = existing.get((field_name, False))
            if rule:
                rule.write(values)
            else:
                self.create({"type_id": type_id, "field_name": field_name, **values})
        for field_name, stage_id, access in per_stage:
            rule = existing.get((field_name, stage_id))
            if rule:
                rule.access = access
            else:
                self.create(
                    {
                        "type_id": type_id,
                        "field_name": field_name,
                        "stage_id": stage_id,
                        "access": access,
                    }
                )
        return True
