import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

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
            trigger: ".o_field_widget[name='tag_ids'] .o_tag:contains('Tour courier tag')",
        },
        ...stepUtils.saveForm(),
    ],
});

// A sales manager (tag moderator) replaces the proposal by an existing tag.
registry.category("web_tour.tours").add("crm_custom_tag_merge", {
    steps: () => [
        {
            trigger: ".o_data_row:contains('Tour courier tag') button[name='action_open_merge_wizard']",
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
            trigger: ".modal .o_field_widget[name='target_tag_id'] input:value('Shipped by post')",
        },
        {
            trigger: ".modal button[name='action_merge']",
            run: "click",
        },
        {
            trigger: ".o_breadcrumb .o_last_breadcrumb_item:contains('Shipped by post')",
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
            trigger: ".o_form_view .o_field_widget[name='tag_ids'] .o_tag:contains('Shipped by post')",
        },
        {
            trigger: ".o_form_view .o_field_widget[name='tag_ids']:not(:has(.o_tag:contains('Tour courier tag')))",
        },
        {
            // the logged customer event shows its tag in the chatter
            trigger: ".o-mail-Message:contains('Parcel posted RR123') .o-crm-MessageTags .badge:contains('Shipped by post')",
        },
    ],
});
