# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, models

# The group the Sales / User role implies for each visibility choice; "own"
# relies on Odoo's own rule of salespeople (own and unassigned leads).
VISIBILITY_GROUPS = {
    "team": "crm_custom.group_crm_lead_visibility_team",
    "all": "sales_team.group_sale_salesman_all_leads",
}


class ResGroups(models.Model):
    _inherit = "res.groups"

    @api.model
    def _crm_lead_visibility(self):
        sales_user = self.env.ref("crm_custom.group_crm_sales_user")
        for visibility, xmlid in VISIBILITY_GROUPS.items():
            if self.env.ref(xmlid) in sales_user.implied_ids:
                return visibility
        return "own"

    @api.model
    def _crm_set_lead_visibility(self, visibility):
        """Make the Sales / User role imply the group of ``visibility`` only.

        Removing an implied group also takes its users out of it (unless
        another of their groups implies it), so the change applies at once.
        """
        sales_user = self.env.ref("crm_custom.group_crm_sales_user").sudo()
        for choice, xmlid in VISIBILITY_GROUPS.items():
            group = self.env.ref(xmlid).sudo()
            if choice == visibility:
                sales_user._apply_group(group)
            else:
                sales_user._remove_group(group)
