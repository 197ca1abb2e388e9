import {registry} from "@web/core/registry";

// A sales manager opens the Sales Funnel, picks a team and reads how many
// leads reached each stage, this quarter against the last one.
const reached = (stage, count) =>
    `.o_crm_funnel_table:first tr:has(td:contains('${stage}')) .o_crm_funnel_reached:contains('${count}')`;

registry.category("web_tour.tours").add("crm_custom_funnel_reached_stages", {
    url: "/odoo/action-crm_custom.crm_funnel_client_action",
    steps: () => [
        {
            trigger: ".o_crm_funnel_team input",
            run: "edit Tour funnel team",
        },
        {
            trigger: ".o-autocomplete--dropdown-item:contains('Tour funnel team')",
            run: "click",
        },
        {
            trigger: reached("Tour funnel first", 3),
        },
        {
            trigger: "select.o_crm_funnel_period",
            run: "select quarter",
        },
        {
            trigger: "h4:contains('Current period')",
        },
        {
            trigger: reached("Tour funnel second", 2),
        },
        {
            trigger: reached("Tour funnel won", 1),
        },
    ],
});
