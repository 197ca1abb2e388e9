/** @odoo-module **/
// Copyright 2026 CRM Suite Developers
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

import {Component, onWillStart} from "@odoo/owl";
import {user} from "@web/core/user";
import {useService} from "@web/core/utils/hooks";
import {patch} from "@web/core/utils/patch";
import {PhoneField} from "@web/views/fields/phone/phone_field";

const DIALABLE_MODELS = ["res.partner", "crm.lead"];

/** Places the call through the PBX (or the user's mobile app) and logs it. */
export class CrmDialButton extends Component {
    static template = "crm_telephony.DialButton";
    static props = ["*"];

    setup() {
        this.orm = useService("orm");
        this.notification = useService("notification");
        // Sales and support take calls (the roles table); nobody else dials.
        onWillStart(async () => {
            const groups = [
                "sales_team.group_sale_salesman",
                "crm_custom.group_crm_support",
            ];
            const has = await Promise.all(groups.map((group) => user.hasGroup(group)));
            this.isAgent = has.some(Boolean);
        });
    }

    get visible() {
        const {record, name} = this.props;
        return (
            this.isAgent &&
            DIALABLE_MODELS.includes(record.resModel) &&
            Boolean(record.data[name])
        );
    }

    async onClick() {
        const {record, name} = this.props;
        if (!(await record.save())) {
            return;
        }
        const message = await this.orm.call(
            record.resModel,
            "action_crm_dial",
            [[record.resId]],
            {
                field_name: name,
            }
        );
        this.notification.add(message, {type: "success"});
    }
}

patch(PhoneField, {
    components: {...PhoneField.components, CrmDialButton},
});
