import {registry} from "@web/core/registry";
import {stepUtils} from "@web_tour/tour_service/tour_utils";

// A salesperson types a new tag on a lead: it is created (as a proposal).
registry.category("web_tour.tours").add("crm_custom_tag_propose", {
    steps: () => [
        {
            trigger: ".o_form_view .o_field_widget[name='tag_ids'] input",
            run: "edit Tour courier tag",
        },
        {
            trigger: ".o_field_widget[name='tag_ids'] .o_m2o_dropdown_option_create a",
            run: "click",
        },
        {
            trigger:
                ".o_field_widget[name='tag_ids'] .o_tag:contains('Tour courier tag')",
        },
        ...stepUtils.saveForm(),
    ],
});

// A sales manager (tag moderator) replaces the proposal by an existing tag.
registry.category("web_tour.tours").add("crm_custom_tag_merge", {
    steps: () => [
        {
            trigger:
                ".o_data_row:contains('Tour courier tag') button[name='action_open_merge_wizard']",
            run: "click",
        },
        {
            trigger: ".modal .o_field_widget[name='target_tag_id'] input",
            run: "edit Shipped by",
        },
        {
            trigger: ".o-autocomplete--dropdown-item a:contains('Shipped by post')",
            run: "click",
        },
        {
            trigger:
                ".modal .o_field_widget[name='target_tag_id'] input:value('Shipped by post')",
        },
        {
            trigger: ".modal button[name='action_merge']",
            run: "click",
        },
        {
            trigger:
                ".o_breadcrumb .o_last_breadcrumb_item:contains('Shipped by post')",
        },
        {
            trigger: ".o-mail-Message:contains('Tour courier tag')",
        },
    ],
});

// The salesperson's lead now shows the surviving tag.
registry.category("web_tour.tours").add("crm_custom_tag_survivor", {
    steps: () => [
        {
            trigger:
                ".o_form_view .o_field_widget[name='tag_ids'] .o_tag:contains('Shipped by post')",
        },
        {
            trigger:
                ".o_form_view .o_field_widget[name='tag_ids']:not(:has(.o_tag:contains('Tour courier tag')))",
        },
        {
            // The logged customer event shows its tag in the chatter.
            trigger:
                ".o-mail-Message:contains('Parcel posted RR123') .o-crm-MessageTags .badge:contains('Shipped by post')",
        },
    ],
});

// A salesperson makes a personal tag from a lead's tag field: "Create and
// edit…" opens the tag dialog, which offers no System kind and shows a public
// tag as "Proposed"; then he finds the tag in his My Tags menu.
registry.category("web_tour.tours").add("crm_custom_tag_personal", {
    steps: () => [
        {
            trigger: ".o_form_view .o_field_widget[name='tag_ids'] input",
            run: "edit Tour private tag",
        },
        {
            trigger:
                ".o_field_widget[name='tag_ids'] .o_m2o_dropdown_option_create_edit a",
            run: "click",
        },
        {
            trigger:
                ".modal .o_field_widget[name='name'] input:value('Tour private tag')",
        },
        {
            // A public tag of his waits for a moderator: the status bar says so.
            trigger:
                ".modal .o_statusbar_status button.o_arrow_button_current:contains('Proposed')",
        },
        {
            trigger:
                ".modal .o_field_widget[name='kind'] select:not(:has(option:contains('System')))",
        },
        {
            trigger: ".modal .o_field_widget[name='kind'] select",
            run: "selectByLabel Personal",
        },
        {
            trigger: ".modal .o_form_button_save",
            run: "click",
        },
        {
            trigger:
                ".o_field_widget[name='tag_ids'] .o_tag:contains('Tour private tag')",
        },
        ...stepUtils.saveForm(),
    ],
});

// From the CRM app, the salesperson's "Sales › My Tags" lists his personal tag.
registry.category("web_tour.tours").add("crm_custom_tag_mine", {
    steps: () => [
        {
            trigger: ".o_menu_sections [data-menu-xmlid='crm.crm_menu_sales']",
            run: "click",
        },
        {
            trigger: ".dropdown-item[data-menu-xmlid='crm_custom.crm_tag_menu_mine']",
            run: "click",
        },
        {
            trigger:
                ".o_list_view .o_data_row:contains('Tour private tag'):contains('Personal')",
        },
    ],
});
