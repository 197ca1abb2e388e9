import {user} from "@web/core/user";
import {settings} from "./jalali";

/**
 * Graph, pivot and list views group dates by month, quarter and year on the
 * server; a user who reads the Jalali calendar asks for Jalali ones with this
 * context key (models/base.py), sent with every call of his web client. His
 * labels ("آذر 1405") and the groups' bounds then come Jalali from the server.
 */
if (settings.jalali) {
    user.updateContext({group_calendar: "jalali"});
}
