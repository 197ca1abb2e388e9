# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models


class CrmTag(models.Model):
    """One tag vocabulary for the whole CRM, built on Odoo's ``crm.tag``."""

    _inherit = "crm.tag"

    kind = fields.Selection(
        [("personal", "Personal"), ("public", "Public"), ("system", "System")],
        required=True,
        default="public",
        index=True,
        help="Personal tags are seen and used by their owner only, public tags "
        "by everyone; system tags are applied by the software itself.",
    )
    code = fields.Char(
        index="btree_not_null",
        copy=False,
        help="Technical code of a system tag, used by the software to apply it.",
    )

    _sql_constraints = [
        ("code_uniq", "UNIQUE(code)", "Two system tags cannot share a code."),
    ]

    @api.model
    def _crm_system_tags(self, codes):
        """Return the system tags of the given codes (unknown codes are ignored)."""
        return self.sudo().search([("kind", "=", "system"), ("code", "in", list(codes))])
