# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The tag rules as each role meets them (issue 11, items 1-10 and 13; issue
19, items 6, 8 and 11 for tags): every test logs in as the user concerned."""

from lxml import etree

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.modules.migration import load_script
from odoo.tests import Form, new_test_user, tagged
from odoo.tools.safe_eval import safe_eval

from odoo.addons.mail.tools.discuss import Store

from .test_crm_tags import CrmTagsCase


@tagged("post_install", "-at_install")
class TestTagNamesAsTyped(CrmTagsCase):
    def test_zwnj_joins_a_word_it_does_not_split_it(self):
        Tag = self.Tag.with_user(self.salesperson)
        for name in (
            "ارسال پیش\u200cفاکتور مشتری",
            "فروش خرده\u200cفروشی حضوری",
            "پیگیری می\u200cشود فردا",
        ):
            self.assertEqual(Tag.create({"name": name, "kind": "personal"}).name, name)
        # four typed words stay too long, joined compounds or not
        with self.assertRaisesRegex(ValidationError, "at most 3 words"):
            Tag.create({"name": "ارسال پیش\u200cفاکتور به مشتری", "kind": "personal"})

    def test_the_tags_list_search_box_normalises_what_is_typed(self):
        tag = self.Tag.create({"name": "مشتری کلیدی ۱۲"})
        compound = self.Tag.create({"name": "پیش\u200cفاکتور zz"})
        Tag = self.Tag.with_user(self.salesperson)
        # what the search view's name field sends, typed on an Arabic
        # keyboard, with tatweel, ASCII digits, and with or without ZWNJ
        for typed in ("مشتري كليدي", "مشتری كليدي", "مشـتری کلیدی", "کلیدی 12", "كليدي ١٢"):
            with self.subTest(typed=typed):
                self.assertEqual(Tag.search([("name", "ilike", typed)]), tag)
        for typed in ("پیش فاکتور", "پیش\u200cفاکتور", "پيش\u200cفاكتور"):
            with self.subTest(typed=typed):
                self.assertEqual(Tag.search([("name", "ilike", typed)]), compound)
        self.assertNotIn(tag, Tag.search([("name", "not ilike", "مشتري كليدي")]))
        # the same through another model's search on the tag name
        self.own_lead.tag_ids = [Command.link(tag.id)]
        leads = self.env["crm.lead"].with_user(self.salesperson)
        self.assertEqual(leads.search([("tag_ids.name", "ilike", "مشتري كليدي")]), self.own_lead)
        # the search view no longer compares the raw text with the key
        arch = Tag.get_view(self.env.ref("crm_custom.crm_tag_view_search").id, "search")["arch"]
        name_field = etree.fromstring(arch).xpath("//field[@name='name']")[0]
        self.assertFalse(name_field.get("filter_domain"))


@tagged("post_install", "-at_install")
class TestTagsOnEveryTaggedForm(CrmTagsCase):
    """Each role opens each form that shows CRM tags."""

    def _roles(self):
        return {
            "marketing": self.marketing,
            "salesperson": self.salesperson,
            "sales_manager": self.sales_manager,
            "support": self.support,
            "accountant": self.accountant,
            "configurator": self.configurator,
        }

    def test_every_role_reads_the_tags_of_meetings_activities_and_leads(self):
        self.own_lead.tag_ids = [Command.link(self.parcel.id)]
        lead_readers = {"salesperson", "sales_manager", "accountant", "configurator"}
        for role, user in self._roles().items():
            with self.subTest(role=role):
                event = self.env["calendar.event"].create(
                    {
                        "name": f"Visit for {role}",
                        "start": "2026-03-02 10:00:00",
                        "stop": "2026-03-02 11:00:00",
                        "user_id": user.id,
                        "partner_ids": [Command.link(user.partner_id.id)],
                        "crm_tag_ids": [Command.link(self.parcel.id)],
                    }
                )
                form = Form(event.with_user(user))
                self.assertEqual(form.crm_tag_ids[0].name, self.parcel.name)

                activity = self.customer.activity_schedule(
                    "mail.mail_activity_data_todo",
                    summary=f"Post it for {role}",
                    user_id=user.id,
                    crm_tag_ids=[Command.link(self.parcel.id)],
                )
                form = Form(activity.with_user(user), view="mail.mail_activity_view_form_popup")
                self.assertEqual(form.crm_tag_ids[0].name, self.parcel.name)

                if role in lead_readers:
                    form = Form(self.own_lead.with_user(user))
                    self.assertEqual(form.tag_ids[0].name, self.parcel.name)
                else:
                    with self.assertRaises(AccessError):
                        self.own_lead.with_user(user).read(["tag_ids"])

    def test_others_personal_tags_stay_hidden_on_a_meeting(self):
        mine = self.Tag.with_user(self.salesperson).create(
            {"name": "My secret lead", "kind": "personal"}
        )
        event = (
            self.env["calendar.event"]
            .with_user(self.salesperson)
            .create(
                {
                    "name": "Shared visit",
                    "start": "2026-03-02 10:00:00",
                    "stop": "2026-03-02 11:00:00",
                    "crm_tag_ids": [Command.set((mine | self.parcel).ids)],
                }
            )
        )
        self.env.invalidate_all()
        as_support = event.with_user(self.support).read(["crm_tag_ids"])[0]
        self.assertEqual(as_support["crm_tag_ids"], self.parcel.ids)


@tagged("post_install", "-at_install")
class TestSystemTagsBySoftwareOnly(CrmTagsCase):
    def test_users_cannot_put_system_tags_on_records(self):
        email_sent = self.env.ref("crm_custom.crm_tag_system_email_sent")
        call = self.env.ref("crm_custom.crm_tag_system_incoming_call")
        lead = self.own_lead.with_user(self.salesperson)
        with self.assertRaisesRegex(ValidationError, "applied by the software"):
            lead.write({"tag_ids": [Command.link(email_sent.id)]})
        with self.assertRaisesRegex(ValidationError, "applied by the software"):
            self.env["calendar.event"].with_user(self.salesperson).create(
                {
                    "name": "Fake call",
                    "start": "2026-03-02 10:00:00",
                    "stop": "2026-03-02 11:00:00",
                    "crm_tag_ids": [Command.link(call.id)],
                }
            )
        wizard = self._event_log(self.salesperson, call, "Called him, honest")
        with self.assertRaisesRegex(ValidationError, "applied by the software"):
            wizard.action_log()
        self.assertFalse(self.own_lead.message_ids.filtered(lambda m: "honest" in (m.body or "")))
        # the software, running as the salesperson, still tags the history
        message = lead.message_post(body="Real call", message_type="comment")
        message._crm_apply_system_tags(["incoming_call"])
        self.assertEqual(message.crm_tag_ids, call)

    def test_tag_pickers_offer_no_system_tag(self):
        for model, view in (
            ("crm.lead", "crm.crm_lead_view_form"),
            ("calendar.event", "calendar.view_calendar_event_form"),
            ("mail.activity", "mail.mail_activity_view_form_popup"),
            ("crm.customer.event.log", "crm_custom.crm_customer_event_log_view_form"),
        ):
            with self.subTest(model=model):
                arch = (
                    self.env[model]
                    .with_user(self.salesperson)
                    .get_view(self.env.ref(view).id, "form")["arch"]
                )
                fields = etree.fromstring(arch).xpath(
                    "//field[@name='tag_ids' or @name='crm_tag_ids']"
                )
                self.assertTrue(fields)
                for field in fields:
                    self.assertIn("('kind', '!=', 'system')", field.get("domain"))

    def test_a_done_call_activity_gets_the_call_tag(self):
        activity = self.own_lead.activity_schedule(
            "mail.mail_activity_data_call",
            summary="Call back about the quote",
            user_id=self.salesperson.id,
            crm_tag_ids=[Command.link(self.parcel.id)],
        )
        activity.with_user(self.salesperson).action_feedback(feedback="He will sign")
        done = self.own_lead.message_ids.filtered(lambda m: "He will sign" in (m.body or ""))
        self.assertEqual(
            done.crm_tag_ids,
            self.parcel | self.env.ref("crm_custom.crm_tag_system_outgoing_call"),
        )
        # another kind of activity gets no call tag
        todo = self.own_lead.activity_schedule(
            "mail.mail_activity_data_todo", summary="Post it", user_id=self.salesperson.id
        )
        todo.with_user(self.salesperson).action_feedback(feedback="Posted zz")
        done = self.own_lead.message_ids.filtered(lambda m: "Posted zz" in (m.body or ""))
        self.assertFalse(done.crm_tag_ids)


@tagged("post_install", "-at_install")
class TestMergeTargets(CrmTagsCase):
    def _offered_targets(self, form):
        """The tags the wizard's "Replace By" field offers, its domain
        evaluated on the form's values as the web client does; checked
        against the rule the server applies."""
        domain = safe_eval(
            form._view["fields"]["target_tag_id"]["domain"],
            {
                "source_tag_ids": form.source_tag_ids.ids,
                "personal_owner_id": form.personal_owner_id.id,
            },
        )
        offered = self.Tag.with_user(self.moderator).search(domain)
        sources = self.Tag.browse(form.source_tag_ids.ids)
        expected = self.Tag.with_user(self.moderator).search(
            self.env["crm.tag.merge"]._crm_merge_target_domain(sources)
        )
        self.assertEqual(offered, expected.filtered(lambda t: t.kind != "system"))
        return offered

    def test_public_tag_is_never_merged_into_a_personal_one(self):
        own = self.Tag.with_user(self.moderator).create(
            {"name": "Moderator private", "kind": "personal"}
        )
        other_own = self.Tag.with_user(self.moderator).create(
            {"name": "Moderator other", "kind": "personal"}
        )
        self.teammate_lead.tag_ids = [Command.link(self.parcel.id)]
        Merge = self.env["crm.tag.merge"].with_user(self.moderator)
        form = Form(Merge.with_context(default_source_tag_ids=self.parcel.ids))
        # the wizard offers public tags only
        self.assertFalse(form.personal_owner_id)
        offered = self._offered_targets(form)
        self.assertIn(self.envelope, offered)
        self.assertNotIn(own, offered)
        form.target_tag_id = own
        wizard = form.save()
        with self.assertRaisesRegex(UserError, "not seen by everyone"):
            wizard.action_merge()
        self.assertEqual(self.teammate_lead.tag_ids, self.parcel)

        # personal tags may go into a public tag, or a personal one of the owner
        form = Form(Merge.with_context(default_source_tag_ids=own.ids))
        self.assertEqual(form.personal_owner_id, self.moderator)
        offered = self._offered_targets(form)
        self.assertIn(other_own, offered)
        self.assertIn(self.envelope, offered)
        form.target_tag_id = other_own
        form.save().action_merge()
        self.assertFalse(own.exists())


@tagged("post_install", "-at_install")
class TestTagFiguresFollowLeadVisibility(CrmTagsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._set_lead_visibility("own")
        for lead in (cls.own_lead, cls.foreign_lead):
            lead.tag_ids = [Command.link(cls.parcel.id)]
        cls.foreign_meeting = cls.env["calendar.event"].create(
            {
                "name": "Meeting on the other team's lead",
                "start": "2026-03-02 10:00:00",
                "stop": "2026-03-02 11:00:00",
                "opportunity_id": cls.foreign_lead.id,
                "user_id": cls.outsider_salesperson.id,
                "crm_tag_ids": [Command.link(cls.parcel.id)],
            }
        )

    def test_counters_of_a_tag_list_take_a_fixed_number_of_queries(self):
        many = self.Tag.with_context(crm_tag_allow_similar=True).create(
            [{"name": f"Counter{i} qq"} for i in range(12)]
        )
        self.foreign_lead.tag_ids = [Command.set(many.ids)]

        def queries(tags):
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            tags.with_user(self.salesperson).mapped("usage_count")
            return self.cr.sql_log_count - before

        queries(many[:2])  # warms the access caches, as any request before
        self.assertEqual(queries(many), queries(many[:2]))

    def test_the_leads_counter_counts_the_leads_the_user_sees(self):
        self.assertEqual(self.parcel.with_user(self.salesperson).lead_count, 1)
        self.env.invalidate_all()  # a new request of another user
        self.assertEqual(self.parcel.with_user(self.sales_manager).lead_count, 2)

    def test_tag_usage_report_shows_only_uses_on_visible_leads(self):
        self.env.flush_all()
        Report = self.env["crm.tag.usage.report"]
        domain = [("tag_id", "=", self.parcel.id)]
        rows = Report.with_user(self.salesperson).search_read(domain, ["lead_id", "user_id"])
        self.assertEqual({row["lead_id"][0] for row in rows}, {self.own_lead.id})
        groups = Report.with_user(self.salesperson).read_group(
            domain, ["user_id"], ["user_id"], lazy=False
        )
        self.assertNotIn(
            self.outsider_salesperson.id, [g["user_id"][0] for g in groups if g["user_id"]]
        )
        rows = Report.with_user(self.sales_manager).search(domain)
        self.assertEqual(rows.lead_id, self.own_lead | self.foreign_lead)
        self.assertEqual(set(rows.mapped("record_type")), {"lead", "meeting"})


@tagged("post_install", "-at_install")
class TestPersonalTagsOfASalesperson(CrmTagsCase):
    def test_menu_and_dialog_offer_what_a_salesperson_may_do(self):
        menu = self.env.ref("crm_custom.crm_tag_menu_mine")
        visible = self.env["ir.ui.menu"].with_user(self.salesperson)._visible_menu_ids()
        self.assertIn(menu.id, visible)
        Tag = (
            self.env["crm.tag"]
            .with_user(self.salesperson)
            .with_context(**safe_eval(menu.action.context))
        )
        # "New" in My Tags: a personal tag, his only
        form = Form(Tag)
        self.assertEqual(form.kind, "personal")
        form.name = "Golf partners"
        mine = form.save()
        self.assertEqual(
            (mine.kind, mine.owner_id, mine.state), ("personal", self.salesperson, "approved")
        )
        # "Create and edit…" from a tag field: a public tag is a proposal, as
        # the status bar shows before saving
        form = Form(self.env["crm.tag"].with_user(self.salesperson))
        self.assertEqual((form.kind, form.state), ("public", "proposed"))
        form.name = "Needs a demo"
        proposed = form.save()
        self.assertEqual(proposed.state, "proposed")
        # his list: his personal tags and proposals, not approved public ones
        domain = [("id", "in", (mine | proposed | self.parcel).ids)]
        search_arch = Tag.get_view(self.env.ref("crm_custom.crm_tag_view_search").id, "search")
        mine_filter = etree.fromstring(search_arch["arch"]).xpath("//filter[@name='mine']")[0]
        mine_domain = safe_eval(mine_filter.get("domain"), {"uid": self.salesperson.id})
        listed = Tag.search(domain + mine_domain)
        self.assertEqual(listed, mine | proposed)
        # he proposes his personal tag for everyone from its form
        mine.with_user(self.salesperson).action_propose_publication()
        self.assertEqual((mine.kind, mine.state), ("public", "proposed"))

        # the dialog offers no System kind, nor the moderators' fields
        arch = Tag.get_view(self.env.ref("sales_team.sales_team_crm_tag_view_form").id, "form")
        tree = etree.fromstring(arch["arch"])
        kind = tree.xpath("//field[@name='kind']")[0]
        self.assertEqual(kind.get("widget"), "filterable_selection")
        self.assertIn("'system'", kind.get("options"))
        self.assertFalse(tree.xpath("//field[@name='is_lost_reason']"))
        # the lead's tag fields open that dialog ("Create and edit…")
        arch = (
            self.env["crm.lead"]
            .with_user(self.salesperson)
            .get_view(self.env.ref("crm.crm_lead_view_form").id, "form")["arch"]
        )
        for field in etree.fromstring(arch).xpath("//field[@name='tag_ids']"):
            self.assertNotIn("no_create_edit", field.get("options") or "")

    def test_moderator_confirms_a_near_duplicate_himself(self):
        form = Form(self.env["crm.tag"].with_user(self.moderator))
        form.name = "Postal parcels zz"
        self.assertIn(self.parcel.name, form.similar_tag_names)
        form.crm_confirm_similar = True
        tag = form.save()
        self.assertEqual((tag.name, tag.state), ("Postal parcels zz", "approved"))
        # without the confirmation he is told how to confirm
        with self.assertRaisesRegex(ValidationError, "Not a Duplicate"):
            self.Tag.with_user(self.moderator).create({"name": "Postal parcel zy"})
        # a salesperson cannot confirm one
        with self.assertRaisesRegex(ValidationError, "ask a tag moderator"):
            self.Tag.with_user(self.salesperson).create(
                {"name": "Postal parcel zy", "crm_confirm_similar": True}
            )


@tagged("post_install", "-at_install")
class TestLostReasonTags(CrmTagsCase):
    def test_the_lost_window_offers_only_lost_reasons_and_links_odoo_reasons(self):
        high_price = self.env.ref("crm_custom.crm_tag_lost_high_price")
        seeds = (
            self.env.ref("crm_custom.crm_tag_lost_need_mismatch")
            | high_price
            | self.env.ref("crm_custom.crm_tag_lost_contract_terms")
        )
        self.assertTrue(all(seeds.mapped("is_lost_reason")))
        self.assertTrue(all(seeds.mapped("lost_reason_id")))
        system = self.env.ref("crm_custom.crm_tag_system_email_sent")
        Wizard = self.env["crm.lead.lost"].with_user(self.salesperson)
        form = Form(Wizard.with_context(default_lead_ids=self.own_lead.ids))
        picker = form._view["fields"]["reason_tag_ids"]["domain"]
        offered = self.Tag.with_user(self.salesperson).search(safe_eval(str(picker)))
        self.assertTrue(seeds <= offered)
        self.assertFalse(offered & (self.parcel | system))
        self.assertFalse(offered.filtered(lambda t: not t.is_lost_reason))

        reasons_before = self.env["crm.lost.reason"].search_count([])
        form.reason_tag_ids.add(high_price)
        # the onchange proposes the Odoo reason linked to the tag
        self.assertEqual(form.lost_reason_id, high_price.lost_reason_id)
        form.save().action_lost_reason_apply()
        self.assertEqual(self.own_lead.lost_reason_id, self.env.ref("crm.lost_reason_1"))
        self.assertEqual(self.own_lead.lost_reason_tag_ids, high_price)
        self.assertEqual(self.env["crm.lost.reason"].search_count([]), reasons_before)

    def test_any_other_tag_is_refused_as_a_lost_reason(self):
        lead = self.teammate_lead.with_user(self.salesperson)
        with self.assertRaisesRegex(ValidationError, "is not a lost reason"):
            lead.write({"lost_reason_tag_ids": [Command.link(self.parcel.id)]})
        wizard = (
            self.env["crm.lead.lost"]
            .with_user(self.salesperson)
            .create({"lead_ids": [Command.set(self.own_lead.ids)]})
        )
        wizard.reason_tag_ids = [Command.set(self.parcel.ids)]
        with self.assertRaisesRegex(ValidationError, "is not a lost reason"):
            wizard.action_lost_reason_apply()

    def test_the_moderator_chooses_the_lost_reasons(self):
        with self.assertRaisesRegex(UserError, "Only a tag moderator"):
            self.parcel.with_user(self.salesperson).write({"is_lost_reason": True})
        form = Form(self.parcel.with_user(self.moderator))
        form.is_lost_reason = True
        form.lost_reason_id = self.env.ref("crm.lost_reason_2")
        form.save()
        self.assertTrue(self.parcel.is_lost_reason)
        personal = self.Tag.with_user(self.moderator).create(
            {"name": "Mine as reason", "kind": "personal"}
        )
        with self.assertRaisesRegex(ValidationError, "Only a public tag"):
            personal.with_user(self.moderator).is_lost_reason = True

    def test_one_label_each_for_odoo_reason_and_reason_tags(self):
        Lead = self.env["crm.lead"].with_user(self.salesperson)
        labels = Lead.fields_get(["lost_reason_id", "lost_reason_tag_ids"], ["string"])
        self.assertEqual(labels["lost_reason_tag_ids"]["string"], "Lost Reason Tags")
        self.assertNotEqual(labels["lost_reason_id"]["string"], "Lost Reason Tags")
        arch = Lead.get_view(self.env.ref("crm.view_crm_case_opportunities_filter").id, "search")
        tree = etree.fromstring(arch["arch"])
        ours = tree.xpath("//field[@name='lost_reason_tag_ids']")[0]
        self.assertEqual(ours.get("string"), "Lost Reason Tags")
        strings = [node.get("string") for node in tree.xpath("//*[@string]")]
        self.assertLessEqual(strings.count("Lost Reason"), 1)


@tagged("post_install", "-at_install")
class TestNoPersonalTagWhereOthersLook(CrmTagsCase):
    def test_workflow_tasks_and_templates_take_public_tags_only(self):
        personal = self.Tag.with_user(self.sales_manager).create(
            {"name": "Manager private", "kind": "personal"}
        )
        template = self.env["crm.workflow.template"].with_user(self.sales_manager)
        with self.assertRaisesRegex(ValidationError, "only carry a public tag"):
            template.create(
                {
                    "name": "Private tag workflow",
                    "line_ids": [
                        Command.create({"name": "Call", "progress": 50, "tag_id": personal.id})
                    ],
                }
            )
        # and their tag pickers offer public tags only
        for model in ("crm.workflow.template.line", "crm.lead.workflow.task"):
            picker = self.env[model].with_user(self.sales_manager).fields_get(["tag_id"])
            offered = self.Tag.with_user(self.sales_manager).search(
                safe_eval(str(picker["tag_id"]["domain"]))
            )
            self.assertNotIn(personal, offered)
            self.assertFalse(offered.filtered(lambda t: t.kind != "public"))
        task = self.env["crm.lead.workflow.task"].create(
            {"lead_id": self.own_lead.id, "name": "Send quote", "progress": 30}
        )
        with self.assertRaisesRegex(ValidationError, "only carry a public tag"):
            task.with_user(self.sales_manager).tag_id = personal

    def test_failed_sale_report_hides_others_personal_reasons(self):
        personal = self.Tag.with_user(self.salesperson).create(
            {"name": "Rude buyer", "kind": "personal"}
        )
        # as it could be stored before lost reasons were flagged
        self.own_lead.write(
            {"lost_reason_tag_ids": [Command.set(personal.ids)], "active": False, "probability": 0}
        )
        self.env.flush_all()
        Report = self.env["crm.lost.reason.report"]
        domain = [("lead_id", "=", self.own_lead.id)]
        self.assertFalse(Report.with_user(self.sales_manager).search(domain))
        groups = Report.with_user(self.sales_manager).read_group([], ["tag_id"], ["tag_id"])
        self.assertNotIn(personal.id, [g["tag_id"][0] for g in groups if g["tag_id"]])
        self.assertEqual(Report.with_user(self.salesperson).search(domain).tag_id, personal)


@tagged("post_install", "-at_install")
class TestChatterTagsForInternalUsersOnly(CrmTagsCase):
    def test_portal_customer_gets_no_crm_tag_from_the_chatter(self):
        portal = new_test_user(
            self.env, login="tag_portal_customer", groups="base.group_portal", name="Portal Zz"
        )
        mine = self.Tag.with_user(self.salesperson).create(
            {"name": "Difficult customer", "kind": "personal"}
        )
        message = portal.partner_id.message_post(
            body="Your parcel is posted", message_type="comment", subtype_xmlid="mail.mt_comment"
        )
        message.crm_tag_ids = [Command.set((self.parcel | mine).ids)]
        self.env.invalidate_all()

        data = Store(message.with_user(portal)).get_result()["mail.message"][0]
        self.assertNotIn("crmTags", data)
        with self.assertRaises(AccessError):
            message.with_user(portal).read(["crm_tag_ids"])
        # an internal user gets the badges, without others' personal tags,
        # neither in the chatter nor in a plain read
        data = Store(message.with_user(self.other_salesperson)).get_result()["mail.message"][0]
        self.assertEqual([tag["id"] for tag in data["crmTags"]], self.parcel.ids)
        self.env.invalidate_all()
        read = message.with_user(self.other_salesperson).read(["crm_tag_ids"])[0]
        self.assertEqual(read["crm_tag_ids"], self.parcel.ids)


@tagged("post_install", "-at_install")
class TestLostReasonMigration(CrmTagsCase):
    def test_upgrade_flags_the_tags_already_used_as_lost_reasons(self):
        used = self.Tag.create({"name": "Old reason zz"})
        linked = self.Tag.create(
            {"name": "Old linked zz", "lost_reason_id": self.env.ref("crm.lost_reason_2").id}
        )
        # as stored before the flag existed (superuser: no guard)
        self.own_lead.lost_reason_tag_ids = [Command.set(used.ids)]
        self.env.flush_all()
        migration = load_script(
            "crm_custom/migrations/18.0.1.2.0/post-migration.py", "crm_custom_post_1_2_0"
        )
        migration.migrate(self.env.cr, "18.0.1.1.0")
        self.env.invalidate_all()
        self.assertTrue(used.is_lost_reason)
        self.assertTrue(linked.is_lost_reason)
        self.assertFalse(self.envelope.is_lost_reason)
