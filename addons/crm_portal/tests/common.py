# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import new_test_user

from odoo.addons.crm_custom.tests.common import CrmRolesCase

FIELDS = [
    {"name": "position", "string": "Position", "type": "char"},
    {"name": "years", "string": "Years", "type": "integer"},
    {"name": "letter", "string": "Letter", "type": "char"},
    {"name": "start", "string": "Start", "type": "date"},
    {
        "name": "shift",
        "string": "Shift",
        "type": "selection",
        "selection": [["day", "Day"], ["night", "Night"]],
    },
    {"name": "hr_status", "string": "Status", "type": "char"},
    {"name": "rating", "string": "Rating", "type": "integer"},
]


class PortalDataMixin:
    """A request type with stages and field rules, two portal customers of
    different companies and a request each."""

    @classmethod
    def _setup_portal_data(cls):
        env = cls.env
        cls.customer_user = new_test_user(
            env,
            login="club_customer",
            groups="base.group_portal",
            name="Club Customer",
            email="club.customer@example.com",
        )
        cls.other_user = new_test_user(
            env,
            login="club_other",
            groups="base.group_portal",
            name="Other Customer",
            email="club.other@example.com",
        )
        cls.customer = cls.customer_user.partner_id
        cls.other_customer = cls.other_user.partner_id
        cls.request_type = env["crm.portal.request.type"].create(
            {
                "name": "Test application",
                "prefix": "TST/",
                "create_lead": False,
                "field_definitions": FIELDS,
            }
        )
        Stage = env["crm.portal.request.stage"]
        cls.stage_new = Stage.create(
            {
                "type_id": cls.request_type.id,
                "sequence": 1,
                "name": "New (internal)",
                "customer_name": "Received",
            }
        )
        cls.stage_review = Stage.create(
            {
                "type_id": cls.request_type.id,
                "sequence": 2,
                "name": "Review",
                "customer_name": "Under review",
            }
        )
        cls.stage_hidden = Stage.create(
            {
                "type_id": cls.request_type.id,
                "sequence": 3,
                "name": "Committee",
                "customer_visible": False,
            }
        )
        cls.stage_done = Stage.create(
            {
                "type_id": cls.request_type.id,
                "sequence": 4,
                "name": "Done",
                "customer_name": "Finished",
                "is_closed": True,
            }
        )
        env["crm.portal.field.access"]._set_access_rules(
            cls.request_type.id,
            [
                ("position", "readonly", "Position"),
                ("years", "editable", "Years of experience"),
                ("letter", "readonly", "Letter", True),
                ("start", "editable", "Start date"),
                ("shift", "editable", "Shift"),
                ("hr_status", "readonly", "Status"),
            ],
            [("position", cls.stage_new.id, "editable")],
        )
        Request = env["crm.portal.request"]
        cls.request = Request.create(
            {
                "type_id": cls.request_type.id,
                "partner_id": cls.customer.id,
                "user_id": cls.salesperson.id,
                "properties": {
                    "position": "Engineer",
                    "years": 3,
                    "rating": 9,
                    "hr_status": "Waiting",
                },
            }
        )
        cls.other_request = Request.create(
            {
                "type_id": cls.request_type.id,
                "partner_id": cls.other_customer.id,
                "properties": {"position": "Designer", "years": 1},
            }
        )

    def answers(self, request):
        return dict(request.properties or {})

    @classmethod
    def _setup_cv_step(cls):
        """A salesperson, and the customer's open "send your CV" step that
        moves his request to review."""
        cls.salesperson = new_test_user(
            cls.env, login="club_sales", groups="crm_custom.group_crm_sales_user"
        )
        cls._setup_portal_data()
        cls.step = cls.env["crm.portal.step"].create(
            {
                "request_id": cls.request.id,
                "name": "Send your CV",
                "kind": "upload",
                "stage_after_id": cls.stage_review.id,
            }
        )


class PortalRolesCase(PortalDataMixin, CrmRolesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_portal_data()


def make_public_form(env, slug, **values):
    """A published form of a new request type with one question (the
    position, which the customer sees in his panel), its responsible a
    sales manager who sends the invitations."""
    staff = new_test_user(
        env,
        login=f"{slug}_staff",
        groups="sales_team.group_sale_manager",
        email=f"{slug}.staff@example.com",
    )
    request_type = env["crm.portal.request.type"].create(
        {
            "name": f"Type of {slug}",
            "field_definitions": [{"name": "position", "string": "Position", "type": "char"}],
        }
    )
    env["crm.portal.request.stage"].create(
        {"type_id": request_type.id, "name": "New", "customer_name": "Received"}
    )
    rule = request_type.field_access_ids.filtered(lambda r: r.field_name == "position")
    rule.access = "readonly"
    return env["crm.portal.form"].create(
        {
            "name": "Application",
            "slug": slug,
            "type_id": request_type.id,
            "user_id": staff.id,
            "is_published": True,
            "register_partner": True,
            "consent_text": "I agree.",
            "min_fill_seconds": 0,
            "field_ids": [(0, 0, {"access_rule_id": rule.id, "label": "Position"})],
            **values,
        }
    )
