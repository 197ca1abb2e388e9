# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tools import SQL


def set_create_dates(leads_and_dates):
    """Backdate leads: ``create_date`` is written by the ORM only."""
    for lead, when in leads_and_dates:
        lead.env.cr.execute(
            SQL("UPDATE crm_lead SET create_date = %s WHERE id = %s", when, lead.id)
        )
        lead.invalidate_recordset(["create_date"])
