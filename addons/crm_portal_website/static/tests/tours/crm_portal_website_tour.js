/** @odoo-module **/
// A visitor of the company's website fills the CRM form dropped on a page as
// a building block (shown in a frame of the same site) and reads the thanks.
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("crm_portal_website_block", {
    steps: () => [
        {
            content: "The block shows the chosen form",
            trigger: ".s_crm_portal_form iframe[data-crm-form]",
        },
        {
            content: "Type his name",
            trigger: ":iframe form input[name=contact_name]",
            run: "edit Dara Visitor",
        },
        {
            trigger: ":iframe form input[name=contact_email]",
            run: "edit dara.visitor@example.com",
        },
        {
            trigger: ":iframe form input[name^=field_]",
            run: "edit Designer",
        },
        {
            trigger: ":iframe form input[name=consent]",
            run: "click",
        },
        {
            content: "Send",
            trigger: ":iframe form button[type=submit]",
            run: "click",
        },
        {
            content: "The thank-you message, in the block",
            trigger: ":iframe .o_crm_form_done",
        },
        {
            content: "The frame was sized to the form",
            trigger: ".s_crm_portal_form iframe[data-crm-form]",
            run() {
                if (this.anchor.getBoundingClientRect().height < 100) {
                    throw new Error("The frame of the form was not sized");
                }
            },
        },
    ],
});
