import {registry} from "@web/core/registry";

// The conversions the web client uses, checked in the browser against known
// dates: Nowruz of 1403 and 1408 (leap years, 30 Esfand) and the day before.
function assertConversions() {
    const jalali = odoo.loader.modules.get("@crm_l10n_fa_calendar/jalali");
    const {DateTime} = luxon;
    const cases = [
        ["2024-03-19", "1402/12/29"],
        ["2024-03-20", "1403/01/01"],
        ["2025-03-20", "1403/12/30"],
        ["2025-03-21", "1404/01/01"],
        ["2029-03-20", "1408/01/01"],
        ["2030-03-20", "1408/12/30"],
        ["2030-03-21", "1409/01/01"],
        ["2026-12-01", "1405/09/10"],
    ];
    for (const [iso, expected] of cases) {
        const shown = DateTime.fromISO(iso).toFormat("yyyy/MM/dd");
        if (shown !== expected) {
            throw new Error(`${iso} shows as ${shown}, not ${expected}`);
        }
        const typed = jalali.jalaliInputToGregorian(expected, "yyyy/MM/dd");
        if (typed?.value !== iso.replaceAll("-", "/")) {
            throw new Error(`${expected} typed reads as ${typed?.value}, not ${iso}`);
        }
    }
    if (jalali.jalaliInputToGregorian("1405/12/30", "yyyy/MM/dd") !== null) {
        throw new Error("1405 is a common year: 1405/12/30 must not be accepted");
    }
    // The search panel's "this month" of 2026-12-01 is Azar 1405, Q3 its quarter.
    const {constructDateDomain} = odoo.loader.modules.get("@web/search/utils/dates");
    const reference = new jalali.JalaliMoment(DateTime.fromISO("2026-12-01T10:00:00"));
    const searchItem = {
        fieldName: "date_deadline",
        fieldType: "date",
        domain: "[]",
        optionsParams: {
            startYear: -2,
            endYear: 0,
            startMonth: -2,
            endMonth: 0,
            customOptions: [],
        },
    };
    const periods = [
        [["month", "year"], ["آذر", "1405"], "2026-11-22", "2026-12-21"],
        [["third_quarter", "year"], ["1405"], "2026-09-23", "2026-12-21"],
        [["year"], ["1405"], "2026-03-21", "2027-03-20"],
    ];
    for (const [options, labels, start, end] of periods) {
        const {domain, description} = constructDateDomain(
            reference,
            searchItem,
            options
        );
        const text = domain.toString();
        if (
            !text.includes(`">=", "${start}"`) ||
            !text.includes(`"<=", "${end}"`) ||
            !labels.every((label) => description.includes(label))
        ) {
            throw new Error(
                `${options}: ${description} ${text}, not ${labels} ${start}..${end}`
            );
        }
    }
    // The server format stays Gregorian ISO.
    const saved = DateTime.fromISO("2026-12-01").toFormat("yyyy-MM-dd", {
        numberingSystem: "latn",
    });
    if (saved !== "2026-12-01") {
        throw new Error(`The date sent to the server reads ${saved}`);
    }
}

const dayCell = (day) =>
    `.o_datetime_picker .o_date_item_cell:not(.o_out_of_range):not([disabled]) span:contains(/^${day}$/)`;

// A Persian user opens an activity due on 2026-12-01, reads it in Jalali,
// picks the 20th of Azar in the Jalali picker and saves.
registry.category("web_tour.tours").add("crm_l10n_fa_calendar_pick_date", {
    steps: () => [
        {
            trigger: ".o_field_widget[name=date_deadline] input",
            run() {
                assertConversions();
                const value = this.anchor.value;
                if (value !== "1405/09/10") {
                    throw new Error(`The due date shows ${value}, not 1405/09/10`);
                }
            },
        },
        {
            trigger: ".o_field_widget[name=date_deadline] input",
            run: "click",
        },
        {
            content: "The picker shows the Jalali month, its week starting on Saturday",
            trigger: ".o_datetime_picker .o_header_part:contains(آذر 1405)",
            run() {
                const firstDay = document.querySelector(
                    ".o_datetime_picker .o_day_of_week_cell"
                );
                if (firstDay.title !== "شنبه") {
                    throw new Error(
                        `The week starts on ${firstDay.title}, not Saturday (شنبه)`
                    );
                }
                const days = document.querySelectorAll(
                    ".o_datetime_picker .o_date_item_cell:not(.o_out_of_range)"
                );
                if (days.length !== 30) {
                    throw new Error(
                        `Azar has 30 days, the picker shows ${days.length}`
                    );
                }
            },
        },
        {
            trigger: dayCell(20),
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=date_deadline] input:value(1405/09/20)",
        },
        {
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            trigger: ".o_form_saved",
        },
    ],
});

// Typing a Jalali date in Persian digits, and the next-month arrow.
registry.category("web_tour.tours").add("crm_l10n_fa_calendar_type_date", {
    steps: () => [
        {
            trigger: ".o_field_widget[name=date_deadline] input",
            run: "edit ۱۴۰۸/۱۲/۳۰",
        },
        {
            trigger: ".o_field_widget[name=date_deadline] input",
            run: "press Enter",
        },
        {
            trigger: ".o_field_widget[name=date_deadline] input:value(1408/12/30)",
        },
        {
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            trigger: ".o_form_saved",
        },
    ],
});
