# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "CRM Customer Portal",
    "summary": "Public forms and a customer portal where customers follow "
    "their orders and requests and do the steps assigned to them",
    "version": "18.0.1.0.0",
    "category": "Sales/CRM",
    "website": "https://github.com/crm-suite/crm-suite",
    "author": "CRM Suite Developers",
    "license": "LGPL-3",
    "application": False,
    "installable": True,
    "depends": ["portal", "crm", "crm_custom"],
    "data": [],
    "demo": [
        "demo/res_users_demo.xml",
    ],
}
