# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""18.0.1.2.0 offers only flagged tags as lost reasons: flag the public tags
that databases installed before already use as lost reasons (on a lost
opportunity, or linked to an Odoo lost reason), so the "Mark as Lost" window
keeps offering them."""

from odoo.tools import SQL


def migrate(cr, version):
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
