import {localizationService} from "@web/core/l10n/localization_service";
import {patch} from "@web/core/utils/patch";
import {settings} from "./jalali";

const {Settings} = luxon;

patch(localizationService, {
    async start() {
        const localization = await super.start(...arguments);
        if (settings.jalali) {
            // The Iranian week starts on Saturday (Luxon's weekday 6).
            localization.weekStart = 6;
        } else {
            // Intl's default calendar for Persian is the Persian one: without
            // this, a Persian user who chose the Gregorian calendar reads
            // Jalali month names beside Gregorian days.
            Settings.defaultOutputCalendar = "gregory";
        }
        if (settings.persianDigits) {
            Settings.defaultNumberingSystem = "arabext";
        }
        return localization;
    },
});
