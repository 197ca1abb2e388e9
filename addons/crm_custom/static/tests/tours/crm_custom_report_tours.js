/** @odoo-module **/
// Copyright 2026 CRM Suite Developers
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
// What a sales manager, a salesperson and an accountant see on the report
// screens and the pipeline, in English and in Persian (right to left). Each
// tour exists once per language: `<name>_en`, `<name>_fa`.
import {registry} from "@web/core/registry";

const LABELS = {
    en: {
        funnel: "Sales Funnel",
        allSalespeople: "All salespeople",
        allCampaigns: "All campaigns",
        current: "Current period",
        reached: "Reached",
        leadsReached: "Leads Reached",
        analysis: "Sales Funnel Analysis",
        lostDeals: "Lost Deals",
        lostAmount: "Lost Amount",
        reasons: "Failed-Sale Reasons",
        tagUsage: "Tag Usage",
        noTagUse: "No tag use matches these filters",
        campaigns: "Campaign Cost and Conversion",
        costPerLead: "Cost per Lead",
        costPerWon: "Cost per Won Deal",
        workflow: "Workflow",
        invoiced: "Invoiced",
        paid: "Paid",
        linkInvoice: "Link an Invoice",
        quarterWord: "Q",
        createdOn: "Lead Created On",
        quarter: /^Q[1-4] \d{4}$/,
        month: /^[A-Z][a-z]+ \d{4}$/,
    },
    fa: {
        funnel: "قیف فروش",
        allSalespeople: "همهٔ فروشندگان",
        allCampaigns: "همهٔ کمپین‌ها",
        current: "دورهٔ جاری",
        reached: "رسیده",
        leadsReached: "سرنخ‌های رسیده",
        analysis: "تحلیل قیف فروش",
        lostDeals: "معامله‌های ازدست‌رفته",
        lostAmount: "مبلغ از دست رفته",
        reasons: "دلایل فروش ناموفق",
        tagUsage: "کاربرد برچسب‌ها",
        noTagUse: "هیچ کاربرد برچسبی با این فیلترها پیدا نشد",
        campaigns: "هزینه و نرخ تبدیل کمپین",
        costPerLead: "هزینه به ازای هر سرنخ",
        costPerWon: "هزینه به ازای هر معاملهٔ موفق",
        workflow: "گردش کار",
        invoiced: "فاکتور شده",
        paid: "پرداخت شده",
        linkInvoice: "پیوند دادن فاکتور",
        quarterWord: "سه‌ماههٔ",
        createdOn: "تاریخ ایجاد سرنخ",
        quarter: /^سه‌ماههٔ [۱-۴1-4] [۰-۹0-9]{4}$/,
        month: /^[^A-Za-z]+ [۰-۹0-9]{4}$/,
    },
};

function register(name, url, steps) {
    for (const [lang, labels] of Object.entries(LABELS)) {
        registry.category("web_tour.tours").add(`${name}_${lang}`, {
            url,
            steps: () => steps(labels, lang),
        });
    }
}

/** A step that fails unless ``check(element)`` holds. */
function expect(trigger, check, message) {
    return {
        trigger,
        run() {
            if (!check(this.anchor)) {
                throw new Error(`${message}: ${this.anchor.outerHTML.slice(0, 300)}`);
            }
        },
    };
}

const direction = (lang) =>
    expect(
        ".o_web_client",
        (el) => getComputedStyle(el).direction === (lang === "fa" ? "rtl" : "ltr"),
        "page direction"
    );

register(
    "crm_custom_report_funnel",
    "/odoo/action-crm_custom.crm_funnel_client_action",
    (t, lang) => [
        direction(lang),
        // A title in a breadcrumb, like every screen.
        {trigger: `.o_control_panel .o_breadcrumb .active:contains('${t.funnel}')`},
        // Autocompleting inputs, not lists of every record; translated.
        {
            trigger: `.o_crm_funnel_filter_userId .o-autocomplete input[placeholder='${t.allSalespeople}']`,
        },
        {
            trigger: `.o_crm_funnel_filter_campaignId input[placeholder='${t.allCampaigns}']`,
        },
        expect(
            ".o_crm_funnel_filters",
            (el) =>
                !el.querySelector(
                    "select.o_crm_funnel_team, select:not(.o_crm_funnel_period)"
                ),
            "no select of whole tables"
        ),
        {trigger: `.o_crm_funnel_team input:value(Tour report team)`},
        // The period as people read it, inclusive end.
        expect(
            ".o_crm_funnel_current .o_crm_funnel_period_name",
            (el) => t.month.test(el.textContent.trim()),
            "month title"
        ),
        {trigger: `.o_crm_funnel_current:contains('${t.current}')`},
        // Labels do not wrap.
        expect(
            ".o_crm_funnel_table:first thead",
            (el) => getComputedStyle(el.querySelector("th")).whiteSpace === "nowrap",
            "headers wrap"
        ),
        // A stage nobody reached draws no bar; a reached stage draws one.
        expect(
            ".o_crm_funnel_table:first tr:has(td:contains('Tour report won'))",
            (el) => !el.querySelector(".o_crm_funnel_bar"),
            "bar of an unreached stage"
        ),
        {
            trigger:
                ".o_crm_funnel_table:first tr:has(td:contains('Tour report second')) .o_crm_funnel_bar",
        },
        {trigger: "select.o_crm_funnel_period", run: "select quarter"},
        expect(
            `.o_crm_funnel_current .o_crm_funnel_period_name:contains('${t.quarterWord}')`,
            (el) => t.quarter.test(el.textContent.trim()),
            "quarter title"
        ),
        // Each reached count opens the list of those leads.
        {
            trigger:
                ".o_crm_funnel_table:first tr:has(td:contains('Tour report second')) .o_crm_funnel_reached a:contains(2)",
            run: "click",
        },
        {trigger: ".o_list_view .o_data_row:contains('Tour report lead 2')"},
        expect(
            ".o_list_view",
            (el) => el.querySelectorAll(".o_data_row").length === 2,
            "two leads reached the second stage"
        ),
        {trigger: `.o_breadcrumb a:contains('${t.funnel}')`},
    ]
);

register(
    "crm_custom_report_funnel_analysis",
    "/odoo/action-crm_custom.crm_funnel_report_action_my_team",
    (t, lang) => [
        direction(lang),
        {trigger: `.o_breadcrumb .active:contains('${t.analysis}')`},
        // One team: the user's.
        {trigger: ".o_searchview_facet:contains('Tour report team')"},
        {trigger: ".o_graph_view canvas"},
        {trigger: ".o_switch_view.o_pivot", run: "click"},
        // Count of leads that reached each stage, stages named with their team.
        {trigger: `.o_pivot thead th:contains('${t.leadsReached}')`},
        {trigger: ".o_pivot tbody th:contains('Tour report first (Tour report team)')"},
        expect(
            ".o_pivot tbody",
            (el) => {
                const names = [...el.querySelectorAll("th")].map((th) =>
                    th.textContent.trim()
                );
                const first = names.findIndex((name) =>
                    name.startsWith("Tour report first")
                );
                const second = names.findIndex((name) =>
                    name.startsWith("Tour report second")
                );
                return first >= 0 && first < second;
            },
            "stages in pipeline order"
        ),
    ]
);

register(
    "crm_custom_report_lost_reasons",
    "/odoo/action-crm_custom.crm_lost_reason_report_action",
    (t, lang) => [
        direction(lang),
        {trigger: `.o_breadcrumb .active:contains('${t.reasons}')`},
        {trigger: ".o_switch_view.o_pivot", run: "click"},
        // Deals counted first, the amount as the second measure.
        expect(
            ".o_pivot thead",
            (el) => {
                const measures = [...el.querySelectorAll(".o_pivot_measure_row")].map(
                    (th) => th.textContent.trim()
                );
                return measures[0] === t.lostDeals && measures.includes(t.lostAmount);
            },
            "deals first, amount second"
        ),
    ]
);

register(
    "crm_custom_report_tag_usage",
    "/odoo/action-crm_custom.crm_tag_usage_report_action",
    (t, lang) => [
        direction(lang),
        {trigger: `.o_breadcrumb .active:contains('${t.tagUsage}')`},
        // Opens on data, not on Odoo's faded sample chart.
        expect(
            ".o_graph_view",
            (el) =>
                el.querySelector("canvas") && !el.querySelector(".o_view_sample_data"),
            "data shown"
        ),
        {trigger: ".o_searchview_input", run: "edit NoSuchTagAnywhere"},
        {trigger: ".o_searchview_autocomplete"},
        {trigger: ".o_searchview_input", run: "press Enter"},
        {trigger: `.o_view_nocontent:contains('${t.noTagUse}')`},
        expect(
            ".o_graph_view",
            (el) => !el.querySelector(".o_view_sample_data"),
            "no sample data"
        ),
    ]
);

register(
    "crm_custom_report_campaigns",
    "/odoo/action-crm_custom.crm_campaign_cost_report_action",
    (t, lang) => [
        direction(lang),
        // A report, not a record: no "New", no save/discard.
        {trigger: `.o_breadcrumb .active:contains('${t.campaigns}')`},
        expect(
            ".o_action_manager",
            (el) => !el.querySelector(".o_form_button_save, .o_form_view"),
            "not a form"
        ),
        {trigger: ".o_pivot tbody th:contains('Tour report campaign')"},
        // Distinct labels; "—" where a ratio has no denominator.
        {trigger: `.o_pivot thead th:contains('${t.costPerLead}')`},
        {trigger: `.o_pivot thead th:contains('${t.costPerWon}')`},
        expect(
            ".o_pivot tbody tr:has(th:contains('Tour report quiet campaign'))",
            (el) => el.textContent.includes("—"),
            "no ratio without denominator"
        ),
        {trigger: ".o_searchview_dropdown_toggler", run: "click"},
        // The period filter.
        {trigger: `.o_filter_menu .o_menu_item:contains('${t.createdOn}')`},
        {trigger: ".o_switch_view.o_list", run: "click"},
        {trigger: ".o_list_view th[data-name='currency_id']"},
    ]
);

register(
    "crm_custom_report_pipeline_cards",
    "/odoo/action-crm.crm_lead_action_pipeline",
    (t, lang) => [
        direction(lang),
        {trigger: ".o_kanban_record:contains('Tour report workflow lead')"},
        // Two actions, two icons, each with its tooltip.
        expect(
            ".o_kanban_record:contains('Tour report workflow lead') .o_crm_workflow_next_done:has(.fa-check-circle-o)",
            (el) => el.title || el.dataset.tooltip,
            "next task tooltip"
        ),
        {
            trigger:
                ".o_kanban_record:contains('Tour report workflow lead') .o_crm_qualification_score[title] .fa-clipboard",
        },
        expect(
            ".o_kanban_record:contains('Tour report workflow lead') .o_crm_workflow_progress",
            (el) => {
                const text = el.textContent.replace(/\s+/g, " ").trim();
                return text.startsWith(t.workflow) && /(40|۴۰) %$/.test(text);
            },
            "labelled workflow percentage"
        ),
        // A long stage title wraps instead of being cut.
        expect(
            ".o_kanban_header:contains('Tour report a very long stage title') .o_column_title > span",
            (el) => getComputedStyle(el).whiteSpace === "normal",
            "stage title wraps"
        ),
    ]
);

// Started on the opportunity's form (its URL is given by the test).
register("crm_custom_report_lead_form", undefined, (t, lang) => [
    direction(lang),
    {trigger: ".o_form_view .o_form_sheet"},
    // The invoice buttons inside the button box, with icons.
    {
        trigger: `.o-form-buttonbox .o_crm_invoiced_button:contains('${t.invoiced}') .fa-pencil-square-o`,
    },
    {trigger: `.o-form-buttonbox .o_crm_paid_button:contains('${t.paid}') .fa-money`},
    // A phone number keeps its "+" at the start in right-to-left pages.
    expect(
        ".o_field_phone input, .o_field_phone a",
        (el) => getComputedStyle(el).direction === "ltr",
        "phone number isolated left to right"
    ),
    // "Link an invoice" from the opportunity.
    {
        trigger: `.o_form_statusbar button.o_crm_link_invoice:contains('${t.linkInvoice}')`,
        run: "click",
    },
    {trigger: ".modal .o_field_widget[name='invoice_id'] input"},
    {trigger: ".modal .modal-footer .btn-secondary", run: "click"},
    {trigger: "body:not(:has(.modal))"},
    {trigger: ".o-form-buttonbox .o_crm_invoiced_button", run: "click"},
    {trigger: ".o_data_row:first td.o_data_cell:eq(0)", run: "click"},
    // On the invoice itself, the opportunity is on the first tab.
    {
        trigger:
            ".o_form_view .o_group div[name='opportunity_id'] input:value(Tour report invoiced deal)",
    },
]);
