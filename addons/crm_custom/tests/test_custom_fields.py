# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The life of a custom field: create, see it everywhere, import, filter,
group, report, change, delete — and the refusals on the way."""

from lxml import etree

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from ..models.crm_custom_field import technical_name_from_label
from .common import CrmRolesCase, ForgetsCustomFieldsMixin


@tagged("post_install", "-at_install")
class TestCustomFields(ForgetsCustomFieldsMixin, CrmRolesCase):
    def _define(self, user=None, **values):
        values = {
            "name": "Lead source detail",
            "technical_name": "x_source_detail",
            "field_type": "selection",
            "in_list": "show",
            "option_ids": [
                (0, 0, {"name": "Exhibition", "value": "exhibition", "sequence": 1}),
                (0, 0, {"name": "Customer referral", "value": "referral", "sequence": 2}),
            ],
            **values,
        }
        return self.env["crm.custom.field"].with_user(user or self.configurator).create(values)

    def _arch(self, model, view_type, view_xmlid):
        view = self.env.ref(view_xmlid)
        arch = self.env[model].get_views([(view.id, view_type)])["views"][view_type]["arch"]
        return etree.fromstring(arch)

    def test_lifecycle_of_a_selection_field(self):
        definition = self._define()
        name = definition.technical_name
        Lead = self.env["crm.lead"]

        # A real, stored field of the model, with its column.
        self.assertEqual(name, "x_source_detail")
        self.assertEqual(Lead._fields[name].type, "selection")
        self.cr.execute(
            "SELECT data_type FROM information_schema.columns "
            "WHERE table_name = 'crm_lead' AND column_name = %s",
            [name],
        )
        self.assertEqual(self.cr.fetchone(), ("character varying",))

        # Placed in the form, the lists and the search view at once.
        form = self._arch("crm.lead", "form", "crm.crm_lead_view_form")
        self.assertTrue(form.xpath(f"//page[@name='crm_custom_fields']//field[@name='{name}']"))
        lists = self._arch("crm.lead", "list", "crm.crm_case_tree_view_oppor")
        self.assertEqual(lists.xpath(f"//field[@name='{name}']")[0].get("optional"), "show")
        search = self._arch("crm.lead", "search", "crm.view_crm_case_opportunities_filter")
        self.assertTrue(search.xpath(f"//field[@name='{name}']"))
        self.assertTrue(search.xpath(f"//filter[@name='group_by_{name}']"))

        # A salesperson sets it, filters and groups by it.
        self.own_lead.with_user(self.salesperson).write({name: "exhibition"})
        self.teammate_lead.write({name: "referral"})
        found = Lead.with_user(self.salesperson).search([(name, "=", "exhibition")])
        self.assertEqual(found, self.own_lead)
        groups = dict(
            Lead._read_group(
                [("id", "in", (self.own_lead | self.teammate_lead).ids)], [name], ["__count"]
            )
        )
        self.assertEqual(groups, {"exhibition": 1, "referral": 1})

        # Imported from a CSV file through Odoo's import, and exported.
        csv = f"name,{name}\nImported lead,Customer referral\n".encode()
        importer = self.env["base_import.import"].create(
            {"res_model": "crm.lead", "file": csv, "file_type": "text/csv"}
        )
        result = importer.execute_import(
            ["name", name], ["name", name], {"quoting": '"', "separator": ",", "has_headers": True}
        )
        self.assertFalse(result["messages"], result["messages"])
        imported = Lead.browse(result["ids"])
        self.assertEqual(imported[name], "referral")
        exported = imported.export_data(["name", name])["datas"]
        self.assertEqual(exported, [["Imported lead", "Customer referral"]])

        # Deleting asks for confirmation, then removes field, column and views.
        action = definition.action_delete()
        wizard = self.env[action["res_model"]].browse(action["res_id"])
        self.assertEqual(wizard.value_count, 3)
        self.assertIn("3 records", wizard.warning)
        wizard.action_confirm()
        self.assertNotIn(name, self.env["crm.lead"]._fields)
        self.cr.execute(
            "SELECT 1 FROM information_schema.columns "
            "WHERE table_name = 'crm_lead' AND column_name = %s",
            [name],
        )
        self.assertFalse(self.cr.fetchall())
        form = self._arch("crm.lead", "form", "crm.crm_lead_view_form")
        self.assertFalse(form.xpath(f"//field[@name='{name}']"))

    def test_every_type_becomes_a_real_field(self):
        country = self.env["ir.model"]._get("res.country")
        for field_type in (
            "char", "text", "integer", "float", "monetary", "date", "datetime", "boolean",
            "many2one", "many2many",
        ):  # fmt: skip
            with self.subTest(field_type=field_type):
                definition = self._define(
                    name=f"Custom {field_type}",
                    technical_name=f"x_custom_{field_type}",
                    field_type=field_type,
                    option_ids=[],
                    relation_model_id=country.id if field_type.startswith("many") else False,
                )
                field = self.env["crm.lead"]._fields[definition.technical_name]
                self.assertEqual(field.type, field_type)
                self.assertTrue(field.store)
        self.assertEqual(
            self.env["crm.lead"]._fields["x_custom_many2one"].comodel_name, "res.country"
        )
        self.assertEqual(
            self.env["crm.lead"]._fields["x_custom_monetary"].currency_field, "company_currency"
        )
        self.own_lead.x_custom_many2many = self.env.ref("base.ir") | self.env.ref("base.il")
        self.assertEqual(len(self.own_lead.x_custom_many2many), 2)

    def test_contact_fields_appear_on_contacts(self):
        definition = self._define(
            model="res.partner",
            name="Customer club level",
            technical_name="x_club_level",
            form_placement="main",
        )
        form = self._arch("res.partner", "form", "base.view_partner_form")
        self.assertTrue(
            form.xpath(
                f"//group[@name='crm_custom_fields_main']/field[@name='{definition.technical_name}']"
            )
        )
        self.customer.x_club_level = "referral"
        self.assertEqual(self.customer.x_club_level, "referral")

    def test_custom_fields_are_usable_in_record_rules(self):
        self._define()
        rule = self.env["ir.rule"].create(
            {
                "name": "Only exhibition leads (a global rule)",
                "model_id": self.env["ir.model"]._get("crm.lead").id,
                "domain_force": "[('x_source_detail', '=', 'exhibition')]",
            }
        )
        self.own_lead.x_source_detail = "exhibition"
        self.assertEqual(self.visible_leads(self.salesperson), self.own_lead)
        rule.unlink()

    def test_bad_definitions_are_refused(self):
        self._define()
        cases = {
            "x_source_detail": "already",  # duplicate of a custom field
            "x_name": None,  # free, but see below
            "name": "not a valid technical name",
            "x_Bad Name": "not a valid technical name",
            "x_drop;table": "not a valid technical name",
            "x_select": "reserved",
        }
        for technical_name, message in cases.items():
            if message is None:
                continue
            with (
                self.subTest(technical_name=technical_name),
                self.assertRaisesRegex(Exception, message),
                self.cr.savepoint(),
            ):
                self._define(name="Again", technical_name=technical_name)
        # A field made outside this tool (e.g. by a developer) keeps its name.
        self.env["ir.model.fields"].create(
            {
                "name": "x_legacy",
                "model_id": self.env["ir.model"]._get("crm.lead").id,
                "ttype": "char",
                "field_description": "Legacy",
                "state": "manual",
            }
        )
        with self.assertRaisesRegex(ValidationError, "already used"), self.cr.savepoint():
            self._define(name="Shadow", technical_name="x_legacy", field_type="char")
        with self.assertRaisesRegex(ValidationError, "at least one option"), self.cr.savepoint():
            self._define(name="Empty", technical_name="x_empty", option_ids=[])
        with self.assertRaisesRegex(ValidationError, "links to"), self.cr.savepoint():
            self._define(name="Link", technical_name="x_link", field_type="many2one", option_ids=[])

    def test_type_change_that_would_lose_data_is_refused(self):
        definition = self._define(
            name="Score", technical_name="x_score", field_type="char", option_ids=[]
        )
        definition.field_type = "integer"  # holds no value yet: allowed
        self.assertEqual(self.env["crm.lead"]._fields["x_score"].type, "integer")
        self.own_lead.x_score = 7
        with self.assertRaisesRegex(UserError, "would lose them"), self.cr.savepoint():
            definition.field_type = "date"
        self.env.invalidate_all()
        self.assertEqual(self.own_lead.x_score, 7)

    def test_removing_an_option_in_use_is_refused(self):
        definition = self._define()
        self.own_lead.x_source_detail = "exhibition"
        exhibition = definition.option_ids.filtered(lambda o: o.value == "exhibition")
        referral = definition.option_ids - exhibition
        with self.assertRaisesRegex(UserError, "used by 1 records"), self.cr.savepoint():
            definition.option_ids = [(2, exhibition.id)]
        self.env.invalidate_all()
        self.assertEqual(self.own_lead.x_source_detail, "exhibition")
        definition.write(
            {"option_ids": [(2, referral.id), (0, 0, {"name": "Website form", "value": "website"})]}
        )
        selection = dict(self.env["crm.lead"]._fields["x_source_detail"].selection)
        self.assertEqual(set(selection), {"exhibition", "website"})

    def test_technical_name_follows_the_label(self):
        form = Form(self.env["crm.custom.field"].with_user(self.configurator))
        form.name = "Budget Owner"
        self.assertEqual(form.technical_name, "x_budget_owner")

        self.assertEqual(technical_name_from_label("Budget Owner"), "x_budget_owner")
        self.assertEqual(technical_name_from_label("منبع سرنخ"), "x_mnb_srnkh")
        self.assertEqual(technical_name_from_label("2nd contact"), "x_field_2nd_contact")

    def test_only_configurators_define_fields(self):
        with self.assertRaises(AccessError):
            self._define(user=self.salesperson)
        with self.assertRaises(AccessError):
            self._define(user=self.sales_manager)
        definition = self._define()
        with self.assertRaises(AccessError):
            definition.with_user(self.salesperson).unlink()
        with self.assertRaises(AccessError):
            definition.with_user(self.salesperson).write({"name": "Mine"})
        self.assertTrue(definition.with_user(self.salesperson).read(["name"]))

    def test_list_read_costs_no_extra_query_per_custom_field(self):
        """Reading the lead list with 20 custom fields costs the queries it
        costs with none: the columns come in the same SELECT."""
        Lead = self.env["crm.lead"].with_user(self.sales_manager)
        base_fields = {
            "name": {},
            "partner_id": {"fields": {"display_name": {}}},
            "expected_revenue": {},
        }
        leads = Lead.search([])
        self.assertTrue(leads)

        def count_queries(specification):
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            Lead.web_search_read([("id", "in", leads.ids)], specification)
            return self.cr.sql_log_count - before

        count_queries(base_fields)  # warm the caches
        without = count_queries(base_fields)
        types = [
            "char",
            "integer",
            "float",
            "date",
            "boolean",
            "selection",
            "text",
            "monetary",
            "datetime",
        ]
        custom = {}
        for index in range(20):
            field_type = types[index % len(types)]
            definition = self._define(
                name=f"Metric {index}",
                technical_name=f"x_metric_{index}",
                field_type=field_type,
                option_ids=[(0, 0, {"name": "A", "value": "a"})]
                if field_type == "selection"
                else [],
            )
            custom[definition.technical_name] = {}
        count_queries({**base_fields, **custom})
        with_custom = count_queries({**base_fields, **custom})
        self.assertEqual(with_custom, without)
