# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Each role does its job through the interface: the configurator configures
the CRM without an administrator, the people who configure it reach its
settings and stages, the accountant reads the reports and meets no button he
cannot use."""

from lxml import etree

from odoo.exceptions import AccessError
from odoo.tests import Form, tagged

from .common import CrmRolesCase, ForgetsCustomFieldsMixin


def visible_menus(env, user):
    Menu = env["ir.ui.menu"].with_user(user)
    return Menu.browse(Menu._visible_menu_ids(debug=False))


@tagged("post_install", "-at_install")
class TestConfiguratorConfigures(ForgetsCustomFieldsMixin, CrmRolesCase):
    def test_link_and_tags_fields_through_the_form(self):
        country = self.env["ir.model"]._get("res.country")
        found = self.env["ir.model"].with_user(self.configurator).name_search("Country")
        self.assertIn(country.id, [model_id for model_id, _name in found])
        for field_type, technical_name in (
            ("many2one", "x_home_country"),
            ("many2many", "x_markets"),
        ):
            with self.subTest(field_type=field_type):
                form = Form(self.env["crm.custom.field"].with_user(self.configurator))
                form.name = technical_name[2:].replace("_", " ").title()
                form.field_type = field_type
                form.relation_model_id = country
                definition = form.save()
                self.assertEqual(definition.technical_name, technical_name)
                self.assertEqual(
                    self.env["crm.lead"]._fields[technical_name].comodel_name, "res.country"
                )

    def test_nothing_beyond_the_crm(self):
        as_configurator = self.env(user=self.configurator)
        with self.assertRaises(AccessError):
            as_configurator["res.users"].create({"name": "Intruder", "login": "intruder"})
        with self.assertRaises(AccessError):
            self.salesperson.with_user(self.configurator).write(
                {"groups_id": [(4, self.env.ref("base.group_system").id)]}
            )
        with self.assertRaises(AccessError):
            as_configurator["ir.model.access"].search([])
        with self.assertRaises(AccessError):
            self.env["ir.model"]._get("res.country").with_user(self.configurator).write(
                {"name": "Renamed"}
            )
        with self.assertRaises(AccessError):
            as_configurator["res.config.settings"].create({})
        self.assertNotIn(
            self.env.ref("base.menu_administration"), visible_menus(self.env, self.configurator)
        )


@tagged("post_install", "-at_install")
class TestCrmSettingsWithoutAdmin(CrmRolesCase):
    def test_configurator_and_manager_change_the_crm_settings(self):
        for user, visibility, words in (
            (self.configurator, "team", 5),
            (self.sales_manager, "all", 4),
        ):
            with self.subTest(user=user.login):
                menu = self.env.ref("crm_custom.crm_settings_menu")
                self.assertIn(menu, visible_menus(self.env, user))
                form = Form(self.env["crm.settings"].with_user(user))
                self.assertIn(form.crm_lead_visibility, ("own", "team", "all"))
                form.crm_lead_visibility = visibility
                form.crm_tag_approval_required = True
                form.crm_tag_max_words = words
                form.save().action_save()
                self.assertEqual(self.env["res.groups"]._crm_lead_visibility(), visibility)
                params = self.env["ir.config_parameter"].sudo()
                self.assertEqual(params.get_param("crm_custom.tag_max_words"), str(words))
                self.assertTrue(params.get_param("crm_custom.tag_approval_required"))
                # The page shows what is stored, as Odoo's settings do.
                again = Form(self.env["crm.settings"].with_user(user))
                self.assertEqual(again.crm_lead_visibility, visibility)
                self.assertEqual(again.crm_tag_max_words, words)
                self.assertTrue(again.crm_tag_approval_required)
        self.assertEqual(len(self.visible_leads(self.salesperson)), 4, "all leads, at once")
        form = Form(self.env["crm.settings"].with_user(self.sales_manager))
        form.crm_tag_approval_required = False
        form.save().action_save()
        self.assertFalse(self.env["ir.config_parameter"].sudo().get_param(
            "crm_custom.tag_approval_required"
        ))  # fmt: skip

    def test_salesperson_does_not(self):
        with self.assertRaises(AccessError):
            self.env["crm.settings"].with_user(self.salesperson).create(
                {"crm_lead_visibility": "all"}
            )
        self.assertNotIn(
            self.env.ref("crm_custom.crm_settings_menu"), visible_menus(self.env, self.salesperson)
        )
        self.assertEqual(self.env["res.groups"]._crm_lead_visibility(), "own")

    def test_stages_and_their_thresholds_without_debug_mode(self):
        stages_menu = self.env.ref("crm.menu_crm_lead_stage_act")
        for user in (self.sales_manager, self.configurator):
            with self.subTest(user=user.login):
                self.assertIn(stages_menu, visible_menus(self.env, user))
                team = (
                    self.env["crm.team"].with_user(user).create({"name": f"Team of {user.login}"})
                )
                stage = (
                    self.env["crm.stage"]
                    .with_user(user)
                    .create({"name": f"By {user.login}", "team_id": team.id})
                )
                with Form(stage) as form:
                    form.progress = 40
                self.assertEqual(stage.progress, 40)
        self.assertNotIn(stages_menu, visible_menus(self.env, self.salesperson))


@tagged("post_install", "-at_install")
class TestAccountantReadsReports(CrmRolesCase):
    REPORT_MENUS = (
        "crm.crm_opportunity_report_menu",
        "crm.crm_menu_forecast",
        "crm_custom.crm_funnel_menu",
        "crm_custom.crm_funnel_report_menu",
        "crm_custom.crm_lost_reason_report_menu",
        "crm_custom.crm_lead_stage_history_menu",
    )

    def test_reporting_menus_open_read_only(self):
        menus = visible_menus(self.env, self.accountant)
        self.assertIn(self.env.ref("crm.crm_menu_report"), menus)
        for xmlid in self.REPORT_MENUS:
            with self.subTest(menu=xmlid):
                self.assertIn(self.env.ref(xmlid), menus)
        # Every reporting menu he sees opens: its model is readable by him.
        for menu in menus.filtered(lambda m: m.parent_id == self.env.ref("crm.crm_menu_report")):
            action = menu.sudo().action
            if action and action._name == "ir.actions.act_window":
                with self.subTest(menu=menu.name):
                    Model = self.env[action.res_model].with_user(self.accountant)
                    Model.search([], limit=1)
                    if not Model._transient:  # a report wizard is his to fill in
                        with self.assertRaises(AccessError):
                            Model.create({})
        data = (
            self.env["crm.lead.stage.history"]
            .with_user(self.accountant)
            .get_funnel_data(self.team.id)
        )
        self.assertTrue(data["current"]["stages"])

    def _form(self, user):
        views = self.env["crm.lead"].with_user(user).get_views([(False, "form")])
        return etree.fromstring(views["views"]["form"]["arch"])

    def test_read_only_form_shows_no_button_he_cannot_use(self):
        form = self._form(self.accountant)
        names = {button.get("name") for button in form.iter("button")}
        for forbidden in (
            "action_set_won_rainbowman",
            str(self.env.ref("crm.crm_lead_lost_action").id),
            "action_crm_log_customer_event",
            "action_done",
            "action_reopen",
        ):
            self.assertNotIn(forbidden, names)
        self.assertIn("action_view_invoices", names)
        self.assertEqual(form.xpath("//header/field[@name='stage_id']")[0].get("readonly"), "True")
        # Salespeople keep theirs.
        names = {button.get("name") for button in self._form(self.salesperson).iter("button")}
        self.assertIn("action_set_won_rainbowman", names)
        self.assertIn("action_crm_log_customer_event", names)

    def test_won_says_what_is_refused(self):
        # About the lead he may not change, not about Odoo's scoring tables.
        with self.assertRaisesRegex(AccessError, r"\(crm\.lead\) records"):
            self.own_lead.with_user(self.accountant).action_set_won_rainbowman()
        self.assertNotEqual(self.own_lead.probability, 100)
