# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from unittest.mock import patch

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from odoo.addons.mail.tools.discuss import Store

from ..tools.tag_name import normalize_tag_name
from ..wizards.crm_tag_merge import CrmTagMerge
from .common import CrmRolesCase


class CrmTagsCase(CrmRolesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Tag = cls.env["crm.tag"]
        cls.moderator = cls._new_user("role_tag_moderator", "crm_custom.group_crm_tag_moderator")
        cls.parcel = cls.Tag.create({"name": "Postal parcel zz"})
        cls.envelope = cls.Tag.with_context(crm_tag_allow_similar=True).create(
            {"name": "Postal envelope zz"}
        )

    def _event_log(self, user, tags, body):
        """A *Log Customer Event* window on the own lead, filled by ``user``."""
        return (
            self.env["crm.customer.event.log"]
            .with_user(user)
            .create(
                {
                    "res_model": "crm.lead",
                    "res_id": self.own_lead.id,
                    "tag_ids": [Command.set(tags.ids)],
                    "body": body,
                }
            )
        )


@tagged("post_install", "-at_install")
class TestTagNormalisation(CrmTagsCase):
    def test_persian_and_arabic_variants_share_a_key(self):
        self.assertEqual(normalize_tag_name("مشتري كيفيت"), normalize_tag_name("مشتری کیفیت"))
        # ZWNJ, tatweel and harakat do not count; "آ" is read as "ا"
        self.assertEqual(normalize_tag_name("می\u200cخواهد"), normalize_tag_name("می خواهد"))
        self.assertEqual(normalize_tag_name("پـــستی"), normalize_tag_name("پستی"))
        self.assertEqual(normalize_tag_name("مُشتَری"), normalize_tag_name("مشتری"))
        self.assertEqual(normalize_tag_name("آب"), normalize_tag_name("اب"))
        self.assertEqual(normalize_tag_name("کد ۱۲۳"), "کد 123")
        self.assertEqual(normalize_tag_name("کد ١٢٣"), "کد 123")
        self.assertEqual(normalize_tag_name("  VIP   Customer! "), "vip customer")
        self.assertEqual(normalize_tag_name("ارسال بسته پستی"), "ارسال بسته پستی")

    def test_variant_of_an_existing_tag_is_refused_with_its_name(self):
        self.Tag.create({"name": "مشتری ویژه"})
        with self.assertRaisesRegex(ValidationError, "مشتری ویژه"):
            self.Tag.with_user(self.salesperson).create({"name": "مشتري  ويژه"})

    def test_near_duplicate_is_refused_and_offered_first(self):
        parcel = self.Tag.create({"name": "تحویل بسته فوری"})
        with self.assertRaisesRegex(ValidationError, "تحویل بسته فوری"):
            self.Tag.with_user(self.salesperson).create({"name": "تحویل پاکت فوری"})
        # autocomplete: the typed words find the existing look-alike first
        found = self.Tag.with_user(self.salesperson).name_search("تحويل پاکت فوري")
        self.assertEqual(found[0][0], parcel.id)
        found = self.Tag.with_user(self.salesperson).name_search("postal envelope zz")
        self.assertEqual(found[0][0], self.envelope.id)
        self.assertIn(self.parcel.id, [tag_id for tag_id, _name in found])


@tagged("post_install", "-at_install")
class TestTagKindsAndVisibility(CrmTagsCase):
    def test_personal_tag_is_invisible_and_unusable_for_others(self):
        mine = self.Tag.with_user(self.salesperson).create(
            {"name": "My hot prospects", "kind": "personal"}
        )
        self.assertEqual(mine.owner_id, self.salesperson)
        as_other = self.Tag.with_user(self.other_salesperson)
        self.assertFalse(as_other.search([("id", "=", mine.id)]))
        self.assertNotIn(mine.id, [i for i, _n in as_other.name_search("hot prospects")])
        with self.assertRaises(AccessError):
            as_other.browse(mine.id).read(["name"])
        lead = self.teammate_lead.with_user(self.other_salesperson)
        with self.assertRaisesRegex(ValidationError, "personal tag of another user"):
            lead.write({"tag_ids": [Command.link(mine.id)]})
        with self.assertRaisesRegex(ValidationError, "personal tag of another user"):
            lead.write({"tag_ids": [Command.set([mine.id])]})
        self.assertFalse(self.teammate_lead.tag_ids)
        # the owner uses it
        self.own_lead.with_user(self.salesperson).tag_ids = [Command.link(mine.id)]
        self.assertIn(mine, self.own_lead.tag_ids)
        # two users may both own a personal tag of the same name
        theirs = self.Tag.with_user(self.other_salesperson).create(
            {"name": "My hot prospects", "kind": "personal"}
        )
        self.assertNotEqual(theirs, mine)

    def test_system_tag_cannot_be_edited_or_deleted_by_users(self):
        system = self.env.ref("crm_custom.crm_tag_system_email_sent")
        for user in (self.salesperson, self.sales_manager):
            with self.assertRaises(UserError):
                system.with_user(user).write({"name": "Mail"})
            with self.assertRaises(UserError):  # AccessError is one too
                system.with_user(user).unlink()
        with self.assertRaises(UserError):
            self.Tag.with_user(self.sales_manager).create({"name": "Fake", "kind": "system"})

    def test_bad_names_get_clear_errors(self):
        as_user = self.Tag.with_user(self.salesperson)
        for bad in ("   ", "!!! ...", "؟،"):
            with self.assertRaisesRegex(ValidationError, "letters or digits"):
                as_user.create({"name": bad})
        with self.assertRaisesRegex(ValidationError, "at most 3 words"):
            as_user.create({"name": "one two three four"})
        self.env["ir.config_parameter"].set_param("crm_custom.tag_max_words", "4")
        self.assertTrue(as_user.create({"name": "one two three four"}))

    def test_personal_tag_proposed_for_publication(self):
        mine = self.Tag.with_user(self.salesperson).create(
            {"name": "Weekend buyers", "kind": "personal"}
        )
        with self.assertRaises(UserError):
            mine.with_user(self.salesperson).write({"kind": "public"})
        mine.with_user(self.salesperson).action_propose_publication()
        self.assertRecordValues(mine, [{"kind": "public", "state": "proposed", "owner_id": False}])
        self.assertTrue(self.Tag.with_user(self.other_salesperson).search([("id", "=", mine.id)]))
        with self.assertRaises(UserError):
            mine.with_user(self.other_salesperson).action_propose_publication()


@tagged("post_install", "-at_install")
class TestTagModeration(CrmTagsCase):
    def test_salesperson_proposes_moderator_approves(self):
        proposed = self.Tag.with_user(self.salesperson).create({"name": "Needs demo"})
        self.assertEqual(proposed.state, "proposed")
        with self.assertRaises(UserError):
            proposed.with_user(self.salesperson).action_approve()
        with self.assertRaises(AccessError):
            self.parcel.with_user(self.salesperson).write({"name": "Renamed"})
        proposed.with_user(self.moderator).action_approve()
        self.assertEqual(proposed.state, "approved")
        # the moderator renames; a moderator's own new tag is approved at once
        proposed.with_user(self.moderator).write({"name": "Needs a demo"})
        self.assertEqual(
            self.Tag.with_user(self.moderator).create({"name": "Xylo"}).state, "approved"
        )

    def test_reject_deletes_the_proposal(self):
        proposed = self.Tag.with_user(self.salesperson).create({"name": "Typo tagg"})
        self.own_lead.tag_ids = [Command.link(proposed.id)]
        proposed.with_user(self.moderator).action_reject()
        self.assertFalse(proposed.exists())
        self.assertFalse(self.own_lead.tag_ids)

    def test_usage_counts_and_similar_tags_for_the_moderator(self):
        self.own_lead.tag_ids = [Command.link(self.envelope.id)]
        self.teammate_lead.tag_ids = [Command.link(self.envelope.id)]
        message = self.customer.message_post(body="Sent", message_type="comment")
        message.crm_tag_ids = [Command.link(self.envelope.id)]
        # counted over what the reader may see: the sales manager sees both leads
        tag = self.envelope.with_user(self.sales_manager)
        self.assertEqual((tag.lead_count, tag.message_count, tag.usage_count), (2, 1, 3))
        self.assertIn(self.parcel.name, tag.with_user(self.moderator).similar_tag_names)

    def test_approval_setting_blocks_others_from_proposals(self):
        proposed = self.Tag.with_user(self.salesperson).create({"name": "Pending idea"})
        lead = self.teammate_lead.with_user(self.other_salesperson)
        lead.write({"tag_ids": [Command.link(proposed.id)]})  # usable by default
        lead.write({"tag_ids": [Command.clear()]})
        self.env["ir.config_parameter"].set_param("crm_custom.tag_approval_required", "True")
        with self.assertRaisesRegex(ValidationError, "waits for a moderator"):
            lead.write({"tag_ids": [Command.link(proposed.id)]})
        self.assertNotIn(
            proposed.id,
            [i for i, _n in self.Tag.with_user(self.other_salesperson).name_search("Pending")],
        )
        # its author still uses it
        self.own_lead.with_user(self.salesperson).write({"tag_ids": [Command.link(proposed.id)]})


@tagged("post_install", "-at_install")
class TestTagMerge(CrmTagsCase):
    def _references(self, tag):
        """Uses of ``tag`` per place, counted in SQL (no cache)."""
        self.env.flush_all()
        counts = {}
        many2many, many2one = self.env["crm.tag.merge"]._crm_tag_references()
        for table, _rec, column in many2many:
            self.env.cr.execute(f'SELECT count(*) FROM "{table}" WHERE "{column}" = %s', [tag.id])
            counts[table] = self.env.cr.fetchone()[0]
        for table, column in many2one:
            self.env.cr.execute(f'SELECT count(*) FROM "{table}" WHERE "{column}" = %s', [tag.id])
            counts[f"{table}.{column}"] = self.env.cr.fetchone()[0]
        return {key: value for key, value in counts.items() if value}

    def _tag_everything(self, tag):
        self.own_lead.tag_ids = [Command.link(tag.id)]
        self.foreign_lead.lost_reason_tag_ids = [Command.link(tag.id)]
        event = self.env["calendar.event"].create(
            {
                "name": "Visit",
                "start": "2026-01-05 10:00:00",
                "stop": "2026-01-05 11:00:00",
                "crm_tag_ids": [Command.link(tag.id)],
            }
        )
        message = self.customer.message_post(body="Parcel posted", message_type="comment")
        message.crm_tag_ids = [Command.link(tag.id)]
        activity = self.own_lead.activity_schedule(
            "mail.mail_activity_data_todo", summary="Post it", crm_tag_ids=[Command.link(tag.id)]
        )
        return event, message, activity

    def test_merge_repoints_every_reference_and_keeps_history(self):
        tables = [table for table, _rec, _tag in self.env["crm.tag.merge"]._crm_tag_references()[0]]
        self.assertIn("crm_tag_rel", tables)
        self.assertNotIn("crm_tag_merge_source_rel", tables)  # wizards are left out
        event, message, activity = self._tag_everything(self.envelope)
        # the lead already carries the target: the duplicate row must vanish
        self.own_lead.tag_ids = [Command.link(self.parcel.id)]
        before_source = self._references(self.envelope)
        before_target = self._references(self.parcel)
        self.assertEqual(
            before_source,
            {
                "crm_tag_rel": 1,
                "crm_lead_lost_reason_tag_rel": 1,
                "calendar_event_crm_tag_rel": 1,
                "mail_message_crm_tag_rel": 1,
                "mail_activity_crm_tag_rel": 1,
            },
        )
        self.assertEqual(before_target, {"crm_tag_rel": 1})
        wizard = (
            self.env["crm.tag.merge"]
            .with_user(self.moderator)
            .create(
                {
                    "source_tag_ids": [Command.set(self.envelope.ids)],
                    "target_tag_id": self.parcel.id,
                }
            )
        )
        wizard.action_merge()
        self.assertFalse(self.envelope.exists())
        after = self._references(self.parcel)
        self.assertEqual(after, {**before_source, "crm_tag_rel": 1})
        self.assertEqual(self.own_lead.tag_ids, self.parcel)
        self.assertEqual(self.foreign_lead.lost_reason_tag_ids, self.parcel)
        self.assertEqual(event.crm_tag_ids, self.parcel)
        self.assertEqual(message.crm_tag_ids, self.parcel)
        self.assertEqual(activity.crm_tag_ids, self.parcel)
        note = self.parcel.message_ids[:1]
        self.assertIn("Postal envelope zz", note.body)
        # 5 references, one was a duplicate on a lead that already had the target
        self.assertIn("References moved: 4", note.body)

    def test_merge_several_tags_at_once(self):
        third = self.Tag.with_context(crm_tag_allow_similar=True).create(
            {"name": "Parcel posted zz"}
        )
        self.own_lead.tag_ids = [Command.set([self.envelope.id, third.id])]
        self.teammate_lead.tag_ids = [Command.set([third.id])]
        self.env["crm.tag.merge"]._crm_merge_into(self.envelope | third, self.parcel)
        self.assertFalse((self.envelope | third).exists())
        self.assertEqual(self.own_lead.tag_ids, self.parcel)
        self.assertEqual(self.teammate_lead.tag_ids, self.parcel)

    def test_failure_halfway_leaves_every_reference(self):
        self._tag_everything(self.envelope)
        before_source = self._references(self.envelope)
        before_target = self._references(self.parcel)
        original = CrmTagMerge._crm_merge_many2many
        calls = []

        def fail_on_third_table(merge, tags, table, *args):
            calls.append(table)
            if len(calls) == 3:
                raise RuntimeError("disk full")
            return original(merge, tags, table, *args)

        with (
            patch.object(CrmTagMerge, "_crm_merge_many2many", fail_on_third_table),
            self.assertRaisesRegex(RuntimeError, "disk full"),
        ):
            self.env["crm.tag.merge"]._crm_merge_into(self.envelope, self.parcel)
        self.env.invalidate_all()
        self.assertEqual(len(calls), 3)
        self.assertTrue(self.envelope.exists())
        self.assertEqual(self._references(self.envelope), before_source)
        self.assertEqual(self._references(self.parcel), before_target)

    def test_only_moderators_merge(self):
        with self.assertRaises(AccessError):
            self.env["crm.tag.merge"].with_user(self.salesperson).create(
                {
                    "source_tag_ids": [Command.set(self.envelope.ids)],
                    "target_tag_id": self.parcel.id,
                }
            )
        with self.assertRaises(UserError):
            self.envelope.with_user(self.salesperson).action_open_merge_wizard()
        with self.assertRaises(UserError):
            self.env["crm.tag.merge"].with_user(self.moderator)._crm_merge_into(
                self.env.ref("crm_custom.crm_tag_system_email_sent"), self.parcel
            )


@tagged("post_install", "-at_install")
class TestSystemTagsOnHistory(CrmTagsCase):
    def test_email_to_customer_is_tagged(self):
        email_sent = self.env.ref("crm_custom.crm_tag_system_email_sent")
        self.customer.email = "customer@example.com"
        self.env.flush_all()  # recipients are read in SQL
        message = self.own_lead.message_post(
            body="Your quotation",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            partner_ids=self.customer.ids,
        )
        self.assertEqual(message.crm_tag_ids, email_sent)
        message = self.customer.message_post(
            body="Hello",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            partner_ids=self.customer.ids,
        )
        self.assertEqual(message.crm_tag_ids, email_sent)
        note = self.own_lead.message_post(body="internal", subtype_xmlid="mail.mt_note")
        self.assertFalse(note.crm_tag_ids)
        # a message to a colleague only is no email to a customer
        internal = self.own_lead.message_post(
            body="FYI",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            partner_ids=self.sales_manager.partner_id.ids,
        )
        self.assertFalse(internal.crm_tag_ids)
        # nor is a message to a customer without an email address
        nomail = self.env["res.partner"].create({"name": "No address"})
        message = self.own_lead.message_post(
            body="Hello",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            partner_ids=nomail.ids,
        )
        self.assertFalse(message.crm_tag_ids)
        # a customer following the lead gets the email too
        self.own_lead.message_subscribe(partner_ids=self.customer.ids)
        message = self.own_lead.message_post(
            body="Update", message_type="comment", subtype_xmlid="mail.mt_comment"
        )
        self.assertEqual(message.crm_tag_ids, email_sent)

    def test_sms_is_tagged_when_sms_is_installed(self):
        if "sms" not in self.env.registry._init_modules:
            self.skipTest("the sms module is not installed")
        message = self.own_lead._message_sms(
            "Your parcel is on its way", partner_ids=self.customer.ids
        )
        self.assertIn(self.env.ref("crm_custom.crm_tag_system_sms_sent"), message.crm_tag_ids)

    def test_call_hook_enriches_without_losing_manual_tags(self):
        message = self.customer.message_post(body="Call", message_type="comment")
        message.crm_tag_ids = [Command.link(self.parcel.id)]
        message._crm_apply_system_tags(["incoming_call"])
        self.assertEqual(
            message.crm_tag_ids,
            self.parcel | self.env.ref("crm_custom.crm_tag_system_incoming_call"),
        )

    def test_chatter_shows_tags_but_not_others_personal_ones(self):
        mine = self.Tag.with_user(self.salesperson).create(
            {"name": "Mine only", "kind": "personal"}
        )
        message = self.customer.message_post(body="Visit", message_type="comment")
        message.crm_tag_ids = [Command.link(self.parcel.id), Command.link(mine.id)]

        def chatter_tags(user):
            store = Store(message.with_user(user))
            data = store.get_result()["mail.message"]
            return [tag["name"] for tag in data[0]["crmTags"]]

        self.assertEqual(sorted(chatter_tags(self.salesperson)), ["Mine only", self.parcel.name])
        self.assertEqual(chatter_tags(self.other_salesperson), [self.parcel.name])

    def test_chatter_badges_of_a_page_take_a_fixed_number_of_queries(self):
        """The badges of a page of history entries are read in a fixed number
        of queries, whatever the number of entries (no query per message)."""
        messages = self.env["mail.message"]
        for index in range(12):
            message = self.customer.message_post(body=f"Visit {index}", message_type="comment")
            message.crm_tag_ids = [Command.link(self.parcel.id)]
            messages |= message

        def page(entries):
            self.env.invalidate_all()
            return Store(entries.with_user(self.salesperson)).get_result()["mail.message"]

        page(messages[:2])  # warms the access caches, as any request before
        self.env.invalidate_all()
        before = self.cr.sql_log_count
        page(messages[:2])
        two_entries = self.cr.sql_log_count - before
        with self.assertQueryCount(two_entries):
            entries = page(messages)
        self.assertEqual(len(entries), 12)
        self.assertTrue(all(entry["crmTags"][0]["id"] == self.parcel.id for entry in entries))

    def test_log_customer_event_with_tags(self):
        wizard = self._event_log(
            self.salesperson, self.parcel, "Parcel posted, tracking number RR123456789IR"
        )
        wizard.action_log()
        message = self.own_lead.message_ids.filtered(lambda m: "RR123456789IR" in m.body)
        self.assertEqual(message.crm_tag_ids, self.parcel)
        with self.assertRaises(AccessError):
            self.env["crm.customer.event.log"].with_user(self.salesperson).create(
                {"res_model": "crm.lead", "res_id": self.foreign_lead.id, "body": "x"}
            ).action_log()
        with self.assertRaises(UserError):
            self.env["crm.customer.event.log"].with_user(self.salesperson).create(
                {"res_model": "res.users", "res_id": self.salesperson.id, "body": "x"}
            ).action_log()

    def test_done_activity_passes_its_tags_to_the_history(self):
        activity = self.own_lead.activity_schedule(
            "mail.mail_activity_data_todo",
            summary="Post it",
            crm_tag_ids=[Command.link(self.parcel.id)],
            user_id=self.salesperson.id,
        )
        activity.with_user(self.salesperson).action_feedback(feedback="Posted")
        self.assertFalse(activity.exists())
        done = self.own_lead.message_ids.filtered(lambda m: m.mail_activity_type_id)[:1]
        self.assertEqual(done.crm_tag_ids, self.parcel)


@tagged("post_install", "-at_install")
class TestLostReasons(CrmTagsCase):
    def _lose(self, lead, tags, user, amount, date):
        lead.write({"expected_revenue": amount, "user_id": user.id})
        wizard = (
            self.env["crm.lead.lost"]
            .with_user(user)
            .create(
                {"lead_ids": [Command.set(lead.ids)], "reason_tag_ids": [Command.set(tags.ids)]}
            )
        )
        wizard.action_lost_reason_apply()
        lead.date_closed = fields.Datetime.to_datetime(date)

    def test_lost_wizard_and_failed_sale_report(self):
        price_reason = self.env["crm.lost.reason"].create({"name": "Price too high zz"})
        price = self.Tag.create(
            {"name": "Price too high", "is_lost_reason": True, "lost_reason_id": price_reason.id}
        )
        competitor = self.Tag.create({"name": "Went to competitor", "is_lost_reason": True})
        reasons_before = self.env["crm.lost.reason"].search_count([])
        Lead = self.env["crm.lead"]
        leads = [
            Lead.create(self._lead_values(f"Lost {i}", self.salesperson, self.team))
            for i in range(3)
        ]
        self._lose(leads[0], price, self.salesperson, 1000, "2026-01-10")
        self._lose(leads[1], price | competitor, self.salesperson, 2500, "2026-01-20")
        self.teammate_lead.user_id = self.other_salesperson
        self._lose(self.teammate_lead, competitor, self.other_salesperson, 400, "2026-02-03")
        # Odoo's lost reason follows the first tag linked to one, and none is
        # created for a tag that has none
        self.assertEqual(leads[0].lost_reason_id, price_reason)
        self.assertEqual(leads[1].lost_reason_id, price_reason)
        self.assertFalse(self.teammate_lead.lost_reason_id)
        self.assertEqual(self.env["crm.lost.reason"].search_count([]), reasons_before)
        self.assertFalse(leads[0].active)
        self.assertEqual(leads[1].lost_reason_tag_ids, price | competitor)
        self.env.flush_all()
        Report = self.env["crm.lost.reason.report"]
        rows = Report._read_group(
            [("tag_id", "in", (price | competitor).ids)],
            ["tag_id", "user_id", "date_lost:month"],
            ["__count", "lost_amount:sum"],
        )
        figures = {
            (tag.name, user.login, month.month): (count, amount)
            for tag, user, month, count, amount in rows
        }
        # by hand: price = lead 0 (1000) + lead 1 (2500) in January;
        # competitor = lead 1 (2500, salesperson, Jan) + teammate lead (400, other, Feb)
        self.assertEqual(
            figures,
            {
                ("Price too high", "role_salesperson", 1): (2, 3500.0),
                ("Went to competitor", "role_salesperson", 1): (1, 2500.0),
                ("Went to competitor", "role_other_salesperson", 2): (1, 400.0),
            },
        )
        # a salesperson sees only the figures of their own lost opportunities
        own = Report.with_user(self.other_salesperson).search([("tag_id", "=", competitor.id)])
        self.assertEqual(own.lead_id, self.teammate_lead)
        with self.assertRaises(AccessError):
            Report.with_user(self.support).search([])

    def test_lost_without_any_reason_is_refused(self):
        wizard = (
            self.env["crm.lead.lost"]
            .with_user(self.salesperson)
            .create({"lead_ids": [Command.set(self.own_lead.ids)]})
        )
        with self.assertRaisesRegex(UserError, "at least one reason"):
            wizard.action_lost_reason_apply()


@tagged("post_install", "-at_install")
class TestTagUsageReport(CrmTagsCase):
    def test_share_per_tag_and_kind_of_record(self):
        self.own_lead.tag_ids = [Command.link(self.parcel.id)]
        self.env["calendar.event"].create(
            {
                "name": "Visit",
                "start": "2026-01-05 10:00:00",
                "stop": "2026-01-05 11:00:00",
                "crm_tag_ids": [Command.set((self.parcel | self.envelope).ids)],
            }
        )
        message = self.customer.message_post(body="x", message_type="comment")
        message.crm_tag_ids = [Command.link(self.envelope.id)]
        self.env.flush_all()
        rows = (
            self.env["crm.tag.usage.report"]
            .with_user(self.sales_manager)
            ._read_group(
                [("tag_id", "in", (self.parcel | self.envelope).ids)],
                ["tag_id", "record_type"],
                ["__count"],
            )
        )
        self.assertEqual(
            {(tag.id, kind): count for tag, kind, count in rows},
            {
                (self.parcel.id, "lead"): 1,
                (self.parcel.id, "meeting"): 1,
                (self.envelope.id, "meeting"): 1,
                (self.envelope.id, "history"): 1,
            },
        )
        # clicking a tag opens the records carrying it
        action = self.parcel.action_view_events()
        self.assertEqual(
            self.env["calendar.event"].search(action["domain"]).crm_tag_ids,
            self.parcel | self.envelope,
        )
        with self.assertRaises(AccessError):
            self.env["crm.tag.usage.report"].with_user(self.support).search([])
