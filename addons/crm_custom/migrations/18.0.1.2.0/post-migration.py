# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""18.0.1.2.0:

- offers only flagged tags as lost reasons: flag the public tags that databases
  installed before already use as lost reasons (on a lost opportunity, or
  linked to an Odoo lost reason), so the "Mark as Lost" window keeps offering
  them;
- makes the custom fields of contacts internal unless made visible to the
  customer: apply it to the fields defined before.
"""

from odoo import SUPERUSER_ID, api
from odoo.tools import SQL


def _flag_lost_reason_tags(cr):
    cr.execute(
        SQL(
            """UPDATE crm_tag tag SET is_lost_reason = TRUE
                WHERE tag.kind = 'public'
                  AND NOT COALESCE(tag.is_lost_reason, FALSE)
                  AND (tag.lost_reason_id IS NOT NULL
                       OR EXISTS (SELECT 1 FROM crm_lead_lost_reason_tag_rel rel
                                   WHERE rel.tag_id = tag.id))"""
        )
    )


def _contact_custom_fields_internal(env):
    definitions = (
        env["crm.custom.field"]
        .with_context(active_test=False)
        .search([("model", "=", "res.partner"), ("field_id", "!=", False)])
    )
    for definition in definitions:
        definition.field_id.crm_custom_groups = definition._field_groups()


def migrate(cr, version):
    _flag_lost_reason_tags(cr)
    _contact_custom_fields_internal(api.Environment(cr, SUPERUSER_ID, {}))
