# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "CRM Newsletter",
    "summary": "Structured newsletters rendered through display templates and "
    "sent to targeted lists with open and click tracking",
    "version": "18.0.1.0.0",
    "category": "Marketing/Email Marketing",
    "website": "https://github.com/crm-suite/crm-suite",
    "author": "CRM Suite Developers",
    "license": "LGPL-3",
    "application": False,
    "installable": True,
    "depends": ["mass_mailing", "crm", "crm_custom"],
    "data": [
        "security/crm_newsletter_groups.xml",
    ],
    "demo": [
        "demo/mailing_list_demo.xml",
    ],
}
