# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install", "crm_suite_http")
class TestTagTour(HttpCase):
    def test_propose_merge_and_see_the_surviving_tag(self):
        salesperson = new_test_user(
            self.env, login="tour_tag_salesperson", groups="crm_custom.group_crm_sales_user"
        )
        new_test_user(
            self.env, login="tour_tag_manager", groups="crm_custom.group_crm_sales_manager"
        )
        survivor = self.env["crm.tag"].create({"name": "Shipped by post"})
        lead = self.env["crm.lead"].create(
            {"name": "Tour: parcel for Tabriz", "type": "opportunity", "user_id": salesperson.id}
        )
        self.start_tour(
            f"/odoo/crm.lead/{lead.id}", "crm_custom_tag_propose", login="tour_tag_salesperson"
        )
        proposed = lead.tag_ids
        self.assertEqual(proposed.name, "Tour courier tag")
        self.assertEqual(proposed.state, "proposed")

        self.start_tour(
            "/odoo/action-crm_custom.crm_tag_action_moderation",
            "crm_custom_tag_merge",
            login="tour_tag_manager",
        )
        self.assertFalse(proposed.exists())
        self.assertEqual(lead.tag_ids, survivor)
        self.env["crm.customer.event.log"].create(
            {
                "res_model": "crm.lead",
                "res_id": lead.id,
                "body": "Parcel posted RR123",
                "tag_ids": [(6, 0, survivor.ids)],
            }
        ).action_log()

        self.start_tour(
            f"/odoo/crm.lead/{lead.id}", "crm_custom_tag_survivor", login="tour_tag_salesperson"
        )

    def test_salesperson_makes_a_personal_tag_from_the_tag_field(self):
        salesperson = new_test_user(
            self.env, login="tour_personal_salesperson", groups="crm_custom.group_crm_sales_user"
        )
        lead = self.env["crm.lead"].create(
            {"name": "Tour: personal tag", "type": "opportunity", "user_id": salesperson.id}
        )
        self.start_tour(
            f"/odoo/crm.lead/{lead.id}", "crm_custom_tag_personal", login=salesperson.login
        )
        tag = lead.tag_ids
        self.assertEqual(
            (tag.name, tag.kind, tag.owner_id), ("Tour private tag", "personal", salesperson)
        )
        self.start_tour("/odoo/crm", "crm_custom_tag_mine", login=salesperson.login)
