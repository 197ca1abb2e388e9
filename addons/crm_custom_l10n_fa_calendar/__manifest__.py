# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "CRM Custom - Persian (Jalali) Calendar",
    "summary": "The Sales Funnel compares Jalali months and quarters for users "
    "who read the Jalali calendar",
    "version": "18.0.1.0.0",
    "category": "Localization",
    "website": "https://github.com/crm-suite/crm-suite",
    "author": "CRM Suite Developers",
    "license": "LGPL-3",
    "installable": True,
    "auto_install": True,
    "depends": ["crm_custom", "crm_l10n_fa_calendar"],
    "assets": {
        "web.assets_backend": [
            "crm_custom_l10n_fa_calendar/static/src/*.js",
        ],
        "web.assets_tests": [
            "crm_custom_l10n_fa_calendar/static/tests/tours/*.js",
        ],
    },
}
