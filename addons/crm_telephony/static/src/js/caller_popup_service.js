/** @odoo-module **/
// Copyright 2026 CRM Suite Developers
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

import {markup} from "@odoo/owl";
import {_t} from "@web/core/l10n/translation";
import {registry} from "@web/core/registry";
import {escape} from "@web/core/utils/strings";

// Phone numbers read left to right also inside Persian or Hebrew text:
// a first-strong isolate would reorder "+98 912…" in a right-to-left line.
const LRI = "\u2066";
const PDI = "\u2069";
const isolateNumber = (number) => `${LRI}${number}${PDI}`;
const numberHtml = (number) =>
    `<bdi dir="ltr" class="o_crm_telephony_number">${escape(number)}</bdi>`;

// A Latin name inside a Persian or Hebrew line (or the reverse) keeps its own
// direction without reordering the words around it: a first-strong isolate.
const isolate = (text) => `\u2068${text}\u2069`;

/** The lines of the popup's body (HTML, escaped); the caller's name is its title. */
function callLines(call) {
    const lines = [];
    if (call.caller_name && call.number) {
        lines.push(numberHtml(call.number));
    }
    if (call.company) {
        lines.push(escape(isolate(call.company)));
    }
    for (const lead of call.open_leads || []) {
        lines.push(escape(_t("Open lead: %(lead)s", {lead: isolate(lead.name)})));
    }
    if ((call.other_contacts || []).length) {
        const names = call.other_contacts
            .map((contact) => isolate(contact.name))
            .join(", ");
        lines.push(escape(_t("Same number: %(names)s", {names})));
    }
    if ((call.last_calls || []).length) {
        // "when" is written by the server in the agent's time zone and language.
        lines.push(escape(_t("Last call: %(when)s", {when: call.last_calls[0].when})));
    }
    return lines;
}

/**
 * Shows who is calling when the PBX rings this user's extension. The server
 * sends "crm_telephony/incoming_call" to the ringing agent's own channel only.
 */
export const callerPopupService = {
    dependencies: ["bus_service", "notification", "action"],
    start(env, {bus_service, notification, action}) {
        const open = (resModel, resId) =>
            action.doAction({
                type: "ir.actions.act_window",
                res_model: resModel,
                res_id: resId,
                views: [[false, "form"]],
            });
        const create = (resModel, context) =>
            action.doAction({
                type: "ir.actions.act_window",
                res_model: resModel,
                views: [[false, "form"]],
                context,
            });

        bus_service.subscribe("crm_telephony/incoming_call", (call) => {
            // The caller's name is the title; the body never repeats it.
            const lines = callLines(call);
            const buttons = [];
            // Set below to the notification's own close, before any click.
            let close = null;
            const button = (name, onClick, primary = false) =>
                buttons.push({
                    name,
                    primary,
                    onClick: () => {
                        close();
                        onClick();
                    },
                });
            if (call.partner_id) {
                button(_t("Open"), () => open("res.partner", call.partner_id), true);
            } else if (call.lead_id) {
                button(_t("Open"), () => open("crm.lead", call.lead_id), true);
            } else {
                button(_t("Create lead"), () =>
                    create("crm.lead", {
                        default_phone: call.number,
                        default_type: "lead",
                    })
                );
                button(_t("Create contact"), () =>
                    create("res.partner", {default_phone: call.number})
                );
            }
            const body = lines.length
                ? lines.join(" · ")
                : numberHtml(call.number || "");
            close = notification.add(markup(body), {
                title: _t("Incoming call: %(who)s", {
                    who:
                        (call.caller_name && isolate(call.caller_name)) ||
                        (call.number && isolateNumber(call.number)) ||
                        _t("Unknown number"),
                }),
                type: "info",
                sticky: true,
                className: "o_crm_telephony_caller_popup",
                buttons,
            });
        });
        bus_service.start();
    },
};

registry.category("services").add("crm_telephony_caller_popup", callerPopupService);
