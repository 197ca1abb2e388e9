# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import HttpCase, tagged

from odoo.addons.crm_custom.tests.common import CrmRolesCase

from .common import PortalDataMixin, activate_lang


@tagged("post_install", "-at_install", "crm_suite_http")
class TestPortalTour(PortalDataMixin, CrmRolesCase, HttpCase):
    """In Chromium: the customer logs in, opens his request, sends the CV his
    step asks for, and sees the step done and the new status."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_cv_step()

    def assert_done(self):
        self.assertEqual(self.step.state, "done")
        self.assertEqual(self.step.attachment_ids.name, "cv.pdf")
        self.assertEqual(self.request.stage_id, self.stage_review)

    def test_customer_sends_his_cv(self):
        activate_lang(self.env, "en_US")
        self.customer_user.lang = "en_US"
        # The login page's language (the company's default) stays the portal's.
        self.env["ir.default"].set("res.partner", "lang", "en_US")
        self.env.ref("base.public_user").lang = "en_US"
        self.start_tour(
            "/web/login?redirect=/my",
            "crm_portal_customer_step",
            cookies={"frontend_lang": "en_US"},
        )
        self.assert_done()

    def test_customer_sends_his_cv_in_persian(self):
        activate_lang(self.env, "fa_IR")
        self.customer_user.lang = "fa_IR"
        self.env["ir.default"].set("res.partner", "lang", "fa_IR")
        self.env.ref("base.public_user").lang = "fa_IR"
        self.stage_review.with_context(lang="fa_IR").customer_name = "در حال بررسی"
        # A Persian visitor: the portal's language is the visitor's (Odoo's
        # frontend_lang cookie, as chosen before logging in).
        self.start_tour(
            "/web/login?redirect=/my",
            "crm_portal_customer_step_fa",
            cookies={"frontend_lang": "fa_IR"},
        )
        self.assert_done()
