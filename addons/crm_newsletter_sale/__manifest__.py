# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "CRM Newsletter - Sales",
    "summary": "Newsletter audiences chosen by the confirmed sales orders of the customers",
    "version": "18.0.1.0.0",
    "category": "Marketing/Email Marketing",
    "website": "https://github.com/crm-suite/crm-suite",
    "author": "CRM Suite Developers",
    "license": "LGPL-3",
    "installable": True,
    "auto_install": True,
    "depends": ["crm_newsletter", "sale"],
}
