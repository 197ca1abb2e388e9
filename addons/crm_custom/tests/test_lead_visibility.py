# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The setting that decides which leads salespeople see."""

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import CrmRolesCase


@tagged("post_install", "-at_install")
class TestLeadVisibility(CrmRolesCase):
    def test_own_leads_only(self):
        self._set_lead_visibility("own")
        self.assertEqual(self.env["res.config.settings"].create({}).crm_lead_visibility, "own")
        self.assertEqual(self.visible_leads(self.salesperson), self.own_lead | self.unassigned_lead)
        with self.assertRaises(AccessError):
            self.teammate_lead.with_user(self.salesperson).write({"name": "Taken over"})

    def test_team_leads(self):
        self._set_lead_visibility("team")
        self.assertEqual(self.env["res.config.settings"].create({}).crm_lead_visibility, "team")
        self.assertEqual(
            self.visible_leads(self.salesperson),
            self.own_lead | self.teammate_lead | self.unassigned_lead,
        )
        self.teammate_lead.with_user(self.salesperson).write({"priority": "2"})
        with self.assertRaises(AccessError):
            self.foreign_lead.with_user(self.salesperson).read(["name"])

    def test_all_leads(self):
        self._set_lead_visibility("all")
        self.assertEqual(len(self.visible_leads(self.salesperson)), 4)

    def test_switching_back_takes_rights_away(self):
        self._set_lead_visibility("all")
        self._set_lead_visibility("own")
        self.assertFalse(self.salesperson.has_group("sales_team.group_sale_salesman_all_leads"))
        self.assertNotIn(self.foreign_lead, self.visible_leads(self.salesperson))

    def test_salesperson_cannot_change_the_setting(self):
        with self.assertRaises(AccessError):
            self.env["res.config.settings"].with_user(self.salesperson).create(
                {"crm_lead_visibility": "all"}
            )
