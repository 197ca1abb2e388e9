# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.exceptions import ValidationError
from odoo.tests import new_test_user, tagged
from odoo.tests.common import TransactionCase
from odoo.tools import mute_logger
from psycopg2 import IntegrityError


@tagged("post_install", "-at_install")
class TestPbxExtension(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.agent = new_test_user(
            cls.env, login="ext_agent", groups="crm_custom.group_crm_sales_user"
        )

    def test_agent_sets_own_extension(self):
        self.agent.with_user(self.agent).write({"pbx_extension": "4021"})
        self.assertEqual(self.agent.pbx_extension, "4021")

    def test_extension_must_be_digits(self):
        with self.assertRaisesRegex(ValidationError, "digits only"):
            self.agent.write({"pbx_extension": "21; DROP TABLE"})

    @mute_logger("odoo.sql_db")
    def test_extension_is_unique(self):
        self.agent.write({"pbx_extension": "4022"})
        other = new_test_user(self.env, login="ext_other", groups="base.group_user")
        with self.assertRaises(IntegrityError):
            other.write({"pbx_extension": "4022"})
            other.flush_recordset()
