# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "CRM Telephony",
    "summary": "PBX caller ID (Asterisk/FreePBX AMI, webhooks), call log in "
    "the customer history, click-to-dial and an API for a mobile app",
    "version": "18.0.1.2.0",
    "category": "Sales/CRM",
    "website": "https://github.com/crm-suite/crm-suite",
    "author": "CRM Suite Developers",
    "license": "LGPL-3",
    "application": False,
    "installable": True,
    "external_dependencies": {"python": ["phonenumbers"]},
    "depends": ["crm", "phone_validation", "bus", "crm_custom"],
    "data": [
        "security/crm_telephony_groups.xml",
        "views/res_users_views.xml",
        "security/ir.model.access.csv",
        "security/crm_telephony_rules.xml",
        "data/ir_cron_data.xml",
        "views/crm_phone_call_views.xml",
        "views/crm_phone_api_key_views.xml",
        "views/res_partner_views.xml",
        "views/crm_lead_views.xml",
        "views/crm_team_views.xml",
        "views/res_config_settings_views.xml",
        "views/crm_telephony_menus.xml",
    ],
    "demo": [
        "demo/res_users_demo.xml",
        "demo/crm_team_demo.xml",
        "demo/crm_phone_call_demo.xml",
    ],
    "assets": {
        "web.assets_backend": [
            "crm_telephony/static/src/**/*",
        ],
        "web.assets_tests": [
            "crm_telephony/static/tests/tours/**/*",
        ],
    },
    "post_init_hook": "post_init_hook",
}
