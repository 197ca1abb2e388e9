import {registry} from "@web/core/registry";
import {stepUtils} from "@web_tour/tour_service/tour_utils";

// A salesperson opens the CRM from the apps menu, finds a lead in the
// pipeline and opens it.
registry.category("web_tour.tours").add("crm_custom_salesperson_opens_lead", {
    url: "/odoo",
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            trigger: '.o_app[data-menu-xmlid="crm.crm_menu_root"]',
            run: "click",
        },
        {
            trigger:
                ".o_opportunity_kanban .o_kanban_record:contains('Tour: Galil Logistics rollout')",
            run: "click",
        },
        {
            trigger:
                ".o_form_view .o_field_widget[name='name'] textarea:value('Tour: Galil Logistics rollout')",
        },
        {
            trigger:
                ".o_form_view .o_field_widget[name='partner_id'] input:value('Tour Customer')",
        },
    ],
});
