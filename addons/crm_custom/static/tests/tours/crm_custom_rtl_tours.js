import { registry } from "@web/core/registry";

// Right-to-left is only real when the stylesheet is mirrored. The web client
// marks the page of a right-to-left language with body.o_rtl, but the
// direction itself comes from its stylesheet ("direction: ltr" that rtlcss
// turns into "rtl"): without rtlcss on the server the page stays left-to-right
// and Bootstrap's "start" utilities still align left. All three are checked,
// the last on a probe that carries utilities Odoo's own views use everywhere
// (text-start, ms-auto).
export function assertMirrored() {
    if (!document.body.classList.contains("o_rtl")) {
        throw new Error("The web client does not know the user's language is right-to-left.");
    }
    const page = document.querySelector(".o_web_client") || document.body;
    const direction = getComputedStyle(page).direction;
    if (direction !== "rtl") {
        throw new Error(`The page is laid out ${direction}, not right-to-left: is rtlcss installed on the server?`);
    }
    const probe = document.createElement("div");
    probe.className = "text-start ms-auto";
    probe.style.width = "10px";
    document.body.append(probe);
    const style = getComputedStyle(probe);
    const aligned = style.textAlign;
    // ms-auto is "margin-left: auto" in the compiled stylesheet, mirrored to
    // the right by rtlcss.
    const startMarginOnRight = parseFloat(style.marginRight) > 0 && parseFloat(style.marginLeft) === 0;
    probe.remove();
    if (aligned !== "right" || !startMarginOnRight) {
        throw new Error(
            `The right-to-left stylesheet is not applied (text-start aligns ${aligned}): is rtlcss installed on the server?`
        );
    }
}

registry.category("web_tour.tours").add("crm_custom_rtl_mirrored", {
    url: "/odoo/crm",
    steps: () => [
        {
            trigger: ".o_main_navbar",
        },
        {
            trigger: ".o_kanban_renderer",
            run: assertMirrored,
        },
    ],
});
