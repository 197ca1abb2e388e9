# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import _, api, fields, models


class CrmCustomFieldDelete(models.TransientModel):
    _name = "crm.custom.field.delete"
    _description = "Confirm the Deletion of a Custom Field"

    custom_field_id = fields.Many2one("crm.custom.field", required=True, ondelete="cascade")
    value_count = fields.Integer(compute="_compute_warning")
    warning = fields.Text(compute="_compute_warning")

    @api.depends("custom_field_id")
    def _compute_warning(self):
        for wizard in self:
            definition = wizard.custom_field_id
            wizard.value_count = definition.sudo()._count_values()
            wizard.warning = _(
                "Deleting “%(label)s” removes it from every form, list and filter, "
                "and erases the values it holds in %(count)s records. This cannot be undone.",
                label=definition.name,
                count=wizard.value_count,
            )

    def action_confirm(self):
        self.custom_field_id.unlink()
        return {"type": "ir.actions.act_window_close"}
