# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "CRM Newsletter",
    "summary": "Structured newsletters rendered through display templates and "
    "sent to targeted customers through Odoo's mass mailing, with statistics per item",
    "version": "18.0.1.1.0",
    "category": "Marketing/Email Marketing",
    "website": "https://github.com/crm-suite/crm-suite",
    "author": "CRM Suite Developers",
    "license": "LGPL-3",
    "application": False,
    "installable": True,
    "depends": ["mass_mailing", "crm", "crm_custom", "product"],
    "external_dependencies": {"python": ["css_inline", "feedparser"]},
    "data": [
        "security/crm_newsletter_groups.xml",
        "security/ir.model.access.csv",
        "data/crm_newsletter_layout_data.xml",
        "views/crm_newsletter_layout_views.xml",
        "views/crm_newsletter_segment_views.xml",
        "views/crm_newsletter_report_views.xml",
        "views/crm_newsletter_views.xml",
        "views/crm_newsletter_issue_views.xml",
        "views/crm_newsletter_templates.xml",
        "views/crm_newsletter_menus.xml",
    ],
    "assets": {
        "web.assets_tests": ["crm_newsletter/static/tests/tours/*.js"],
    },
    "demo": [
        "demo/mailing_list_demo.xml",
        "demo/crm_newsletter_demo.xml",
    ],
}
