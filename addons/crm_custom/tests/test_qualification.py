# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import CrmRolesCase


@tagged("post_install", "-at_install")
class TestQualification(CrmRolesCase):
    def test_score_counts_the_answered_questions(self):
        lead = self.own_lead
        self.assertEqual(lead.qualification_score, 0)
        lead.write({"has_budget": "yes", "budget_amount": 1_000_000_000, "urgency": "high"})
        self.assertEqual(lead.qualification_score, 25)  # 3 of 12
        competitor = self.env["crm.competitor"].create({"name": "Test competitor ABC"})
        lead.write(
            {
                "pain_points": "Old technology",
                "purchase_requirements": "Efficiency",
                "desired_outcome": "Better workflows",
                "purchase_horizon": 3,
                "decision_maker_count": 2,
                "buying_process": "Committee review",
                "decision_role": "decision_maker",
                "competitor_line_ids": [
                    (0, 0, {"competitor_id": competitor.id, "advantage": "Configurable"})
                ],
                "objection_ids": [(0, 0, {"name": "Budget limits", "response": "Financing"})],
            }
        )
        self.assertEqual(lead.qualification_score, 100)
        lead.objection_ids.unlink()
        self.assertEqual(lead.qualification_score, 92)

    def test_score_is_groupable_and_averaged(self):
        self.own_lead.write({"has_budget": "yes", "urgency": "low", "decision_maker_count": 1})
        groups = self.env["crm.lead"]._read_group(
            [("id", "in", (self.own_lead | self.teammate_lead).ids)],
            ["qualification_score"],
            ["__count"],
        )
        self.assertEqual(sorted(score for score, _count in groups), [0, 25])
        [(average,)] = self.env["crm.lead"]._read_group(
            [("id", "in", (self.own_lead | self.teammate_lead).ids)],
            [],
            ["qualification_score:avg"],
        )
        self.assertAlmostEqual(average, 12.5)

    def test_negative_numbers_are_refused(self):
        for field in ("budget_amount", "purchase_horizon", "decision_maker_count"):
            with self.assertRaisesRegex(ValidationError, "cannot be negative"), self.cr.savepoint():
                self.own_lead.write({field: -1})
            self.env.invalidate_all()
            self.assertEqual(self.own_lead[field], 0, "the refused value must not be saved")

    def test_qualification_is_tracked(self):
        # Records created in this transaction are not tracked: commit their
        # creation's pending tracking first, as a real transaction would.
        self.cr.precommit.run()
        lead = self.own_lead.with_context(tracking_disable=False)
        lead.write({"urgency": "immediate", "has_budget": "no"})
        self.env.flush_all()
        self.cr.precommit.run()  # tracking messages are written at commit
        self.env.invalidate_all()
        tracked = lead.message_ids.tracking_value_ids.mapped("field_id.name")
        self.assertIn("urgency", tracked)
        self.assertIn("has_budget", tracked)

    def test_competitors_are_shared_and_reported(self):
        competitor = self.env["crm.competitor"].create({"name": "Test competitor Pars"})
        for lead in (self.own_lead, self.teammate_lead):
            lead.competitor_line_ids = [(0, 0, {"competitor_id": competitor.id})]
        self.assertEqual(competitor.lead_count, 2)
        found = self.env["crm.lead"].search(
            [("competitor_line_ids.competitor_id", "=", competitor.id)]
        )
        self.assertEqual(found, self.own_lead | self.teammate_lead)
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"), self.cr.savepoint():
            self.own_lead.competitor_line_ids = [(0, 0, {"competitor_id": competitor.id})]
            self.own_lead.flush_recordset()

    def test_lines_follow_the_visibility_of_their_lead(self):
        self._set_lead_visibility("own")
        foreign = self.env["crm.lead.objection"].create(
            {"lead_id": self.foreign_lead.id, "name": "Not our budget year"}
        )
        own = self.env["crm.lead.objection"].create({"lead_id": self.own_lead.id, "name": "Price"})
        Objection = self.env["crm.lead.objection"].with_user(self.salesperson)
        self.assertEqual(Objection.search([("id", "in", (own | foreign).ids)]), own)
        with self.assertRaises(AccessError):
            foreign.with_user(self.salesperson).read(["name"])
        self._set_lead_visibility("all")
        self.assertEqual(Objection.search([("id", "in", (own | foreign).ids)]), own | foreign)

    def test_support_cannot_read_objections(self):
        objection = self.env["crm.lead.objection"].create(
            {"lead_id": self.own_lead.id, "name": "Too expensive"}
        )
        with self.assertRaises(AccessError):
            objection.with_user(self.support).read(["name"])
        with self.assertRaises(AccessError):
            self.env["crm.competitor"].with_user(self.support).search([])
