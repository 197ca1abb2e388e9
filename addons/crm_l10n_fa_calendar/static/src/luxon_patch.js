import {patch} from "@web/core/utils/patch";
import {
    jalaliInputToGregorian,
    normalizeDigits,
    settings,
    toJalaliFormat,
} from "./jalali";

const {DateTime} = luxon;

/**
 * Odoo's web client formats every date and datetime it shows (fields of forms,
 * lists and kanban cards, the date picker's input, search facets) with
 * Luxon's toFormat, in the user's format, and parses what the user types
 * with DateTime.fromFormat. Under the Jalali calendar both speak Jalali; the
 * serialisation to the server (toFormat with the "latn" numbering system,
 * fromSQL/fromISO) stays Gregorian ISO.
 */
patch(DateTime.prototype, {
    toFormat(format, options = {}) {
        if (!settings.jalali || !this.isValid || options.numberingSystem === "latn") {
            return super.toFormat(format, options);
        }
        return super.toFormat(toJalaliFormat(this, format), options);
    },
});

patch(DateTime, {
    fromFormat(text, format, options = {}) {
        if (settings.jalali && typeof text === "string") {
            const gregorian = jalaliInputToGregorian(text, format);
            if (gregorian) {
                return super.fromFormat(gregorian.value, gregorian.format, {
                    ...options,
                    numberingSystem: "latn",
                });
            }
            if (/[0-9۰-۹٠-٩]/.test(text) && /[yMd]/.test(format)) {
                // A date that is not a Jalali date (1405/12/30 in a common
                // year): invalid, rather than read as a Gregorian one.
                return DateTime.invalid("not a Jalali date");
            }
        }
        if (settings.persianDigits && typeof text === "string") {
            return super.fromFormat(normalizeDigits(text), format, {
                ...options,
                numberingSystem: "latn",
            });
        }
        return super.fromFormat(text, format, options);
    },
});
