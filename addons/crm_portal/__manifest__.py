# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "CRM Customer Portal",
    "summary": "The customer club: customers follow their requests, orders and job "
    "applications at /my and do the steps of the company's workflow assigned to them",
    "version": "18.0.1.3.0",
    "category": "Sales/CRM",
    "website": "https://github.com/crm-suite/crm-suite",
    "author": "CRM Suite Developers",
    "license": "LGPL-3",
    "application": False,
    "installable": True,
    "depends": ["portal", "crm", "sms", "crm_custom"],
    "data": [
        "security/ir.model.access.csv",
        "security/crm_portal_rules.xml",
        "data/ir_sequence_data.xml",
        "data/ir_config_parameter_data.xml",
        "data/mail_template_data.xml",
        "data/sms_template_data.xml",
        "data/crm_portal_form_mail_data.xml",
        "views/crm_portal_request_type_views.xml",
        "views/crm_portal_request_views.xml",
        "views/crm_portal_step_views.xml",
        "views/crm_portal_share_link_views.xml",
        "views/crm_portal_form_views.xml",
        "views/crm_lead_views.xml",
        "views/crm_workflow_template_views.xml",
        "views/res_config_settings_views.xml",
        "views/crm_portal_menus.xml",
        "views/crm_portal_templates.xml",
        "views/crm_portal_form_templates.xml",
    ],
    "demo": [
        "demo/res_users_demo.xml",
        "demo/crm_portal_demo.xml",
        "demo/crm_portal_form_demo.xml",
    ],
    "assets": {
        "web.assets_frontend": [
            "crm_portal/static/src/scss/*.scss",
        ],
        "web.assets_tests": [
            "crm_portal/static/tests/tours/*.js",
        ],
    },
}
