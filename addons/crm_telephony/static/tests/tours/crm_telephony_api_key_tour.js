/** @odoo-module **/
// Copyright 2026 CRM Suite Developers
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

import {registry} from "@web/core/registry";

const SECRET = ".o_crm_telephony_api_key_secret .o_crm_telephony_secret";

function secretText() {
    return document.querySelector(SECRET).textContent.trim();
}

async function hmacHex(secret, text) {
    const encoder = new TextEncoder();
    const key = await crypto.subtle.importKey(
        "raw",
        encoder.encode(secret),
        {name: "HMAC", hash: "SHA-256"},
        false,
        ["sign"]
    );
    const signature = await crypto.subtle.sign("HMAC", key, encoder.encode(text));
    return [...new Uint8Array(signature)]
        .map((b) => b.toString(16).padStart(2, "0"))
        .join("");
}

function createKeySteps(name) {
    return [
        {
            content: "Open the telephony API keys",
            trigger: ".o_control_panel .o_list_button_add",
            run: "click",
        },
        {
            content: "Name the key",
            trigger: ".o_field_widget[name='name'] input",
            run: `edit ${name}`,
        },
    ];
}

function generateSteps() {
    return [
        {
            content: "Save the key",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Generate its secret",
            trigger: ".o_form_view button[name='action_generate_secret']",
            run: "click",
        },
        {
            content: "The secret is shown once, in a dialog",
            trigger: `.modal ${SECRET}`,
        },
    ];
}

function closeAndCheckGoneSteps() {
    return [
        {
            content: "Close the dialog",
            trigger: ".modal .modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "The secret is no longer on screen",
            trigger: "body:not(:has(.o_crm_telephony_api_key_secret))",
        },
        {
            content: "Reload the key: the secret is not shown again",
            trigger: ".o_form_view",
            run: () => window.location.reload(),
        },
        {
            content: "The key's form shows no secret",
            trigger:
                ".o_form_view .o_field_widget[name='key_id']:not(:has(.o_crm_telephony_secret))",
        },
    ];
}

// A telephony administrator issues a key for the PBX bridge and signs a
// request with the secret he read.
registry.category("web_tour.tours").add("crm_telephony_pbx_key_tour", {
    steps: () => [
        ...createKeySteps("Office PBX"),
        {
            content: "Choose a PBX key",
            trigger: ".o_field_widget[name='kind'] select",
            async run(helpers) {
                await helpers.selectByLabel(
                    "PBX",
                    ".o_field_widget[name='kind'] select"
                );
            },
        },
        ...generateSteps(),
        {
            content: "The secret signs a request the PBX API accepts",
            trigger: `.modal ${SECRET}`,
            async run() {
                const keyId = document
                    .querySelector(".o_crm_telephony_api_key_secret code")
                    .textContent.trim();
                const body = JSON.stringify({
                    events: [
                        {
                            event_id: "tour-key-1",
                            call_id: "tour-key-call",
                            type: "ended",
                            direction: "inbound",
                            caller_number: "+989121110000",
                            state: "missed",
                        },
                    ],
                });
                const stamp = String(Math.floor(Date.now() / 1000));
                const signature = await hmacHex(secretText(), `${stamp}.${body}`);
                const response = await fetch("/crm_telephony/v1/pbx/events", {
                    method: "POST",
                    body,
                    headers: {
                        "Content-Type": "application/json",
                        "X-Crm-Key": keyId,
                        "X-Crm-Timestamp": stamp,
                        "X-Crm-Signature": `sha256=${signature}`,
                    },
                });
                if (response.status !== 200) {
                    throw new Error(
                        `The PBX API refused the new secret: ${response.status}`
                    );
                }
            },
        },
        ...closeAndCheckGoneSteps(),
    ],
});

// An employee issues a key for his own phone and the app's token works.
registry.category("web_tour.tours").add("crm_telephony_mobile_key_tour", {
    steps: () => [
        ...createKeySteps("My phone"),
        {
            content: "An employee cannot choose the kind of key: mobile",
            trigger: ".o_field_widget[name='kind'] span:contains('Mobile device')",
        },
        ...generateSteps(),
        {
            content: "The token authenticates the mobile app",
            trigger: `.modal ${SECRET}`,
            async run() {
                const response = await fetch("/crm_telephony/v1/mobile/dial_requests", {
                    headers: {Authorization: `Bearer ${secretText()}`},
                });
                if (response.status !== 200) {
                    throw new Error(
                        `The mobile API refused the new token: ${response.status}`
                    );
                }
            },
        },
        ...closeAndCheckGoneSteps(),
    ],
});
