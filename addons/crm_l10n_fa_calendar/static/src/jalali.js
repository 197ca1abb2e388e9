import {
    isValidJalaaliDate,
    jalaaliMonthLength,
    toGregorian,
    toJalaali,
} from "@crm_l10n_fa_calendar/../lib/jalaali-js/jalaali";
import {session} from "@web/session";

const {DateTime} = luxon;

/**
 * The Jalali calendar and Persian digits of the web client. Conversions are
 * jalaali-js's; month names come from the browser's Intl (ICU) for the Jalali
 * month jalaali-js computed; the database keeps ISO dates: only what the user
 * reads and types is Jalali.
 */

export const settings = {
    jalali: Boolean(session.jalali_calendar),
    persianDigits: Boolean(session.persian_digits),
};

const PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹";
const ARABIC_DIGITS = "٠١٢٣٤٥٦٧٨٩";

/** Persian (۰-۹) and Arabic (٠-٩) digits to Latin ones. */
export function normalizeDigits(text) {
    return String(text).replace(/[۰-۹٠-٩]/g, (c) => {
        const index = PERSIAN_DIGITS.indexOf(c);
        return String(index >= 0 ? index : ARABIC_DIGITS.indexOf(c));
    });
}

/** Latin digits to Persian ones when the user asked for them. */
export function localDigits(text) {
    const latin = String(text);
    return settings.persianDigits
        ? latin.replace(/[0-9]/g, (c) => PERSIAN_DIGITS[c])
        : latin;
}

/** @param {DateTime} date @returns {{jy: number, jm: number, jd: number}} */
export function toJalali(date) {
    return toJalaali(date.year, date.month, date.day);
}

/** The start of the day (jy, jm, jd) in the zone and locale of `like`. */
export function fromJalali(jy, jm, jd, like = DateTime.local()) {
    const {gy, gm, gd} = toGregorian(jy, jm, jd);
    return like.set({year: gy, month: gm, day: gd}).startOf("day");
}

export function startOfJalaliMonth(date) {
    const {jy, jm} = toJalali(date);
    return fromJalali(jy, jm, 1, date);
}

export function endOfJalaliMonth(date) {
    const {jy, jm} = toJalali(date);
    return fromJalali(jy, jm, jalaaliMonthLength(jy, jm), date).endOf("day");
}

export function startOfJalaliYear(date) {
    return fromJalali(toJalali(date).jy, 1, 1, date);
}

export function endOfJalaliYear(date) {
    const {jy} = toJalali(date);
    return fromJalali(jy, 12, jalaaliMonthLength(jy, 12), date).endOf("day");
}

/** `date` moved by whole Jalali months and years, the day kept within the month. */
export function plusJalali(date, {year = 0, years = 0, month = 0, months = 0} = {}) {
    const {jy, jm, jd} = toJalali(date);
    const index = (jy + year + years) * 12 + (jm - 1) + month + months;
    const newYear = Math.floor(index / 12);
    const newMonth = (index % 12) + 1;
    const day = Math.min(jd, jalaaliMonthLength(newYear, newMonth));
    const {gy, gm, gd} = toGregorian(newYear, newMonth, day);
    return date.set({year: gy, month: gm, day: gd});
}

const monthNameCache = new Map();
/** The name of Jalali month `jm` in the user's language ("long" or "short"). */
export function jalaliMonthName(jm, locale, width = "long") {
    const key = `${locale}|${jm}|${width}`;
    if (!monthNameCache.has(key)) {
        const {gy, gm, gd} = toGregorian(1400, jm, 15);
        const formatter = new Intl.DateTimeFormat(`${locale}-u-ca-persian`, {
            month: width,
            timeZone: "UTC",
        });
        monthNameCache.set(key, formatter.format(new Date(Date.UTC(gy, gm - 1, gd))));
    }
    return monthNameCache.get(key);
}

// -----------------------------------------------------------------------------
// Luxon formats
// -----------------------------------------------------------------------------

/** Splits a Luxon format into tokens (runs of one letter) and literals. */
export function tokenizeFormat(format) {
    const parts = [];
    let i = 0;
    while (i < format.length) {
        const char = format[i];
        let j = i + 1;
        if (char === "'") {
            while (j < format.length && format[j] !== "'") {
                j++;
            }
            parts.push({literal: format.slice(i, j + 1)});
            i = j + 1;
            continue;
        }
        while (j < format.length && format[j] === char) {
            j++;
        }
        const text = format.slice(i, j);
        parts.push(/[a-z]/i.test(char) ? {token: text} : {literal: text});
        i = j;
    }
    return parts;
}

const quote = (text) => `'${String(text).replace(/'/g, "''")}'`;
const pad = (number, size) => String(number).padStart(size, "0");

/**
 * The text of each date token in the Jalali calendar, from the Jalali date
 * and the locale; the tokens that do not depend on the calendar (time,
 * weekday, zone) are not here and left to Luxon.
 */
const JALALI_TOKENS = {
    y: ({jy}) => localDigits(jy),
    yyyy: ({jy}) => localDigits(pad(jy, 4)),
    yy: ({jy}) => localDigits(pad(jy % 100, 2)),
    M: ({jm}) => localDigits(jm),
    MM: ({jm}) => localDigits(pad(jm, 2)),
    MMM: ({jm}, locale) => jalaliMonthName(jm, locale, "short"),
    MMMM: ({jm}, locale) => jalaliMonthName(jm, locale, "long"),
    d: ({jd}) => localDigits(jd),
    dd: ({jd}) => localDigits(pad(jd, 2)),
    q: ({jm}) => localDigits(Math.ceil(jm / 3)),
    qq: ({jm}) => localDigits(pad(Math.ceil(jm / 3), 2)),
};
// Luxon's stand-alone month tokens (L…) read as the format ones (M…).
for (const token of ["M", "MM", "MMM", "MMMM"]) {
    JALALI_TOKENS[token.replace(/M/g, "L")] = JALALI_TOKENS[token];
}

/** The Jalali text of a date token, or null for the calendar-free tokens. */
function jalaliTokenText(token, jalali, locale) {
    return Object.hasOwn(JALALI_TOKENS, token)
        ? JALALI_TOKENS[token](jalali, locale)
        : null;
}

// Luxon's localized date macros, spelled with the tokens above.
const DATE_MACROS = {
    D: "y/MM/dd",
    DD: "d MMM y",
    DDD: "d MMMM y",
    DDDD: "EEEE d MMMM y",
};

/**
 * A Luxon format where every date token of `format` is replaced by its
 * Jalali text for `date` (quoted), the others left to Luxon.
 */
export function toJalaliFormat(date, format) {
    const jalali = toJalali(date);
    const locale = date.locale || "fa-IR";
    return tokenizeFormat(format)
        .map(({token, literal}) => {
            if (literal !== undefined) {
                return literal;
            }
            if (token in DATE_MACROS) {
                return toJalaliFormat(date, DATE_MACROS[token]);
            }
            const text = jalaliTokenText(token, jalali, locale);
            return text === null ? token : quote(text);
        })
        .join("");
}

const DATE_TOKEN_PATTERNS = {
    y: "(\\d{1,4})",
    yyyy: "(\\d{4})",
    yy: "(\\d{2})",
    M: "(\\d{1,2})",
    MM: "(\\d{2})",
    d: "(\\d{1,2})",
    dd: "(\\d{2})",
};

const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

const unquote = (literal) => (literal.startsWith("'") ? literal.slice(1, -1) : literal);

/** The regular expression of a value typed with the tokenized format `parts`. */
function jalaliInputRegExp(parts) {
    let pattern = "^\\s*";
    for (const {token, literal} of parts) {
        if (literal === undefined) {
            pattern += DATE_TOKEN_PATTERNS[token] || "(.+?)";
        } else {
            const text = unquote(literal).trim();
            // Any of / . - separates the parts of a date, whichever the format uses.
            pattern += text
                ? escapeRegExp(text).replace(/\\\/|\\\.|-/g, "[/.\\-]")
                : "";
            pattern += "\\s*";
        }
    }
    return new RegExp(pattern + "\\s*$");
}

/** The year, month and day ({ y, M, d }) read from the groups of `match`. */
function readDateParts(parts, match) {
    const found = {};
    const tokens = parts
        .map((part) => part.token)
        .filter((token) => token !== undefined);
    tokens.forEach((token, index) => {
        if (token in DATE_TOKEN_PATTERNS) {
            found[token[0]] ??= Number(match[index + 1]);
        }
    });
    return found;
}

/**
 * The typed value rewritten with the Gregorian `date` ({ y, M, d }) in place
 * of its date parts, and the format to read it, as `{ value, format }`.
 */
function rewriteDateParts(parts, match, date) {
    const canonical = {y: "yyyy", M: "MM", d: "dd"};
    const values = [];
    const formats = [];
    let group = 0;
    for (const {token, literal} of parts) {
        if (literal !== undefined) {
            values.push(unquote(literal));
            formats.push(literal);
            continue;
        }
        group++;
        if (token in DATE_TOKEN_PATTERNS) {
            values.push(date[token[0]]);
            formats.push(canonical[token[0]]);
        } else {
            values.push(match[group]);
            formats.push(token);
        }
    }
    return {value: values.join(""), format: formats.join("")};
}

/**
 * Reads a value typed in the Jalali calendar with a numeric Luxon format
 * (the user's date format, with or without separators or leading zeros, in
 * Persian or Latin digits) and returns it rewritten in the Gregorian calendar,
 * as `{ value, format }` for Luxon to parse; or null when the value does not
 * fit the format or is not a real Jalali date.
 */
export function jalaliInputToGregorian(value, format) {
    const parts = tokenizeFormat(format);
    const dateTokens = parts
        .map((part) => part.token)
        .filter((token) => token in DATE_TOKEN_PATTERNS);
    if (
        !["y", "M", "d"].every((kind) => dateTokens.some((token) => token[0] === kind))
    ) {
        return null;
    }
    const match = jalaliInputRegExp(parts).exec(normalizeDigits(value));
    if (!match) {
        return null;
    }
    const found = readDateParts(parts, match);
    // A two-digit year is of this century: "05" is 1405.
    const jy = found.y < 100 ? found.y + 1400 : found.y;
    // Years outside 1000-1700 (1621-2321) are not Jalali years anybody types:
    // "2026-12-01" is an ISO date, left to Odoo's ISO fallback.
    if (jy < 1000 || jy > 1700 || !isValidJalaaliDate(jy, found.M, found.d)) {
        return null;
    }
    const {gy, gm, gd} = toGregorian(jy, found.M, found.d);
    return rewriteDateParts(parts, match, {
        y: pad(gy, 4),
        M: pad(gm, 2),
        d: pad(gd, 2),
    });
}

// -----------------------------------------------------------------------------
// Periods
// -----------------------------------------------------------------------------

const JALALI_UNITS = ["year", "quarter", "month", "day"];

function singular(unit) {
    return unit.endsWith("s") ? unit.slice(0, -1) : unit;
}

/**
 * A moment whose calendar fields (year, quarter, month, day) and period
 * arithmetic (plus/minus/set years, quarters and months, start and end of a
 * year, quarter or month) are Jalali, for code written against Luxon's
 * Gregorian ones, such as the search panel's "this month / quarter / year"
 * filters and their comparisons. start/endOf return real Luxon DateTimes (the
 * bounds sent to the server); everything else is Luxon's.
 */
export class JalaliMoment {
    constructor(dateTime) {
        this.dateTime = dateTime;
        return new Proxy(this, {
            get(target, key, receiver) {
                if (key in target) {
                    return Reflect.get(target, key, receiver);
                }
                const value = target.dateTime[key];
                return typeof value === "function"
                    ? value.bind(target.dateTime)
                    : value;
            },
        });
    }

    get year() {
        return toJalali(this.dateTime).jy;
    }

    get month() {
        return toJalali(this.dateTime).jm;
    }

    get day() {
        return toJalali(this.dateTime).jd;
    }

    get quarter() {
        return Math.ceil(this.month / 3);
    }

    get isValid() {
        return this.dateTime.isValid;
    }

    plus(duration = {}) {
        const calendar = {year: 0, month: 0};
        const rest = {};
        for (const [key, value] of Object.entries(duration)) {
            const unit = singular(key);
            if (unit === "year") {
                calendar.year += value;
            } else if (unit === "quarter") {
                calendar.month += 3 * value;
            } else if (unit === "month") {
                calendar.month += value;
            } else {
                rest[key] = value;
            }
        }
        return new JalaliMoment(plusJalali(this.dateTime, calendar).plus(rest));
    }

    minus(duration = {}) {
        return this.plus(
            Object.fromEntries(Object.entries(duration).map(([k, v]) => [k, -v]))
        );
    }

    set(values = {}) {
        const {jy, jm, jd} = toJalali(this.dateTime);
        const year = values.year ?? jy;
        const month = values.quarter
            ? (values.quarter - 1) * 3 + 1
            : (values.month ?? jm);
        const day = Math.min(values.day ?? jd, jalaaliMonthLength(year, month));
        const rest = Object.fromEntries(
            Object.entries(values).filter(([key]) => !JALALI_UNITS.includes(key))
        );
        return new JalaliMoment(
            fromJalali(year, month, day, this.dateTime).set({
                hour: this.dateTime.hour,
                minute: this.dateTime.minute,
                second: this.dateTime.second,
                millisecond: this.dateTime.millisecond,
                ...rest,
            })
        );
    }

    startOf(unit) {
        const {jy, jm} = toJalali(this.dateTime);
        switch (singular(unit)) {
            case "year":
                return fromJalali(jy, 1, 1, this.dateTime);
            case "quarter":
                return fromJalali(
                    jy,
                    3 * Math.floor((jm - 1) / 3) + 1,
                    1,
                    this.dateTime
                );
            case "month":
                return fromJalali(jy, jm, 1, this.dateTime);
        }
        return this.dateTime.startOf(unit);
    }

    endOf(unit) {
        const {jy, jm} = toJalali(this.dateTime);
        switch (singular(unit)) {
            case "year":
                return endOfJalaliYear(this.dateTime);
            case "quarter": {
                const last = 3 * Math.floor((jm - 1) / 3) + 3;
                return fromJalali(
                    jy,
                    last,
                    jalaaliMonthLength(jy, last),
                    this.dateTime
                ).endOf("day");
            }
            case "month":
                return endOfJalaliMonth(this.dateTime);
        }
        return this.dateTime.endOf(unit);
    }

    toFormat(format, options) {
        return this.dateTime.toFormat(format, options);
    }
}
