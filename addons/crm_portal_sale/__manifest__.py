# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "CRM Customer Portal - Sales",
    "summary": "A customer request linked to its sales order: the customer and "
    "Support see the order's state on the request",
    "version": "18.0.1.0.0",
    "category": "Sales/CRM",
    "website": "https://github.com/crm-suite/crm-suite",
    "author": "CRM Suite Developers",
    "license": "LGPL-3",
    "installable": True,
    "auto_install": True,
    "depends": ["crm_portal", "sale"],
    "data": [
        "views/crm_portal_request_views.xml",
        "views/crm_portal_templates.xml",
    ],
}
