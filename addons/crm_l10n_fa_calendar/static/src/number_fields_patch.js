import {localization} from "@web/core/l10n/localization";
import {registry} from "@web/core/registry";
import {patch} from "@web/core/utils/patch";
import {FloatField} from "@web/views/fields/float/float_field";
import {IntegerField} from "@web/views/fields/integer/integer_field";
import {MonetaryField} from "@web/views/fields/monetary/monetary_field";
import {localDigits, normalizeDigits, settings} from "./jalali";

/**
 * Persian digits in the web client's number fields (integer, float,
 * monetary; forms, lists, kanban cards, list totals, pivot cells) for a user
 * who asked for them, and Persian or Arabic digits accepted when typed, with
 * the Arabic decimal and thousands separators (۱۲۳٫۵ is 123.5).
 *
 * Odoo's field components import formatFloat, parseInteger... by
 * destructuring: those bindings cannot be replaced after load. What can be
 * changed is looked up at call time: the components' formattedValue getters,
 * the "formatters" registry (list totals, pivot, kanban), and what the
 * fields' input hook reads, the input element's value.
 */

/** Typed number text with Latin digits and the user's separators. */
export function normalizeNumber(text) {
    return normalizeDigits(text)
        .replaceAll("\u066B", localization.decimalPoint)
        .replaceAll("\u066C", localization.thousandsSep || "");
}

const displayed = (value) => (typeof value === "string" ? localDigits(value) : value);

if (settings.persianDigits) {
    for (const Field of [IntegerField, FloatField, MonetaryField]) {
        patch(Field.prototype, {
            get formattedValue() {
                // An <input type="number"> gets the number itself, untouched.
                return displayed(super.formattedValue);
            },
        });
    }
    const formatters = registry.category("formatters");
    for (const type of ["integer", "float", "monetary"]) {
        const format = formatters.get(type);
        const localized = Object.assign(
            (...args) => displayed(format(...args)),
            format
        );
        formatters.add(type, localized, {force: true});
    }
}

// Odoo's input hook reads the input's value when the user changes it, and
// again when the record is saved: for the inputs of number fields that value
// reads with Latin digits, whatever digits the user sees and types.
const NUMBER_INPUTS =
    ".o_field_integer input, .o_field_float input, .o_field_monetary input";
const nativeValue = Object.getOwnPropertyDescriptor(
    HTMLInputElement.prototype,
    "value"
);

function readTypedDigits(ev) {
    const input = ev.target;
    if (!input.matches?.(NUMBER_INPUTS) || Object.hasOwn(input, "value")) {
        return;
    }
    Object.defineProperty(input, "value", {
        configurable: true,
        get() {
            return normalizeNumber(nativeValue.get.call(this));
        },
        set(value) {
            nativeValue.set.call(this, value);
        },
    });
}

// Before the field sees the focus; typing needs it.
document.addEventListener("focusin", readTypedDigits, true);
