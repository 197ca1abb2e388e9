# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""18.0.1.4.0: the tag's comparison key is indexed by Odoo's own trigram index
(``index="trigram"``) instead of a b-tree index plus one the tag model created
itself. Both old indexes go; Odoo then creates its trigram index under the
b-tree's name (an index of that name would be kept as it is)."""

from odoo.tools import SQL


def migrate(cr, version):
    for index in ("crm_tag__normalized_name_index", "crm_tag_normalized_name_trgm_idx"):
        cr.execute(SQL("DROP INDEX IF EXISTS %s", SQL.identifier(index)))
