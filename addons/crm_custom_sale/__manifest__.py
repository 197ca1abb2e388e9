# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "CRM Custom - Sales",
    "summary": "Invoices made from the sales orders of an opportunity are linked to "
    "that opportunity, for its invoiced and paid amounts and the campaign report",
    "version": "18.0.1.1.0",
    "category": "Sales/CRM",
    "website": "https://github.com/crm-suite/crm-suite",
    "author": "CRM Suite Developers",
    "license": "LGPL-3",
    "installable": True,
    "auto_install": True,
    "depends": ["crm_custom", "sale_crm"],
    "data": [
        "security/ir.model.access.csv",
        "views/sale_order_views.xml",
        "views/res_partner_views.xml",
    ],
    "demo": [
        "demo/sale_order_demo.xml",
    ],
}
