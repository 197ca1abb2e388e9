# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).


def post_init_hook(env):
    """Fill the E.164 columns of existing partners and leads in batches."""
    env["res.partner"]._crm_backfill_e164()
    env["crm.lead"]._crm_backfill_e164()
