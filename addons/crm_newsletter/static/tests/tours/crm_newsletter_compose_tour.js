/** @odoo-module **/
// A marketing user composes an issue with two news items, previews it,
// picks an audience segment and sends it.
import {registry} from "@web/core/registry";

function addItem(headline, link) {
    return [
        {
            content: "Add a news item",
            trigger: ".o_field_widget[name=item_ids] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            content: "Its headline",
            trigger:
                ".o_field_widget[name=item_ids] .o_selected_row .o_field_widget[name=headline] input",
            run: `edit ${headline}`,
        },
        {
            content: "Its link",
            trigger:
                ".o_field_widget[name=item_ids] .o_selected_row .o_field_widget[name=link_url] input",
            run: `edit ${link}`,
        },
    ];
}

registry.category("web_tour.tours").add("crm_newsletter_compose", {
    url: "/odoo/action-crm_newsletter.crm_newsletter_issue_action",
    steps: () => [
        {content: "New issue", trigger: ".o_list_button_add", run: "click"},
        {
            content: "Title",
            trigger: ".o_field_widget[name=name] input",
            run: "edit Tour issue",
        },
        {
            content: "Newsletter",
            trigger: ".o_field_widget[name=newsletter_id] input",
            run: "edit Tour newsletter",
        },
        {
            trigger: ".o-autocomplete--dropdown-item a:contains(Tour newsletter)",
            run: "click",
        },
        {
            content: "Send to a segment",
            trigger: ".o_field_widget[name=target] input[data-value=segment]",
            run: "click",
        },
        {
            content: "The segment",
            trigger: ".o_field_widget[name=segment_id] input",
            run: "edit Tour segment",
        },
        {
            trigger: ".o-autocomplete--dropdown-item a:contains(Tour segment)",
            run: "click",
        },
        ...addItem("First tour item", "https://example.com/first"),
        ...addItem("Second tour item", "https://example.com/second"),
        {content: "Save", trigger: ".o_form_button_save", run: "click"},
        {trigger: ".o_form_saved"},
        {content: "Preview tab", trigger: "a.nav-link:contains(Preview)", run: "click"},
        {
            content: "Preview in the Persian language",
            trigger: ".o_field_widget[name=preview_lang] select",
            run: 'select "fa_IR"',
        },
        {
            content: "Open the preview",
            trigger: "button[name=action_preview]",
            run: "click",
        },
        {content: "Send", trigger: "button[name=action_send]", run: "click"},
        {content: "Confirm", trigger: ".modal-footer .btn-primary", run: "click"},
        {
            content: "The issue is in mass mailing's queue",
            trigger:
                ".o_statusbar_status button.o_arrow_button_current:contains(Scheduled)",
        },
    ],
});
