/** @odoo-module **/
// Copyright 2026 CRM Suite Developers
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
// The sales funnel: leads that reached each stage, conversion and drop-off,
// this period against the previous one (Odoo Community has no funnel view).
import {Component, onWillStart, useState} from "@odoo/owl";
import {registry} from "@web/core/registry";
import {useService} from "@web/core/utils/hooks";
import {user} from "@web/core/user";
import {_t} from "@web/core/l10n/translation";
import {deserializeDate, formatDate} from "@web/core/l10n/dates";
import {RecordSelector} from "@web/core/record_selectors/record_selector";
import {Layout} from "@web/search/layout";

/**
 * How a user reads a funnel period: "December 2026" or "Q4 2026", and its
 * first and last day (inclusive). Only Odoo's date helpers are used, so that a
 * calendar addon (e.g. Jalali) can patch this object to switch calendars.
 */
export const funnelPeriods = {
    title(period, from) {
        const date = deserializeDate(from);
        if (period === "quarter") {
            return _t("Q%(quarter)s %(year)s", {
                quarter: date.quarter,
                year: date.toFormat("yyyy"),
            });
        }
        return date.toFormat("LLLL yyyy");
    },
    range(from, to) {
        const last = deserializeDate(to).minus({days: 1});
        return `${formatDate(deserializeDate(from))} – ${formatDate(last)}`;
    },
};

export class CrmFunnelAction extends Component {
    static template = "crm_custom.FunnelAction";
    static components = {Layout, RecordSelector};
    static props = ["*"];

    setup() {
        this.orm = useService("orm");
        this.action = useService("action");
        this.state = useState({
            teamId: false,
            period: "month",
            userId: false,
            sourceId: false,
            campaignId: false,
            tagId: false,
            data: null,
        });
        this.periods = [
            ["month", _t("This month vs last month")],
            ["quarter", _t("This quarter vs last quarter")],
        ];
        // Autocompleting inputs: names are searched as the user types, never
        // loaded all at once.
        this.filters = [
            {
                key: "userId",
                model: "res.users",
                domain: [["share", "=", false]],
                placeholder: _t("All salespeople"),
            },
            {
                key: "sourceId",
                model: "utm.source",
                domain: [],
                placeholder: _t("All sources"),
            },
            {
                key: "campaignId",
                model: "utm.campaign",
                domain: [],
                placeholder: _t("All campaigns"),
            },
            {key: "tagId", model: "crm.tag", domain: [], placeholder: _t("All tags")},
        ];
        this.sides = [
            ["current", _t("Current period")],
            ["previous", _t("Previous period")],
        ];
        onWillStart(async () => {
            this.state.teamId = await this.defaultTeam();
            await this.load();
        });
    }

    /** The user's own sales team, else the first team he may read. */
    async defaultTeam() {
        const [me] = await this.orm.read("res.users", [user.userId], ["sale_team_id"]);
        if (me.sale_team_id) {
            return me.sale_team_id[0];
        }
        const [first] = await this.orm.search("crm.team", [], {limit: 1});
        return first || false;
    }

    async load() {
        if (!this.state.teamId) {
            this.state.data = null;
            return;
        }
        const ids = (value) => (value ? [value] : []);
        this.state.data = await this.orm.call(
            "crm.lead.stage.history",
            "get_funnel_data",
            [
                this.state.teamId,
                this.state.period,
                ids(this.state.sourceId),
                ids(this.state.campaignId),
                ids(this.state.userId),
                ids(this.state.tagId),
            ]
        );
    }

    async onSelect(key, value) {
        this.state[key] = value || false;
        await this.load();
    }

    async onPeriod(ev) {
        this.state.period = ev.target.value;
        await this.load();
    }

    periodTitle(block) {
        return funnelPeriods.title(this.state.period, block.from);
    }

    periodRange(block) {
        return funnelPeriods.range(block.from, block.to);
    }

    barWidth(stages, row) {
        const top = Math.max(...stages.map((stage) => stage.reached), 1);
        return `height: 1.2em; width: ${(row.reached / top) * 100}%`;
    }

    percent(value) {
        return value === null || value === undefined ? "—" : `${value.toFixed(1)} %`;
    }

    /** The leads counted as having reached ``row``: those of the period whose
     * furthest stage is this one or a later one of the pipeline. */
    leadsDomain(block, index) {
        const domain = [
            ["team_id", "=", this.state.teamId],
            [
                "furthest_stage_id",
                "in",
                block.stages.slice(index).map((row) => row.stage_id),
            ],
            ["create_date", ">=", block.from],
            ["create_date", "<", block.to],
        ];
        for (const [key, field] of [
            ["sourceId", "source_id"],
            ["campaignId", "campaign_id"],
            ["userId", "user_id"],
            ["tagId", "tag_ids"],
        ]) {
            if (this.state[key]) {
                domain.push([field, "in", [this.state[key]]]);
            }
        }
        return domain;
    }

    openReached(block, index) {
        const row = block.stages[index];
        this.action.doAction({
            type: "ir.actions.act_window",
            name: _t("Reached %(stage)s – %(period)s", {
                stage: row.stage,
                period: this.periodTitle(block),
            }),
            res_model: "crm.lead",
            views: [
                [false, "list"],
                [false, "form"],
            ],
            domain: this.leadsDomain(block, index),
            context: {active_test: false, create: false},
        });
    }
}

registry.category("actions").add("crm_custom.funnel", CrmFunnelAction);
