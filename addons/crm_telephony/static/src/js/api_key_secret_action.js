/** @odoo-module **/
// Copyright 2026 CRM Suite Developers
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

import {Component} from "@odoo/owl";
import {_t} from "@web/core/l10n/translation";
import {registry} from "@web/core/registry";
import {CopyButton} from "@web/core/copy_button/copy_button";

/**
 * Shows a new API secret once. The secret comes in the action's params, the
 * result of "Generate secret": the server keeps only its hash (mobile keys)
 * or the signing secret readable by administrators (PBX keys), never a
 * record holding the plaintext for other users to read.
 */
export class ApiKeySecretAction extends Component {
    static template = "crm_telephony.ApiKeySecretAction";
    static components = {CopyButton};
    static props = ["*"];

    get params() {
        return this.props.action.params || {};
    }

    get copiedText() {
        return _t("Copied");
    }
}

registry.category("actions").add("crm_telephony.api_key_secret", ApiKeySecretAction);
