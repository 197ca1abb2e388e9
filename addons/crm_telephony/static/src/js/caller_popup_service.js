/** @odoo-module **/
// Copyright 2026 CRM Suite Developers
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";

// Bidi isolates, so that a phone number keeps its "+" on the left and its
// groups in order inside a right-to-left sentence ("+972 52 123 4567", not
// "4567 123 52 972+"), and a Latin name does not reorder the Persian or
// Hebrew words around it.
const ltr = (text) => `\u2066${text}\u2069`;
const isolate = (text) => `\u2068${text}\u2069`;

/**
 * Shows who is calling when the PBX rings this user's extension. The server
 * sends "crm_telephony/incoming_call" to the ringing agent's own channel only.
 */
export const callerPopupService = {
    dependencies: ["bus_service", "notification", "action"],
    start(env, { bus_service, notification, action }) {
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
            const lines = [];
            if (call.company) {
                lines.push(isolate(call.company));
            }
            for (const lead of call.open_leads || []) {
                lines.push(_t("Open lead: %(lead)s", { lead: isolate(lead.name) }));
            }
            if ((call.other_contacts || []).length) {
                const names = call.other_contacts.map((contact) => isolate(contact.name)).join(", ");
                lines.push(_t("Same number: %(names)s", { names }));
            }
            if ((call.last_calls || []).length) {
                lines.push(_t("Last call: %(when)s UTC", { when: call.last_calls[0].when }));
            }
            const buttons = [];
            let close = () => {};
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
                    create("crm.lead", { default_phone: call.number, default_type: "lead" })
                );
                button(_t("Create contact"), () =>
                    create("res.partner", { default_phone: call.number })
                );
            }
            close = notification.add(lines.join(" · ") || ltr(call.number), {
                title: _t("Incoming call: %(who)s", {
                    who:
                        (call.caller_name && isolate(call.caller_name)) ||
                        (call.number && ltr(call.number)) ||
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
