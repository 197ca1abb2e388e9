# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Issuing telephony API keys as the users who do it: who may issue what."""

from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, HttpCase, new_test_user, tagged

from odoo.addons.crm_custom.tests.common import CrmRolesCase

KEY_ACTION = "/odoo/action-crm_telephony.crm_phone_api_key_action"


@tagged("post_install", "-at_install", "crm_suite_http")
class TestApiKeyIssuanceTour(HttpCase):
    """Through the form, as clicked: the secret is read once and works."""

    def test_telephony_admin_issues_a_pbx_key(self):
        admin = new_test_user(
            self.env,
            login="tel_key_admin",
            groups="crm_custom.group_crm_sales_user,crm_telephony.group_crm_telephony_admin",
        )
        self.start_tour(KEY_ACTION, "crm_telephony_pbx_key_tour", login="tel_key_admin")
        key = self.env["crm.phone.api.key"].search([("name", "=", "Office PBX")])
        self.assertRecordValues(key, [{"kind": "pbx", "user_id": admin.id, "active": True}])
        self.assertTrue(key.sudo().hmac_secret)
        # The tour's signed request was accepted and recorded.
        self.assertTrue(
            self.env["crm.phone.call"].sudo().search([("pbx_call_id", "=", "tour-key-call")])
        )
        self.assertNotIn("crm.phone.api.key.secret", self.env, "no stored plaintext secrets")

    def test_employee_issues_a_mobile_key_for_himself(self):
        employee = new_test_user(
            self.env, login="tel_key_employee", groups="crm_custom.group_crm_sales_user"
        )
        self.start_tour(KEY_ACTION, "crm_telephony_mobile_key_tour", login="tel_key_employee")
        key = self.env["crm.phone.api.key"].search([("name", "=", "My phone")])
        self.assertRecordValues(key, [{"kind": "mobile", "user_id": employee.id}])
        self.assertTrue(key.sudo().token_hash)


@tagged("post_install", "-at_install")
class TestApiKeyRights(CrmRolesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.telephony_admin = cls._new_user(
            "role_telephony_admin", "crm_telephony.group_crm_telephony_admin"
        )
        Key = cls.env["crm.phone.api.key"]
        cls.own_key = Key.with_user(cls.salesperson).create({"name": "Salesperson phone"})

    def test_employee_cannot_create_a_pbx_key(self):
        Key = self.env["crm.phone.api.key"].with_user(self.salesperson)
        with self.assertRaisesRegex(AccessError, "Only telephony administrators"):
            Key.create({"name": "Rogue PBX", "kind": "pbx"})
        # Nor through the form: the kind is not his to choose.
        form = Form(Key)
        form.name = "Rogue PBX"
        with self.assertRaises(AssertionError):
            form.kind = "pbx"

    def test_employee_creates_mobile_keys_for_himself_only(self):
        Key = self.env["crm.phone.api.key"].with_user(self.support)
        form = Form(Key)
        form.name = "Support phone"
        key = form.save()
        self.assertRecordValues(key, [{"kind": "mobile", "user_id": self.support.id}])
        with self.assertRaisesRegex(AccessError, "for yourself only"):
            Key.create({"name": "Colleague phone", "user_id": self.salesperson.id})

    def test_owner_cannot_turn_his_key_into_a_pbx_key_or_hand_it_over(self):
        key = self.own_key.with_user(self.salesperson)
        for values in ({"kind": "pbx"}, {"user_id": self.other_salesperson.id}):
            with self.subTest(values=values), self.assertRaises(AccessError):
                key.write(values)
        self.assertRecordValues(self.own_key, [{"kind": "mobile", "user_id": self.salesperson.id}])
        key.name = "Renamed phone"
        self.assertEqual(self.own_key.name, "Renamed phone")

    def test_revocation_is_final_for_the_owner(self):
        key = self.own_key.with_user(self.salesperson)
        key.action_revoke()
        self.assertFalse(self.own_key.active)
        with self.assertRaisesRegex(AccessError, "revoked key stays revoked"):
            key.write({"active": True})
        with self.assertRaises(AccessError):
            key.action_unarchive()
        with self.assertRaisesRegex(UserError, "revoked"):
            key.action_generate_secret()
        self.assertFalse(self.own_key.active)

    def test_secret_shown_to_its_issuer_only_and_never_stored(self):
        action = self.own_key.with_user(self.salesperson).action_generate_secret()
        self.assertEqual(action["type"], "ir.actions.client")
        token = action["params"]["secret"]
        self.assertTrue(token.startswith(self.own_key.key_id + "."))
        self.assertEqual(self.env["crm.phone.api.key"]._crm_find_bearer(token), self.own_key)
        # Colleagues can neither see the key nor issue its secret.
        with self.assertRaises(AccessError):
            self.own_key.with_user(self.other_salesperson).action_generate_secret()
        with self.assertRaises(AccessError):
            self.own_key.with_user(self.other_salesperson).read(["name"])
        self.assertNotIn("crm.phone.api.key.secret", self.env)

    def test_telephony_admin_manages_pbx_keys(self):
        Key = self.env["crm.phone.api.key"].with_user(self.telephony_admin)
        form = Form(Key)
        form.name = "Asterisk"
        form.kind = "pbx"
        key = form.save()
        action = key.action_generate_secret()
        self.assertEqual(key.sudo().hmac_secret, action["params"]["secret"])
        self.own_key.with_user(self.telephony_admin).write({"active": False})
        self.own_key.with_user(self.telephony_admin).write({"active": True})
        self.assertTrue(self.own_key.active)

    def test_employee_cannot_issue_the_secret_of_a_pbx_key_he_owns(self):
        pbx = self.env["crm.phone.api.key"].create(
            {"name": "Bridge", "kind": "pbx", "user_id": self.salesperson.id}
        )
        with self.assertRaises(AccessError):
            pbx.with_user(self.salesperson).action_generate_secret()
        with self.assertRaises(AccessError):
            pbx.with_user(self.salesperson).write({"name": "Mine"})
