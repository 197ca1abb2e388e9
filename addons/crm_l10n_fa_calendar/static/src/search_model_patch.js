import {SearchModel} from "@web/search/search_model";
import {patch} from "@web/core/utils/patch";
import {JalaliMoment, settings} from "./jalali";

/**
 * The search panel's date filters ("this month", Q1, the year, "previous
 * period") are computed from the search model's reference moment: a Jalali
 * one makes them the Jalali month, quarter and year, with Jalali names.
 */
patch(SearchModel.prototype, {
    setup() {
        super.setup(...arguments);
        if (settings.jalali) {
            this.referenceMoment = new JalaliMoment(this.referenceMoment);
        }
    },
});
