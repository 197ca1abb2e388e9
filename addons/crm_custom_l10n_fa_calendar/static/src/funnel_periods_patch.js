// Copyright 2026 CRM Suite Developers
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import {_t} from "@web/core/l10n/translation";
import {deserializeDate} from "@web/core/l10n/dates";
import {patch} from "@web/core/utils/patch";
import {funnelPeriods} from "@crm_custom/funnel/funnel_action";
import {JalaliMoment, localDigits, settings} from "@crm_l10n_fa_calendar/jalali";

/**
 * The funnel's periods are Jalali months and quarters for a user who reads
 * the Jalali calendar (the server cuts them so). Month titles and day ranges
 * already read Jalali through the calendar addon's Luxon formats; the quarter
 * is the Jalali quarter (Azar is in Q3), not Luxon's Gregorian one.
 */
patch(funnelPeriods, {
    title(period, from) {
        if (!settings.jalali || period !== "quarter") {
            return super.title(period, from);
        }
        const date = new JalaliMoment(deserializeDate(from));
        return _t("Q%(quarter)s %(year)s", {
            quarter: localDigits(date.quarter),
            year: date.toFormat("yyyy"),
        });
    },
});
