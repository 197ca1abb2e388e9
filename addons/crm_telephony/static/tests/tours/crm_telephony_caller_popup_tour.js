/** @odoo-module **/
// Copyright 2026 CRM Suite Developers
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

import { registry } from "@web/core/registry";

// The test posts a "ringing" event for the agent's extension; the agent sees
// who calls and opens the customer from the popup.
registry.category("web_tour.tours").add("crm_telephony_caller_popup_tour", {
    steps: () => [
        {
            content: "The caller popup shows who is calling",
            trigger: ".o_crm_telephony_caller_popup:contains('Tour Caller Sadeghi')",
        },
        {
            content: "It lists the caller's open opportunity",
            trigger: ".o_crm_telephony_caller_popup:contains('Tour opportunity')",
        },
        {
            content: "Open the customer",
            trigger: ".o_crm_telephony_caller_popup button:contains('Open')",
            run: "click",
        },
        {
            content: "The customer's form is open",
            trigger: ".o_form_view .o_field_widget[name='name'] input:value('Tour Caller Sadeghi')",
        },
        {
            content: "The popup closed",
            trigger: "body:not(:has(.o_crm_telephony_caller_popup))",
        },
    ],
});
