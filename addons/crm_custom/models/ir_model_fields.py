# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class IrModelFields(models.Model):
    _inherit = "ir.model.fields"

    # Odoo leaves the groups of manual fields unimplemented (its ``groups``
    # many2many is never read when the registry builds them): the groups of
    # a field made by the custom fields tool live here, as a field's
    # ``groups`` attribute would.
    crm_custom_groups = fields.Char(
        string="CRM custom field groups",
        help="Groups (XML ids, comma-separated) that may read and write this custom "
        "field; empty for everyone who may read the record.",
    )

    def _instanciate_attrs(self, field_data):
        attrs = super()._instanciate_attrs(field_data)
        if attrs is not None and field_data.get("crm_custom_groups"):
            attrs["groups"] = field_data["crm_custom_groups"]
        return attrs
