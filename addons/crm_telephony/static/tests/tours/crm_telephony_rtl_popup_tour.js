// Copyright 2026 CRM Suite Developers
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import {registry} from "@web/core/registry";
import {
    assertContained,
    assertMirrored,
} from "@crm_custom/../tests/tours/crm_custom_rtl_tours";

/**
 * The characters of `number` inside `element` are laid out left to right on
 * the screen, as the number is written: the browser's own rendering, read
 * character by character, so a wrong bidi isolation ("4567 123 52 972+")
 * fails whatever the markup says.
 */
function assertReadsLeftToRight(element, number) {
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const start = node.data.indexOf(number);
        if (start < 0) {
            continue;
        }
        const lefts = [];
        for (let i = start; i < start + number.length; i++) {
            if (node.data[i] === " ") {
                continue;
            }
            const range = document.createRange();
            range.setStart(node, i);
            range.setEnd(node, i + 1);
            lefts.push(range.getBoundingClientRect().left);
        }
        if (lefts.some((left, i) => i && left <= lefts[i - 1])) {
            throw new Error(
                `"${number}" is laid out out of order: ${lefts.map(Math.round)}`
            );
        }
        return;
    }
    throw new Error(`"${number}" is not shown in ${element.className}`);
}

const popup = (text) => `.o_crm_telephony_caller_popup:contains(${text})`;

registry.category("web_tour.tours").add("crm_telephony_rtl_caller_popup", {
    steps: () => [
        {
            content:
                "A known customer calls: his number, in the body, reads left to right",
            trigger: `${popup("+972 52 123 4567")} bdi.o_crm_telephony_number`,
            run() {
                assertMirrored();
                if (getComputedStyle(this.anchor).direction !== "ltr") {
                    throw new Error("The number's isolate is not left-to-right");
                }
                assertReadsLeftToRight(this.anchor, "+972 52 123 4567");
                const text = this.anchor.closest(".o_crm_telephony_caller_popup");
                if (getComputedStyle(text).direction !== "rtl") {
                    throw new Error("The popup around the number is not right-to-left");
                }
            },
        },
        {
            content:
                "An unknown number: in the title, isolated inside the right-to-left sentence",
            trigger: `${popup("+98 912 303 0303")} .o_notification_title`,
            run() {
                assertReadsLeftToRight(this.anchor, "+98 912 303 0303");
                assertContained(".o_notification_manager");
                assertContained(".o_crm_telephony_caller_popup");
            },
        },
    ],
});
