# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "CRM Customer Portal - Website",
    "summary": "Drop a public form of the CRM on a website page (a building block), "
    "with Odoo's reCAPTCHA or Cloudflare Turnstile against robots",
    "version": "18.0.1.0.0",
    "category": "Sales/CRM",
    "website": "https://github.com/crm-suite/crm-suite",
    "author": "CRM Suite Developers",
    "license": "LGPL-3",
    "installable": True,
    # Installed by itself with the portal and the Website app; Turnstile
    # (Odoo's own module, inactive until its keys are set) comes with it.
    "auto_install": ["crm_portal", "website"],
    "depends": ["crm_portal", "website", "website_cf_turnstile"],
    "data": [
        "views/website_layout.xml",
        "views/snippets/s_crm_portal_form.xml",
    ],
    "demo": [
        "demo/website_page_demo.xml",
    ],
    "assets": {
        "web.assets_frontend": [
            "crm_portal/static/src/js/form_embed.js",
            "crm_portal_website/static/src/js/s_crm_portal_form.js",
        ],
        "web.assets_tests": [
            "crm_portal_website/static/tests/tours/*.js",
        ],
    },
}
