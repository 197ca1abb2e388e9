/** @odoo-module **/
// Copyright 2026 CRM Suite Developers
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

import {registry} from "@web/core/registry";

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
            content: "The number reads left to right, isolated from the text around it",
            trigger:
                ".o_crm_telephony_caller_popup bdi[dir='ltr']:contains('+989123030303')",
        },
        {
            content: "The last call is in the agent's time zone, not in UTC",
            trigger:
                ".o_crm_telephony_caller_popup:contains('Last call:'):contains('6:30')",
            run() {
                const text = document.querySelector(
                    ".o_crm_telephony_caller_popup"
                ).textContent;
                if (text.includes("UTC")) {
                    throw new Error(`The popup gives the time in UTC: ${text}`);
                }
                if (text.split("Tour Caller Sadeghi").length !== 2) {
                    throw new Error(`The caller is named more than once: ${text}`);
                }
            },
        },
        {
            content: "Open the customer",
            trigger: ".o_crm_telephony_caller_popup button:contains('Open')",
            run: "click",
        },
        {
            content: "The customer's form is open",
            trigger:
                ".o_form_view .o_field_widget[name='name'] input:value('Tour Caller Sadeghi')",
        },
        {
            content: "The popup closed",
            trigger: "body:not(:has(.o_crm_telephony_caller_popup))",
        },
    ],
});
