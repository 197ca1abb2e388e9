# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Custom fields in Persian, Hebrew and Russian: technical names proposed by
transliteration, unique; one label once per model; labels that every user
reads in his own language, whoever saved the definition."""

from lxml import etree

from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged

from .common import CrmRolesCase, ForgetsCustomFieldsMixin


@tagged("post_install", "-at_install")
class TestCustomFieldNames(ForgetsCustomFieldsMixin, CrmRolesCase):
    def _form(self, label, model="crm.lead"):
        form = Form(self.env["crm.custom.field"].with_user(self.configurator))
        form.model = model
        form.name = label
        return form

    def test_non_latin_labels_propose_readable_unique_names(self):
        cases = {
            "منبع سرنخ": "x_mnb_srnkh",
            "מקור הליד": "x_mkvr_hlyd",
            "Источник лида": "x_istochnik_lida",
            "…": "x_lead_field_1",
        }
        for label, expected in cases.items():
            with self.subTest(label=label):
                form = self._form(label)
                form.field_type = "char"
                self.assertEqual(form.technical_name, expected)
                form.save()
        # The same transliteration again gets a free name, on the same model.
        form = self._form("منبع سرنخ؟")
        self.assertEqual(form.technical_name, "x_mnb_srnkh_2")
        form.field_type = "char"
        form.save()
        self.assertEqual(self._form("؟").technical_name, "x_lead_field_2")
        # Another model has its own names.
        self.assertEqual(self._form("منبع سرنخ", model="res.partner").technical_name, "x_mnb_srnkh")

    def test_option_values_from_non_latin_labels(self):
        form = self._form("نوع مشتری")
        form.field_type = "selection"
        for label in ("خرده‌فروشی", "عمده‌فروشی", "خرده‌فروشی"):
            with form.option_ids.new() as option:
                option.name = label
        definition = form.save()
        values = definition.option_ids.mapped("value")
        self.assertEqual(values, ["khrdhfrwshy", "mdhfrwshy", "khrdhfrwshy_2"])
        self.assertEqual(len(self.env["crm.lead"]._fields[definition.technical_name].selection), 3)

    def test_same_label_twice_on_one_model_refused(self):
        form = self._form("منبع سرنخ")
        form.field_type = "char"
        form.save()
        with (
            self.assertRaisesRegex(ValidationError, "already have a custom field labelled"),
            self.cr.savepoint(),
        ):
            self.env["crm.custom.field"].with_user(self.configurator).create(
                {"name": " منبع سرنخ ", "technical_name": "x_other", "field_type": "char"}
            )
        with self.assertRaisesRegex(ValidationError, "already have"), self.cr.savepoint():
            self.env["crm.custom.field"].with_user(self.configurator).create(
                [
                    {"name": "Budget holder", "technical_name": "x_holder_a"},
                    {"name": "budget HOLDER", "technical_name": "x_holder_b"},
                ]
            )
        # On contacts the label is free.
        self.env["crm.custom.field"].with_user(self.configurator).create(
            {"name": "منبع سرنخ", "technical_name": "x_mnb_srnkh", "model": "res.partner"}
        )


@tagged("post_install", "-at_install")
class TestCustomFieldLabelsTranslated(ForgetsCustomFieldsMixin, CrmRolesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for lang in ("fa_IR", "ru_RU"):
            cls.env["res.lang"]._activate_lang(lang)
        cls.env["ir.module.module"]._load_module_terms(["crm_custom"], ["fa_IR", "ru_RU"])
        cls.configurator.lang = "fa_IR"
        cls.salesperson.lang = "ru_RU"
        cls.other_salesperson.lang = "fa_IR"
        cls.sales_manager.lang = "en_US"

    def _views(self, user):
        # As the web client asks for them: in the user's language.
        views = (
            self.env["crm.lead"]
            .with_user(user)
            .with_context(lang=user.lang)
            .get_views(
                [
                    (self.env.ref("crm.crm_lead_view_form").id, "form"),
                    (self.env.ref("crm.view_crm_case_opportunities_filter").id, "search"),
                ]
            )["views"]
        )
        return (
            etree.fromstring(views["form"]["arch"]),
            etree.fromstring(views["search"]["arch"]),
        )

    def test_users_read_labels_in_their_language(self):
        # A Persian-speaking configurator defines the field...
        definition = (
            self.env["crm.custom.field"]
            .with_user(self.configurator)
            .create(
                {
                    "name": "منبع سرنخ",
                    "technical_name": "x_lead_origin",
                    "field_type": "selection",
                    "option_ids": [(0, 0, {"name": "نمایشگاه", "value": "fair"})],
                }
            )
        )
        # ...and gives its English and Russian labels in the translation
        # dialog (which sends every language it lists).
        definition.with_user(self.configurator).update_field_translations(
            "name", {"en_US": "Lead origin", "fa_IR": "منبع سرنخ", "ru_RU": "Источник лида"}
        )
        expected = {
            self.salesperson: ("Источник лида", "Пользовательские поля"),
            self.other_salesperson: ("منبع سرنخ", "فیلدهای سفارشی"),
            self.sales_manager: ("Lead origin", "Custom Fields"),
        }
        for user, (label, tab) in expected.items():
            with self.subTest(user=user.login, lang=user.lang):
                form, search = self._views(user)
                page = form.xpath("//page[@name='crm_custom_fields']")[0]
                self.assertEqual(page.get("string"), tab)
                group_by = search.xpath("//filter[@name='group_by_x_lead_origin']")[0]
                self.assertEqual(group_by.get("string"), label)
                Lead = self.env["crm.lead"].with_user(user).with_context(lang=user.lang)
                string = (Lead.fields_get(["x_lead_origin"]))["x_lead_origin"]["string"]
                self.assertEqual(string, label)

    def test_saving_in_another_language_keeps_the_others(self):
        definition = (
            self.env["crm.custom.field"]
            .with_user(self.configurator)
            .with_context(lang="en_US")
            .create(
                {"name": "Decision date", "technical_name": "x_decision", "field_type": "boolean"}
            )
        )
        definition.with_user(self.configurator).update_field_translations(
            "name", {"fa_IR": "تاریخ تصمیم", "ru_RU": "Дата решения"}
        )
        # The Persian configurator later edits its help: labels stay as they are.
        definition.with_user(self.configurator).write({"help_text": "کی تصمیم می‌گیرند"})
        for user, label in (
            (self.salesperson, "Дата решения"),
            (self.sales_manager, "Decision date"),
        ):
            with self.subTest(user=user.login):
                _form, search = self._views(user)
                self.assertEqual(
                    search.xpath("//filter[@name='filter_x_decision']")[0].get("string"), label
                )
