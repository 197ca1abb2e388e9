# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""A public submission runs a small constant number of SQL statements,
whatever the number of questions and the size of the phone book (the
benchmark bench/bench_forms.py measures the same path over HTTP)."""

import uuid

from odoo.tests import TransactionCase, tagged
from odoo.tools.sql import index_exists

QUESTIONS = [(f"q{index}", "text") for index in range(8)] + [("years", "number")]
TYPES = {"text": "char", "number": "integer"}

# Our part of a post: the form and its questions (5), the email lookup (1),
# the request with its number, first stage and status (6), the submission
# (1); the rest are Odoo's own partner and lead creation (defaults, follower
# subtypes, predictive lead scoring, the IAP enrichment's trigger, looked up
# and not added again while one is waiting: ir_cron.py) and
# crm_custom's stage history row of the new lead (its furthest stage goes in
# the lead's own UPDATE).
SUBMISSION_QUERIES = 42


@tagged("post_install", "-at_install")
class TestFormQueries(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.public = env.ref("base.public_user")
        cls.request_type = env["crm.portal.request.type"].create(
            {
                "name": "Query count type",
                "create_lead": True,
                "field_definitions": [
                    {"name": name, "string": name.title(), "type": TYPES[kind]}
                    for name, kind in QUESTIONS
                ],
                "stage_ids": [(0, 0, {"name": "Received", "sequence": 1})],
            }
        )
        cls.rules = {r.field_name: r for r in cls.request_type.field_access_ids}
        cls.team = env["crm.team"].create({"name": "Query count team"})
        cls.campaign = env["utm.campaign"].create({"name": "Query count campaign"})

    def _form(self, names):
        form = self.env["crm.portal.form"].create(
            {
                "name": "Query count form",
                "type_id": self.request_type.id,
                "is_published": True,
                "register_partner": True,
                "team_id": self.team.id,
                "campaign_id": self.campaign.id,
                "consent_text": "I agree.",
                "field_ids": [
                    (0, 0, {"access_rule_id": self.rules[name].id, "label": name, "kind": kind})
                    for name, kind in names
                ],
            }
        )
        return form.with_user(self.public).sudo()

    def _submit(self, form):
        params = {
            "consent": "1",
            "contact_name": "Visitor",
            "contact_email": f"visitor-{uuid.uuid4().hex[:12]}@example.com",
        }
        for question in form.field_ids:
            params[f"field_{question.id}"] = "3" if question.kind == "number" else "text"
        return form._submit(params, {}, self.public, "en_US", "127.0.0.1")

    def _count_one(self, form):
        """The statements of one post as a worker runs it: nothing cached."""
        self._submit(form)  # the first post of a form creates its sequence etc.
        self.env.flush_all()
        self.env.invalidate_all()
        with self.assertQueryCount(SUBMISSION_QUERIES):
            submission = self._submit(form)
            self.env.flush_all()
        self.assertTrue(submission.request_id.lead_id)
        self.assertEqual(submission.campaign_id, self.campaign)

    def test_query_count_is_constant(self):
        self._count_one(self._form([("years", "number")]))
        self._count_one(self._form(QUESTIONS))

    def test_query_count_does_not_grow_with_the_phone_book(self):
        self.env["res.partner"].create(
            [{"name": f"Known {i}", "email": f"known-{i}@example.com"} for i in range(200)]
        )
        self._count_one(self._form([("years", "number")]))

    def test_email_lookup_has_an_index(self):
        self.assertTrue(index_exists(self.env.cr, "res_partner__email_normalized_index"))
