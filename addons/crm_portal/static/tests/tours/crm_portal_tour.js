/** @odoo-module **/
// The customer logs in, opens his request, sends the document his open step
// asks for, then sees the step done and the request's new status.
import { registry } from "@web/core/registry";

function customerStepTour({ status, direction }) {
    return () => [
        {
            content: "Log in as the portal customer",
            trigger: "input[name=login]",
            run: "edit club_customer",
        },
        {
            trigger: "input[name=password]",
            run: "edit club_customer",
        },
        {
            trigger: "form.oe_login_form button[type=submit]",
            run: "click",
        },
        {
            content: "The customer club lists the requests",
            trigger: "a[href='/my/requests']",
            run: "click",
        },
        {
            content: "Open the request",
            trigger: ".o_crm_portal_request_row a",
            run: "click",
        },
        {
            content: "The page reads in the customer's direction",
            trigger: ".o_crm_portal_step_form",
            run() {
                if (document.documentElement.dir !== direction) {
                    throw new Error(
                        `The page direction is ${document.documentElement.dir}, expected ${direction}`
                    );
                }
                const wrap = document.querySelector("#wrapwrap");
                if (getComputedStyle(wrap).direction !== direction) {
                    throw new Error(`The page is laid out ${getComputedStyle(wrap).direction}`);
                }
            },
        },
        {
            content: "Choose the CV to send",
            trigger: ".o_crm_portal_step_form input[type=file]",
            run() {
                const file = new File(["%PDF-1.4\n%%EOF\n"], "cv.pdf", {
                    type: "application/pdf",
                });
                const transfer = new DataTransfer();
                transfer.items.add(file);
                this.anchor.files = transfer.files;
                this.anchor.dispatchEvent(new Event("change", { bubbles: true }));
            },
        },
        {
            content: "Send it",
            trigger: ".o_crm_portal_step_submit",
            run: "click",
        },
        {
            content: "The step is done",
            trigger: ".o_crm_portal_step_done:contains(Send your CV)",
        },
        {
            content: "No step is left open",
            trigger: "#crm_portal_timeline",
            run() {
                if (document.querySelector(".o_crm_portal_step_form")) {
                    throw new Error("The step is still open");
                }
            },
        },
        {
            content: "The new status is shown",
            trigger: `.o_crm_portal_status:contains(${status})`,
        },
        {
            content: "The messages of the request are loaded",
            trigger: "#discussion",
            async run() {
                // The portal chatter loads its assets lazily, in a shadow root.
                const hasThread = () => {
                    const root = this.anchor.querySelector("#chatterRoot")?.shadowRoot;
                    return root?.querySelector(".o-mail-Message, .o-mail-Thread, .o-mail-Composer");
                };
                for (let attempt = 0; attempt < 100 && !hasThread(); attempt++) {
                    await new Promise((resolve) => setTimeout(resolve, 100));
                }
                if (!hasThread()) {
                    throw new Error("The request's messages did not load");
                }
            },
        },
    ];
}

registry.category("web_tour.tours").add("crm_portal_customer_step", {
    url: "/web/login?redirect=/my",
    steps: customerStepTour({ status: "Under review", direction: "ltr" }),
});

registry.category("web_tour.tours").add("crm_portal_customer_step_fa", {
    url: "/web/login?redirect=/my",
    steps: customerStepTour({ status: "در حال بررسی", direction: "rtl" }),
});
