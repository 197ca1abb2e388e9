/** @odoo-module **/
// Copyright 2026 CRM Suite Developers
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
// The sales funnel: leads that reached each stage, conversion and drop-off,
// this period against the previous one (Odoo Community has no funnel view).
import { Component, onWillStart, useState } from "@odoo/owl";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";
import { _t } from "@web/core/l10n/translation";

export class CrmFunnelAction extends Component {
    static template = "crm_custom.FunnelAction";
    static props = ["*"];

    setup() {
        this.orm = useService("orm");
        this.state = useState({
            teams: [],
            teamId: false,
            period: "month",
            users: [],
            userId: false,
            sources: [],
            sourceId: false,
            campaigns: [],
            campaignId: false,
            tags: [],
            tagId: false,
            data: null,
        });
        this.periods = [
            ["month", _t("This month vs last month")],
            ["quarter", _t("This quarter vs last quarter")],
        ];
        onWillStart(async () => {
            const [teams, users, sources, campaigns, tags] = await Promise.all([
                this.orm.searchRead("crm.team", [], ["display_name"]),
                this.orm.searchRead("res.users", [["share", "=", false]], ["display_name"]),
                this.orm.searchRead("utm.source", [], ["display_name"]),
                this.orm.searchRead("utm.campaign", [], ["display_name"]),
                this.orm.searchRead("crm.tag", [], ["display_name"]),
            ]);
            Object.assign(this.state, { teams, users, sources, campaigns, tags });
            this.state.teamId = teams.length ? teams[0].id : false;
            await this.load();
        });
    }

    async load() {
        if (!this.state.teamId) {
            return;
        }
        const ids = (value) => (value ? [value] : []);
        this.state.data = await this.orm.call("crm.lead.stage.history", "get_funnel_data", [
            this.state.teamId,
            this.state.period,
            ids(this.state.sourceId),
            ids(this.state.campaignId),
            ids(this.state.userId),
            ids(this.state.tagId),
        ]);
    }

    async onFilter(key, ev) {
        const value = ev.target.value;
        this.state[key] = key === "period" ? value : parseInt(value) || false;
        await this.load();
    }

    barWidth(stages, row) {
        const top = Math.max(...stages.map((stage) => stage.reached), 1);
        return `height: 1.2em; width: ${Math.max((row.reached / top) * 100, 1)}%`;
    }

    percent(value) {
        return value === null || value === undefined ? "—" : `${value.toFixed(1)} %`;
    }
}

registry.category("actions").add("crm_custom.funnel", CrmFunnelAction);
