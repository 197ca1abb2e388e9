// Copyright 2026 CRM Suite Developers
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import {_t} from "@web/core/l10n/translation";
import {registry} from "@web/core/registry";

// The two leads of the test: 1403/12/30 (leap day) and 1404/01/01, one
// Gregorian month (March 2025), two Jalali months.
const MONTHS = ["اسفند 1403", "فروردین 1404"];

function assertLabels(selector, what) {
    const labels = [...document.querySelectorAll(selector)].map((el) =>
        el.textContent.trim()
    );
    for (const month of MONTHS) {
        if (!labels.some((label) => label.startsWith(month))) {
            throw new Error(
                `The ${what} show ${JSON.stringify(labels)}, not the Jalali month ${month}`
            );
        }
    }
}

registry
    .category("web_tour.tours")
    .add("crm_custom_l10n_fa_calendar_pipeline_by_month", {
        steps: () => [
            {
                content: "Kanban columns are Jalali months",
                trigger: `.o_kanban_group .o_column_title:contains(${MONTHS[1]})`,
                run: () =>
                    assertLabels(".o_kanban_group .o_column_title", "kanban columns"),
            },
            {trigger: ".o_switch_view.o_list", run: "click"},
            {
                content: "List groups are Jalali months",
                trigger: `.o_list_view .o_group_name:contains(${MONTHS[1]})`,
                run: () => assertLabels(".o_list_view .o_group_name", "list groups"),
            },
            {trigger: ".o_switch_view.o_pivot", run: "click"},
            {
                content: "Pivot rows are Jalali months",
                trigger: `.o_pivot .o_pivot_header_cell_closed:contains(${MONTHS[1]})`,
                run: () => assertLabels(".o_pivot tbody th", "pivot rows"),
            },
            {trigger: ".o_switch_view.o_graph", run: "click"},
            {
                content:
                    "Graph bars are Jalali months, no Gregorian month between them",
                trigger: ".o_graph_renderer canvas",
                run() {
                    const chart = window.Chart?.getChart(this.anchor);
                    const labels = chart?.data.labels.map((label) =>
                        [label].flat().join(" ")
                    );
                    if (JSON.stringify(labels) !== JSON.stringify(MONTHS)) {
                        throw new Error(
                            `The graph shows ${JSON.stringify(labels)}, not ${JSON.stringify(MONTHS)}`
                        );
                    }
                },
            },
        ],
    });

/** Today's Jalali year, month and month name as the browser's ICU reads them. */
function todayInPersianCalendar() {
    const format = (options) =>
        new Intl.DateTimeFormat("fa-IR-u-ca-persian-nu-latn", {
            ...options,
            timeZone: luxon.Settings.defaultZone.name,
        }).formatToParts(new Date());
    const part = (parts, type) => parts.find((p) => p.type === type).value;
    const numeric = format({year: "numeric", month: "numeric"});
    return {
        year: Number(part(numeric, "year")),
        month: Number(part(numeric, "month")),
        monthName: part(format({month: "long"}), "month"),
    };
}

/** The current block's range starts on the first day of the Jalali period. */
function assertPeriodStart(months) {
    const {year, month} = todayInPersianCalendar();
    const first = Math.floor((month - 1) / months) * months + 1;
    const start = `${year}/${String(first).padStart(2, "0")}/01`;
    const range = document.querySelector(
        ".o_crm_funnel_current .o_crm_funnel_period_range"
    ).textContent;
    if (!range.trim().startsWith(start)) {
        throw new Error(
            `The current period is ${range}, not the one starting on ${start}`
        );
    }
}

registry.category("web_tour.tours").add("crm_custom_l10n_fa_calendar_funnel", {
    steps: () => {
        const {year, month, monthName} = todayInPersianCalendar();
        const quarter = _t("Q%(quarter)s %(year)s", {
            quarter: Math.ceil(month / 3),
            year,
        });
        return [
            {
                content: "This Jalali month against the last one",
                trigger: `.o_crm_funnel_current .o_crm_funnel_period_name:contains(${monthName} ${year})`,
                run: () => assertPeriodStart(1),
            },
            {trigger: "select.o_crm_funnel_period", run: "select quarter"},
            {
                content: "This Jalali quarter against the last one",
                trigger: `.o_crm_funnel_current .o_crm_funnel_period_name:contains(${quarter})`,
                run: () => assertPeriodStart(3),
            },
        ];
    },
});

function assertNumberHelpers() {
    const {normalizeNumber} = odoo.loader.modules.get(
        "@crm_l10n_fa_calendar/number_fields_patch"
    );
    const cases = [
        ["۱۲۳٫۵", "123.5"],
        ["۱٬۲۵۰٫۷۵", "1,250.75"],
        ["٤٥٦", "456"],
        ["1,250.5", "1,250.5"],
    ];
    for (const [typed, read] of cases) {
        if (normalizeNumber(typed) !== read) {
            throw new Error(`${typed} reads ${normalizeNumber(typed)}, not ${read}`);
        }
    }
    const formatters = odoo.loader.modules
        .get("@web/core/registry")
        .registry.category("formatters");
    const shown = [
        formatters.get("integer")(1250),
        formatters.get("float")(0.5, {digits: [16, 2]}),
    ];
    if (JSON.stringify(shown) !== JSON.stringify(["۱,۲۵۰", "۰.۵۰"])) {
        throw new Error(`List totals and pivot cells show ${shown}`);
    }
}

// A user who chose Persian digits reads ۰–۹ in number fields and types
// either kind, with the Arabic decimal separator too: ۱۲۳٫۵ is 123.5.
registry.category("web_tour.tours").add("crm_custom_l10n_fa_calendar_persian_digits", {
    steps: () => [
        {
            content: "Amounts are shown in Persian digits",
            trigger: ".o_field_widget[name=expected_revenue] input:value(۱,۲۵۰.۰۰)",
            run: assertNumberHelpers,
        },
        {
            trigger: ".o_field_widget[name=probability] input:value(۱۰.۰۰)",
        },
        {
            trigger: ".o_field_widget[name=expected_revenue] input",
            run: "edit ۱۲۳٫۵",
        },
        {
            trigger: ".o_field_widget[name=probability] input",
            run: "edit ۱۲٫۵",
        },
        {
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Saved, and shown again in Persian digits",
            trigger: ".o_form_saved",
            run() {
                // What the user sees: the input's own text (its value reads
                // Latin digits for Odoo's parsers).
                const {get} = Object.getOwnPropertyDescriptor(
                    HTMLInputElement.prototype,
                    "value"
                );
                const shown = (name) =>
                    get.call(
                        document.querySelector(`.o_field_widget[name=${name}] input`)
                    );
                const values = [shown("expected_revenue"), shown("probability")];
                if (JSON.stringify(values) !== JSON.stringify(["۱۲۳.۵۰", "۱۲.۵۰"])) {
                    throw new Error(`After saving the form shows ${values}`);
                }
            },
        },
    ],
});
