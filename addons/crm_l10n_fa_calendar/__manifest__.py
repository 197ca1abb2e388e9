# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "Persian (Jalali) Calendar and Digits",
    "summary": "Dates in the Jalali calendar and Persian digits for Persian users: "
    "web client, date picker, portal pages, emails and reports",
    "version": "18.0.1.1.0",
    "category": "Localization",
    "website": "https://github.com/crm-suite/crm-suite",
    "author": "CRM Suite Developers",
    "license": "LGPL-3",
    "installable": True,
    "depends": ["web", "portal", "mail"],
    "external_dependencies": {"python": ["jdatetime"]},
    "data": [
        "security/ir.model.access.csv",
        "views/res_users_views.xml",
        "views/res_partner_views.xml",
    ],
    "assets": {
        "web.assets_backend": [
            "crm_l10n_fa_calendar/static/lib/jalaali-js/jalaali.js",
            "crm_l10n_fa_calendar/static/src/*.js",
        ],
        "web.assets_tests": [
            "crm_l10n_fa_calendar/static/tests/tours/*.js",
        ],
    },
}
