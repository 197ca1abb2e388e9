/** @odoo-module **/
// Copyright 2026 CRM Suite Developers
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
// A ratio without a denominator (cost per lead of a campaign without leads,
// ROI of a campaign without cost) has no value: shown "—", not 0.00.
import {registry} from "@web/core/registry";
import {formatFloat} from "@web/core/utils/numbers";
import {FloatField, floatField} from "@web/views/fields/float/float_field";

export function formatRatio(value, options = {}) {
    if (value === null || value === undefined || value === false) {
        return "—";
    }
    return formatFloat(value, {digits: options.digits || [16, 2]});
}

export class CrmRatioField extends FloatField {
    get formattedValue() {
        // Per lead the ratios are not defined (the SQL view leaves them empty).
        return formatRatio(this.props.record.data[this.props.name] || null, {
            digits: this.props.digits,
        });
    }
}

registry.category("formatters").add("crm_ratio", formatRatio);
registry.category("fields").add("crm_ratio", {...floatField, component: CrmRatioField});
