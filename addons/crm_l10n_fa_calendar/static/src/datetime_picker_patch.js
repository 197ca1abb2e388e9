import {_t} from "@web/core/l10n/translation";
import {isInRange, today} from "@web/core/l10n/dates";
import {localization} from "@web/core/l10n/localization";
import {DateTimePicker} from "@web/core/datetime/datetime_picker";
import {patch} from "@web/core/utils/patch";
import {
    endOfJalaliMonth,
    endOfJalaliYear,
    jalaliMonthName,
    localDigits,
    plusJalali,
    settings,
    startOfJalaliMonth,
    startOfJalaliYear,
    toJalali,
} from "./jalali";

const {Info} = luxon;
const DAYS_PER_WEEK = 7;
const WEEKS_PER_MONTH = 6;
const GRID_COUNT = 10;

/** The first day of the week of `date` (the user's week start: Saturday). */
function startOfWeek(date) {
    const {weekStart} = localization;
    return date.minus({
        days: (date.weekday - weekStart + DAYS_PER_WEEK) % DAYS_PER_WEEK,
    });
}

function dateItem(
    range,
    label,
    {isOutOfRange = false, isValid = true, extraClass = ""} = {}
) {
    return {
        id: range[0].toISODate(),
        includesToday: isInRange(today(), range),
        isOutOfRange,
        isValid,
        label: localDigits(label),
        range,
        extraClass,
    };
}

function jalaliYearTitle(date) {
    return localDigits(toJalali(date).jy);
}

/** One Jalali month as the picker's weeks of days. */
function monthItem(date, index, {maxDate, minDate, isDateValid, dayCellClass}) {
    const monthRange = [startOfJalaliMonth(date), endOfJalaliMonth(date)];
    const weeks = [];
    let day = startOfWeek(monthRange[0]);
    for (let w = 0; w < WEEKS_PER_MONTH; w++) {
        const days = [];
        for (let d = 0; d < DAYS_PER_WEEK; d++) {
            const range = [day, day.endOf("day")];
            days.push(
                dateItem(range, toJalali(day).jd, {
                    isOutOfRange: !isInRange(day, monthRange),
                    isValid:
                        isInRange(range, [minDate, maxDate]) &&
                        (isDateValid?.(day) ?? true),
                    extraClass: dayCellClass?.(day) || "",
                })
            );
            day = day.plus({day: 1});
        }
        // A sixth week wholly in the next month is not shown.
        if (w < WEEKS_PER_MONTH - 1 || days.some((item) => !item.isOutOfRange)) {
            weeks.push({number: days[3].range[0].weekNumber, days});
        }
    }
    const daysOfWeek = weeks[0].days.map(({range: [first]}) => [
        first.weekdayShort,
        first.weekdayLong,
        Info.weekdays("narrow", {locale: first.locale})[first.weekday - 1],
    ]);
    return {id: `__month__${index}`, number: toJalali(date).jm, daysOfWeek, weeks};
}

/** The picker's precision levels in the Jalali calendar. */
const JALALI_LEVELS = {
    days: {
        mainTitle: _t("Select month"),
        nextTitle: _t("Next month"),
        prevTitle: _t("Previous month"),
        step: {month: 1},
        getTitle(date, {additionalMonth}) {
            const dates = additionalMonth
                ? [date, plusJalali(date, {month: 1})]
                : [date];
            return dates.map(
                (d) =>
                    `${jalaliMonthName(toJalali(d).jm, d.locale)} ${jalaliYearTitle(d)}`
            );
        },
        getItems(date, params) {
            const dates = params.additionalMonth
                ? [date, plusJalali(date, {month: 1})]
                : [date];
            return dates.map((d, i) => monthItem(d, i, params));
        },
    },
    months: {
        mainTitle: _t("Select year"),
        nextTitle: _t("Next year"),
        prevTitle: _t("Previous year"),
        step: {year: 1},
        getTitle: (date) => jalaliYearTitle(date),
        getItems(date, {maxDate, minDate}) {
            const startOfYear = startOfJalaliYear(date);
            return [...Array(12).keys()].map((i) => {
                const start = plusJalali(startOfYear, {month: i});
                const range = [start, endOfJalaliMonth(start)];
                return dateItem(range, jalaliMonthName(i + 1, start.locale), {
                    isValid: isInRange(range, [minDate, maxDate]),
                });
            });
        },
    },
    years: {
        mainTitle: _t("Select decade"),
        nextTitle: _t("Next decade"),
        prevTitle: _t("Previous decade"),
        step: {year: 10},
        getTitle(date) {
            const decade = Math.floor(toJalali(date).jy / 10) * 10;
            return `${localDigits(decade - 1)} - ${localDigits(decade + 10)}`;
        },
        getItems(date, {maxDate, minDate}) {
            const {jy} = toJalali(date);
            const first = plusJalali(startOfJalaliYear(date), {
                year: Math.floor(jy / 10) * 10 - jy,
            });
            return [...Array(GRID_COUNT + 2).keys()].map((n) => {
                const i = n - 1;
                const start = plusJalali(first, {year: i});
                const range = [start, endOfJalaliYear(start)];
                return dateItem(range, toJalali(start).jy, {
                    isOutOfRange: i < 0 || i >= GRID_COUNT,
                    isValid: isInRange(range, [minDate, maxDate]),
                });
            });
        },
    },
    decades: {
        mainTitle: _t("Select century"),
        nextTitle: _t("Next century"),
        prevTitle: _t("Previous century"),
        step: {year: 100},
        getTitle(date) {
            const century = Math.floor(toJalali(date).jy / 100) * 100;
            return `${localDigits(century - 10)} - ${localDigits(century + 100)}`;
        },
        getItems(date, {maxDate, minDate}) {
            const {jy} = toJalali(date);
            const first = plusJalali(startOfJalaliYear(date), {
                year: Math.floor(jy / 100) * 100 - jy,
            });
            return [...Array(GRID_COUNT + 2).keys()].map((n) => {
                const i = n - 1;
                const start = plusJalali(first, {year: i * 10});
                const range = [start, endOfJalaliYear(plusJalali(start, {year: 9}))];
                return dateItem(range, toJalali(start).jy, {
                    isOutOfRange: i < 0 || i >= GRID_COUNT,
                    isValid: isInRange(range, [minDate, maxDate]),
                });
            });
        },
    },
};

patch(DateTimePicker.prototype, {
    get activePrecisionLevel() {
        return settings.jalali
            ? JALALI_LEVELS[this.state.precision]
            : super.activePrecisionLevel;
    },

    adjustFocus(values, focusedDateIndex) {
        const adjusts = this.shouldAdjustFocusDate || !this.state.focusDate;
        super.adjustFocus(values, focusedDateIndex);
        if (settings.jalali && adjusts) {
            // Odoo focuses the Gregorian month of the value: focus its Jalali month.
            const value =
                values[focusedDateIndex] ||
                values[focusedDateIndex === 1 ? 0 : 1] ||
                today();
            this.state.focusDate = this.clamp(startOfJalaliMonth(value));
        }
    },

    next(ev) {
        if (!settings.jalali) {
            return super.next(ev);
        }
        ev.preventDefault();
        this.state.focusDate = this.clamp(
            plusJalali(this.state.focusDate, this.activePrecisionLevel.step)
        );
    },

    previous(ev) {
        if (!settings.jalali) {
            return super.previous(ev);
        }
        ev.preventDefault();
        const {year = 0, month = 0} = this.activePrecisionLevel.step;
        this.state.focusDate = this.clamp(
            plusJalali(this.state.focusDate, {year: -year, month: -month})
        );
    },
});
