# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from odoo.addons.crm_custom.tests.common import CrmRolesCase


@tagged("post_install", "-at_install")
class TestPbxExtension(CrmRolesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.agent = cls.salesperson

    def test_agent_sets_own_extension(self):
        self.agent.with_user(self.agent).write({"pbx_extension": "4021"})
        self.assertEqual(self.agent.pbx_extension, "4021")

    def test_extension_must_be_digits(self):
        with self.assertRaisesRegex(ValidationError, "must be digits"):
            self.agent.write({"pbx_extension": "21; DROP TABLE"})

    @mute_logger("odoo.sql_db")
    def test_extension_is_unique(self):
        self.agent.write({"pbx_extension": "4022"})
        other = self.support
        with self.assertRaises(IntegrityError):
            other.write({"pbx_extension": "4022"})
            other.flush_recordset()

    def test_multi_tenant_peer_names_are_extensions(self):
        """chan_sip / PJSIP peers named <extension>-<tenant> (SIP/9170-12-0000003c)."""
        self.agent.with_user(self.agent).write({"pbx_extension": "9170-12"})
        self.assertEqual(self.agent.pbx_extension, "9170-12")
        for bad in ("9170-", "-12", "9170-12-3c x", "SIP/9170"):
            with self.subTest(bad=bad), self.assertRaises(ValidationError):
                self.agent.write({"pbx_extension": bad})


@tagged("post_install", "-at_install")
class TestOnlyAgentsTakeCalls(CrmRolesCase):
    """A portal customer (or an employee who takes no calls) is no telephony agent."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.portal = new_test_user(cls.env, login="ext_portal", groups="base.group_portal")
        cls.customer = cls.env["res.partner"].create(
            {"name": "Dial Target", "phone": "+989121234567"}
        )

    def test_portal_user_cannot_set_his_extension_or_mobile_dialling(self):
        for values in ({"pbx_extension": "7999"}, {"crm_dial_on_mobile": True}):
            with self.subTest(values=values), self.assertRaises(AccessError):
                self.portal.with_user(self.portal).write(values)
        self.assertFalse(self.portal.sudo().pbx_extension)

    def test_nobody_gives_an_extension_to_a_portal_user(self):
        with self.assertRaisesRegex(ValidationError, "only internal users of sales or support"):
            self.portal.write({"pbx_extension": "7998"})

    def test_accountant_cannot_make_himself_an_agent(self):
        with self.assertRaises(AccessError):
            self.accountant.with_user(self.accountant).write({"pbx_extension": "7997"})

    def test_click_to_dial_is_for_agents(self):
        for user in (self.portal, self.accountant):
            partner = self.customer.with_user(user)
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                partner.action_crm_dial("phone")
        calls = self.env["crm.phone.call"].sudo().search([("to_number", "=", "+989121234567")])
        self.assertFalse(calls)

    def test_stale_extension_of_a_non_agent_rings_nobody(self):
        self.env.cr.execute(
            "UPDATE res_users SET pbx_extension = '7996' WHERE id = %s", [self.portal.id]
        )
        self.env.invalidate_all()
        Call = self.env["crm.phone.call"]
        self.assertFalse(Call._crm_agent_for_extension("7996"))
