/** @odoo-module **/
// The customer logs in, opens his request, sends the document his open step
// asks for, then sees the step done and the request's new status.
import {registry} from "@web/core/registry";

// The request page's messages: the portal chatter loads its assets lazily.
const messagesLoaded = {
    content: "The messages of the request are loaded",
    trigger: "#discussion",
    async run() {
        // The portal chatter loads its assets lazily, in a shadow root.
        const hasThread = () => {
            const root = this.anchor.querySelector("#chatterRoot")?.shadowRoot;
            return root?.querySelector(
                ".o-mail-Message, .o-mail-Thread, .o-mail-Composer"
            );
        };
        for (let attempt = 0; attempt < 100 && !hasThread(); attempt++) {
            await new Promise((resolve) => setTimeout(resolve, 100));
        }
        if (!hasThread()) {
            throw new Error("The request's messages did not load");
        }
    },
};

function customerStepTour({status, direction}) {
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
            trigger: "a[href$='/my/requests']",
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
                    throw new Error(
                        `The page is laid out ${getComputedStyle(wrap).direction}`
                    );
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
                this.anchor.dispatchEvent(new Event("change", {bubbles: true}));
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
        messagesLoaded,
    ];
}

registry.category("web_tour.tours").add("crm_portal_customer_step", {
    url: "/web/login?redirect=/my",
    steps: customerStepTour({status: "Under review", direction: "ltr"}),
});

registry.category("web_tour.tours").add("crm_portal_customer_step_fa", {
    url: "/web/login?redirect=/my",
    steps: customerStepTour({status: "در حال بررسی", direction: "rtl"}),
});

// A visitor of another company's website fills the public form embedded
// there (run inside the cross-origin iframe), then follows the invitation he
// received, chooses his password and finds his request in his panel.
registry.category("web_tour.tours").add("crm_portal_embed_visitor", {
    steps: () => [
        {
            content: "The form runs inside a frame of another site",
            trigger: "form input[name=contact_name]",
            run() {
                if (window.top === window) {
                    throw new Error("The form is not shown in a frame");
                }
                // Another origin: the embedding page is out of reach
                // (a frame of the same origin would see its element).
                const host = window.location.ancestorOrigins[0];
                if (window.frameElement !== null || host === window.location.origin) {
                    throw new Error(
                        `The embedding page has the form's origin (${host})`
                    );
                }
            },
        },
        {
            content: "Type his name",
            trigger: "form input[name=contact_name]",
            run: "edit Nima Visitor",
        },
        {
            content: "Type his email",
            trigger: "form input[name=contact_email]",
            run: "edit nima.visitor@example.com",
        },
        {
            content: "Answer the question",
            trigger: "form input[name^=field_]",
            run: "edit Engineer",
        },
        {
            content: "Agree to the conditions",
            trigger: "form input[name=consent]",
            run: "click",
        },
        {
            content: "Send",
            trigger: "form button[type=submit]",
            run: "click",
        },
        {
            content: "The thank-you message, still in the frame",
            trigger: ".o_crm_form_done",
        },
    ],
});

registry.category("web_tour.tours").add("crm_portal_embed_signup", {
    steps: () => [
        {
            content: "The invitation opens the sign-up page: choose a password",
            trigger: "form.oe_signup_form input[name=password]",
            run: "edit Visitor-Pass-2026",
        },
        {
            trigger: "form.oe_signup_form input[name=confirm_password]",
            run: "edit Visitor-Pass-2026",
        },
        {
            trigger: "form.oe_signup_form button[type=submit]",
            run: "click",
        },
        {
            content: "Logged in, the customer panel lists his requests",
            trigger: "a[href$='/my/requests']",
            run: "click",
        },
        {
            content: "His request from the embedded form",
            trigger: ".o_crm_portal_request_row a",
            run: "click",
        },
        {
            content: "The request page, with the answer he gave",
            trigger: ".o_crm_portal_request:contains(Engineer)",
        },
        messagesLoaded,
    ],
});
