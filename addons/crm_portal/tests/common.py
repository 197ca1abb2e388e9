# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import new_test_user

from odoo.addons.crm_custom.tests.common import CrmRolesCase

# The fields of a job application, shared by the portal's and the forms' tests.
APPLICATION_FIELDS = [
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
]
FIELDS = [
    *APPLICATION_FIELDS,
    {"name": "hr_status", "string": "Status", "type": "char"},
    {"name": "rating", "string": "Rating", "type": "integer"},
]


def portal_customer(env, login, name, email=None):
    """A customer with a portal account (password = login)."""
    email = email or f"{login.replace('_', '.')}@example.com"
    return new_test_user(env, login=login, groups="base.group_portal", name=name, email=email)


def activate_lang(env, code):
    """Install a language as an administrator does; with Website, for its
    sites too (a site shows only its own languages)."""
    lang = env["res.lang"]._activate_lang(code)
    if "website" in env:
        env["website"].search([]).language_ids |= lang
    return lang


def visitor_in_english(env):
    """Pages of a public visitor (and new contacts) in English, whatever the
    database's languages."""
    activate_lang(env, "en_US")
    env.ref("base.public_user").lang = "en_US"
    env["ir.default"].set("res.partner", "lang", "en_US")


class PortalDataMixin:
    """A request type with stages and field rules, two portal customers of
    different companies and a request each."""

    @classmethod
    def _setup_portal_data(cls):
        env = cls.env
        cls.customer_user = portal_customer(env, "club_customer", "Club Customer")
        cls.other_user = portal_customer(env, "club_other", "Other Customer")
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
        """The customer's open "send your CV" step that moves his request to
        review (the salesperson is CrmRolesCase's)."""
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
