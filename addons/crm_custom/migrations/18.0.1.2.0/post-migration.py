# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""18.0.1.2.0 makes the custom fields of contacts internal unless made visible
to the customer: apply it to the fields defined before."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    definitions = (
        env["crm.custom.field"]
        .with_context(active_test=False)
        .search([("model", "=", "res.partner"), ("field_id", "!=", False)])
    )
    for definition in definitions:
        definition.field_id.crm_custom_groups = definition._field_groups()
