import {registry} from "@web/core/registry";

// Right-to-left is only real when the stylesheet is mirrored. The web client
// marks the page of a right-to-left language with body.o_rtl, but the
// direction itself comes from its stylesheet ("direction: ltr" that rtlcss
// turns into "rtl"): without rtlcss on the server the page stays left-to-right
// and Bootstrap's "start" utilities still align left. All three are checked,
// the last on a probe that carries utilities Odoo's own views use everywhere
// (text-start, ms-auto).
export function assertMirrored() {
    if (!document.body.classList.contains("o_rtl")) {
        throw new Error(
            "The web client does not know the user's language is right-to-left."
        );
    }
    const page = document.querySelector(".o_web_client") || document.body;
    const direction = getComputedStyle(page).direction;
    if (direction !== "rtl") {
        throw new Error(
            `The page is laid out ${direction}, not right-to-left: is rtlcss installed on the server?`
        );
    }
    const probe = document.createElement("div");
    probe.className = "text-start ms-auto";
    probe.style.width = "10px";
    document.body.append(probe);
    const style = getComputedStyle(probe);
    const aligned = style.textAlign;
    // Bootstrap's ms-auto is "margin-left: auto" in the compiled stylesheet,
    // mirrored to the right by rtlcss.
    const startMarginOnRight =
        parseFloat(style.marginRight) > 0 && parseFloat(style.marginLeft) === 0;
    probe.remove();
    if (aligned !== "right" || !startMarginOnRight) {
        throw new Error(
            `The right-to-left stylesheet is not applied (text-start aligns ${aligned}): is rtlcss installed on the server?`
        );
    }
}

/**
 * No element inside `container` sticks out of it horizontally (a label that
 * does not wrap, a bar drawn from the wrong side, a number that pushes a
 * column out), and the container itself stays inside the window.
 */
export function assertContained(containerSelector) {
    const containers = document.querySelectorAll(containerSelector);
    if (!containers.length) {
        throw new Error(`Nothing matches ${containerSelector}`);
    }
    const width = document.documentElement.clientWidth;
    for (const container of containers) {
        const box = container.getBoundingClientRect();
        if (box.left < -1 || box.right > width + 1) {
            throw new Error(
                `${containerSelector} is outside the window (${box.left}..${box.right} of ${width})`
            );
        }
        for (const element of container.querySelectorAll("*")) {
            const rect = element.getBoundingClientRect();
            if (!rect.width || !element.checkVisibility?.()) {
                continue;
            }
            // Content scrolled inside its own box (overflow auto) is fine.
            const scroller = element.closest(
                ".overflow-auto, .table-responsive, .o_kanban_renderer"
            );
            if (scroller && scroller !== container && container.contains(scroller)) {
                continue;
            }
            if (rect.left < box.left - 1 || rect.right > box.right + 1) {
                const text = (element.textContent || element.className)
                    .trim()
                    .slice(0, 40);
                throw new Error(
                    `"${text}" overflows ${containerSelector} (${Math.round(rect.left)}..${Math.round(rect.right)} outside ${Math.round(box.left)}..${Math.round(box.right)})`
                );
            }
        }
    }
}

/** A bar of the funnel starts at the start of its cell: the right in RTL. */
function assertBarsStartOnTheRight() {
    const bars = document.querySelectorAll(".o_crm_funnel_table td div.bg-primary");
    if (!bars.length) {
        throw new Error("The funnel draws no bar");
    }
    for (const bar of bars) {
        const cell = bar.parentElement.getBoundingClientRect();
        const rect = bar.getBoundingClientRect();
        if (!rect.width) {
            continue;
        }
        const padding =
            parseFloat(getComputedStyle(bar.parentElement).paddingRight) + 1;
        if (Math.abs(cell.right - padding - rect.right) > 2) {
            throw new Error(
                `A funnel bar does not start on the right (${rect.left}..${rect.right} in ${cell.left}..${cell.right})`
            );
        }
    }
}

/** Phone numbers are laid out left to right inside the right-to-left page. */
function assertPhonesIsolated() {
    for (const element of document.querySelectorAll(
        ".o_field_phone input, .o_field_phone a.o_form_uri"
    )) {
        const style = getComputedStyle(element);
        if (style.unicodeBidi !== "plaintext" && style.direction !== "ltr") {
            throw new Error(
                `The phone number ${element.value || element.textContent} is laid out right to left`
            );
        }
    }
}

const check = (trigger, containers, extra = null) => ({
    trigger,
    run() {
        assertMirrored();
        for (const container of containers) {
            assertContained(container);
        }
        extra?.();
    },
});

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

// The pipeline: cards with the qualification score and the workflow progress.
registry.category("web_tour.tours").add("crm_custom_rtl_pipeline", {
    steps: () => [
        check(".o_kanban_record:contains('RTL lead')", [
            ".o_kanban_record",
            ".o_control_panel",
        ]),
    ],
});

// The lead form: qualification section, status, workflow tasks.
registry.category("web_tour.tours").add("crm_custom_rtl_lead_form", {
    steps: () => [
        check(
            ".o_form_view .o_field_widget[name=phone] input",
            [".o_form_sheet", ".o_control_panel"],
            assertPhonesIsolated
        ),
        {
            trigger: ".o_notebook .nav-link:eq(1)",
            run: "click",
        },
        check(".o_notebook .tab-pane.active", [".o_form_sheet"]),
    ],
});

// The Sales Funnel client action: its filters, titles, bars from the right.
registry.category("web_tour.tours").add("crm_custom_rtl_funnel", {
    steps: () => [
        {
            trigger: ".o_crm_funnel_team input",
            run: "edit RTL team",
        },
        {
            trigger: ".o-autocomplete--dropdown-item:contains('RTL team')",
            run: "click",
        },
        check(
            ".o_crm_funnel_table .o_crm_funnel_reached:contains('1')",
            [".o_crm_funnel"],
            assertBarsStartOnTheRight
        ),
    ],
});

// Tag moderation: the list of proposed tags.
registry.category("web_tour.tours").add("crm_custom_rtl_tag_moderation", {
    steps: () => [
        check(".o_list_renderer .o_data_row:contains('RTL-tag')", [
            ".o_list_renderer",
            ".o_control_panel",
        ]),
    ],
});
