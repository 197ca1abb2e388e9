# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    # The mailing of a segment-targeted issue selects its recipients by this
    # relation (filled in SQL at sending), not by a list of ids in its domain.
    crm_newsletter_issue_ids = fields.Many2many(
        "crm.newsletter.issue",
        "crm_newsletter_issue_partner_rel",
        "partner_id",
        "issue_id",
        string="Newsletter issues received",
        copy=False,
        groups="mass_mailing.group_mass_mailing_user",
    )
