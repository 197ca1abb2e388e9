import {registry} from "@web/core/registry";

// A consultant defines a selection field on leads, without code.
registry.category("web_tour.tours").add("crm_custom_consultant_creates_field", {
    url: "/odoo/action-crm_custom.crm_custom_field_action",
    steps: () => [
        {trigger: ".o_list_button_add", run: "click"},
        {trigger: ".o_field_widget[name='name'] input", run: "edit Tour Source"},
        {
            trigger: ".o_field_widget[name='field_type'] select",
            run: 'select "selection"',
        },
        {
            trigger: ".o_field_widget[name='technical_name'] input",
            run: "edit x_tour_source",
        },
        {
            trigger:
                ".o_field_widget[name='option_ids'] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            trigger:
                ".o_field_widget[name='option_ids'] .o_data_row .o_field_widget[name='name'] input",
            run: "edit Trade fair",
        },
        {
            trigger:
                ".o_field_widget[name='option_ids'] .o_data_row .o_field_widget[name='value'] input",
            run: "edit trade_fair",
        },
        {
            trigger:
                ".o_field_widget[name='option_ids'] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            trigger:
                ".o_field_widget[name='option_ids'] .o_data_row:eq(1) .o_field_widget[name='name'] input",
            run: "edit Website",
        },
        {
            trigger:
                ".o_field_widget[name='option_ids'] .o_data_row:eq(1) .o_field_widget[name='value'] input",
            run: "edit website",
        },
        {trigger: ".o_form_button_save", run: "click"},
        {trigger: ".o_form_saved"},
    ],
});

// A salesperson sets the new field on a lead and filters the pipeline by it.
registry.category("web_tour.tours").add("crm_custom_salesperson_uses_custom_field", {
    url: "/odoo/action-crm.crm_lead_action_pipeline",
    steps: () => [
        {
            trigger: ".o_kanban_record:contains('Tour: exhibition lead')",
            run: "click",
        },
        {trigger: ".o_notebook a.nav-link:contains('Custom Fields')", run: "click"},
        {
            trigger: ".o_field_widget[name='x_tour_source'] select",
            run: 'select "trade_fair"',
        },
        {trigger: ".o_form_button_save", run: "click"},
        {trigger: ".o_form_saved"},
        {trigger: ".o_breadcrumb .o_back_button a, .breadcrumb-item a", run: "click"},
        {trigger: ".o_kanban_record:contains('Tour: website lead')"},
        {trigger: ".o_searchview_input", run: "edit Trade"},
        {
            trigger:
                ".o_searchview_autocomplete li:contains('Tour Source'):contains('Trade fair')",
            run: "click",
        },
        {trigger: ".o_facet_values:contains('Trade fair')"},
        {
            trigger:
                ".o_kanban_renderer:not(:has(.o_kanban_record:contains('Tour: website lead'))) .o_kanban_record:contains('Tour: exhibition lead')",
        },
    ],
});
