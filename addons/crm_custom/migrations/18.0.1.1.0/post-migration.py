# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""18.0.1.1.0 stores each lead's furthest stage for the funnel: fill it from
the stage history of the leads of databases installed before."""

from odoo import SUPERUSER_ID, api
from odoo.tools import SQL


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["crm.lead"]._funnel_recompute_furthest_stage(SQL("TRUE"))
