import {registry} from "@web/core/registry";

// A salesperson completes the next workflow task on a kanban card: the card
// moves to the next column of the workflow-driven pipeline.
const card = "Tour: workflow lead";
const column = (stage) =>
    `.o_kanban_group:has(.o_column_title:contains('${stage}')) .o_kanban_record:contains('${card}')`;

registry.category("web_tour.tours").add("crm_custom_workflow_task_moves_card", {
    url: "/odoo/action-crm.crm_lead_action_pipeline",
    steps: () => [
        {
            trigger: column("Tour stage one"),
        },
        {
            trigger: `${column("Tour stage one")} button[name='action_workflow_next_task_done']`,
            run: "click",
        },
        {
            trigger: column("Tour stage two"),
        },
    ],
});
