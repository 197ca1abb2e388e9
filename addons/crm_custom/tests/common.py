# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import Command
from odoo.tests import new_test_user
from odoo.tests.common import TransactionCase

# The groups of the suite's roles (README, "Roles").
ROLE_GROUPS = {
    "marketing": "crm_custom.group_crm_marketing",
    "salesperson": "crm_custom.group_crm_sales_user",
    "sales_manager": "crm_custom.group_crm_sales_manager",
    "support": "crm_custom.group_crm_support",
    "accountant": "crm_custom.group_crm_accountant",
    "configurator": "crm_custom.group_crm_configurator",
}


class CrmRoleUsersMixin:
    """Users of the suite's roles for test classes built on another Odoo test
    case (invoicing, sales: their own company and partners), which cannot
    derive from CrmRolesCase."""

    @classmethod
    def _new_role_user(cls, role, login, company=None, extra_groups=(), **values):
        """A user of ``role`` (a key of ROLE_GROUPS), in ``company`` only when
        given (the company of an invoicing test case)."""
        if company:
            values.update(company_id=company.id, company_ids=[Command.set(company.ids)])
        groups = ",".join([ROLE_GROUPS[role], *extra_groups])
        return new_test_user(cls.env, login=login, groups=groups, **values)


class ForgetsCustomFieldsMixin:
    """For tests that create real fields: after the test's rollback, rebuild
    the models from the database so those fields leave the registry too."""

    def setUp(self):
        # Registered before the test's own rollback cleanup, so it runs after it.
        self.addCleanup(self._forget_custom_fields)
        super().setUp()

    def _forget_custom_fields(self):
        self.registry.setup_models(self.cr)
        self.registry.registry_invalidated = False
        self.registry.clear_all_caches()


class CrmRolesCase(CrmRoleUsersMixin, TransactionCase):
    """Real users of each role, and a small pipeline to try them on."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.marketing = cls._new_user("role_marketing", "crm_custom.group_crm_marketing")
        cls.salesperson = cls._new_user("role_salesperson", "crm_custom.group_crm_sales_user")
        cls.other_salesperson = cls._new_user(
            "role_other_salesperson", "crm_custom.group_crm_sales_user"
        )
        cls.outsider_salesperson = cls._new_user(
            "role_outsider_salesperson", "crm_custom.group_crm_sales_user"
        )
        cls.sales_manager = cls._new_user(
            "role_sales_manager", "crm_custom.group_crm_sales_manager"
        )
        cls.support = cls._new_user("role_support", "crm_custom.group_crm_support")
        cls.accountant = cls._new_user("role_accountant", "crm_custom.group_crm_accountant")
        cls.configurator = cls._new_user("role_configurator", "crm_custom.group_crm_configurator")

        cls.team = cls.env["crm.team"].create(
            {
                "name": "Role test team",
                "member_ids": [(4, cls.salesperson.id), (4, cls.other_salesperson.id)],
            }
        )
        cls.other_team = cls.env["crm.team"].create(
            {"name": "Other role test team", "member_ids": [(4, cls.outsider_salesperson.id)]}
        )
        cls.customer = cls.env["res.partner"].create({"name": "Role Test Customer"})
        Lead = cls.env["crm.lead"]
        cls.own_lead = Lead.create(cls._lead_values("Own lead", cls.salesperson, cls.team))
        cls.teammate_lead = Lead.create(
            cls._lead_values("Teammate lead", cls.other_salesperson, cls.team)
        )
        cls.foreign_lead = Lead.create(
            cls._lead_values("Other team lead", cls.outsider_salesperson, cls.other_team)
        )
        cls.unassigned_lead = Lead.create(
            cls._lead_values("Unassigned lead", cls.env["res.users"], cls.other_team)
        )

    @classmethod
    def _new_user(cls, login, groups):
        return new_test_user(
            cls.env, login=login, groups=groups, name=login.replace("_", " ").title()
        )

    @classmethod
    def _lead_values(cls, name, user, team):
        return {
            "name": name,
            "type": "opportunity",
            "partner_id": cls.customer.id,
            "user_id": user.id,
            "team_id": team.id,
        }

    @classmethod
    def _set_lead_visibility(cls, visibility):
        settings = cls.env["res.config.settings"].create({"crm_lead_visibility": visibility})
        settings.execute()

    def visible_leads(self, user):
        probes = self.own_lead | self.teammate_lead | self.foreign_lead | self.unassigned_lead
        return self.env["crm.lead"].with_user(user).search([("id", "in", probes.ids)])
