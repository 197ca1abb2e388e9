# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "CRM Custom",
    "summary": "Roles, lead qualification, tag moderation, workflow-driven "
    "pipelines and funnel reports for Persian, Hebrew, Russian and English teams",
    "version": "18.0.1.2.0",
    "category": "Sales/CRM",
    "website": "https://github.com/crm-suite/crm-suite",
    "author": "CRM Suite Developers",
    "license": "LGPL-3",
    "application": True,
    "installable": True,
    "post_init_hook": "post_init_hook",
    "depends": ["crm", "account"],
    "data": [
        "security/crm_custom_groups.xml",
        "security/crm_custom_rules.xml",
        "security/crm_tag_rules.xml",
        "security/crm_lead_line_rules.xml",
        "security/ir.model.access.csv",
        "data/crm_tag_system_data.xml",
        "data/crm_lead_status_data.xml",
        "data/crm_sales_process_data.xml",
        "views/res_config_settings_views.xml",
        "views/account_move_views.xml",
        "views/crm_lead_views.xml",
        "views/crm_lead_qualification_views.xml",
        "views/crm_configuration_views.xml",
        "views/crm_tag_views.xml",
        "views/crm_tag_usage_views.xml",
        "views/res_config_settings_tags_views.xml",
        "report/crm_tag_report_views.xml",
        "views/crm_workflow_views.xml",
        "report/crm_funnel_report_views.xml",
        "views/crm_campaign_cost_report_views.xml",
    ],
    "demo": [
        "demo/res_users_demo.xml",
        "demo/crm_lead_demo.xml",
        "demo/crm_qualification_demo.xml",
        "demo/crm_tag_demo.xml",
        "demo/crm_workflow_demo.xml",
    ],
    "assets": {
        "web.assets_backend": [
            "crm_custom/static/src/chatter/*.xml",
            "crm_custom/static/src/funnel/*",
        ],
        "web.assets_tests": [
            "crm_custom/static/tests/tours/*.js",
        ],
    },
}
