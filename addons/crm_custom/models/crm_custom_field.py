# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Custom fields without code.

A definition made by a consultant becomes a real stored Odoo field (a manual
``x_`` field of ``ir.model.fields``) and is placed at once in the form, list
and search views through generated inherited views. Being a real column, it
works everywhere Odoo fields work: search, group by, pivot and graph, import
and export, automation rules and record rules.
"""

import re

from anyascii import anyascii
from lxml import etree

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

TECHNICAL_NAME = re.compile(r"^x_[a-z][a-z0-9_]*$")
# PostgreSQL identifiers are at most 63 bytes.
TECHNICAL_NAME_MAX = 63

FIELD_TYPES = [
    ("char", "Text"),
    ("text", "Long text"),
    ("integer", "Integer"),
    ("float", "Decimal"),
    ("monetary", "Monetary"),
    ("date", "Date"),
    ("datetime", "Date and time"),
    ("boolean", "Yes/No"),
    ("selection", "Selection"),
    ("many2one", "Link to a record"),
    ("many2many", "Links to several records"),
]

# Where each target model shows its custom fields: the views our generated
# views inherit from, and the currency field its monetary fields use.
TARGETS = {
    "crm.lead": {
        "form": ["crm.crm_lead_view_form"],
        "list": ["crm.crm_case_tree_view_oppor", "crm.crm_case_tree_view_leads"],
        "search": ["crm.view_crm_case_opportunities_filter", "crm.view_crm_case_leads_filter"],
        "currency_field": "company_currency",
    },
    "res.partner": {
        "form": ["base.view_partner_form"],
        "list": ["base.view_partner_tree"],
        "search": ["base.view_res_partner_filter"],
        "currency_field": False,
    },
}

SQL_RESERVED = {
    "x_all", "x_and", "x_select", "x_from", "x_where", "x_table", "x_order", "x_group",
}  # fmt: skip


# The readable fallback of a label that transliterates to nothing.
MODEL_SLUGS = {"crm.lead": "lead", "res.partner": "contact"}


def slug_from_label(label):
    """'Budget Owner' -> 'budget_owner', 'منبع سرنخ' -> 'mnb_srnkh',
    'Источник лида' -> 'istochnik_lida': a transliteration (anyascii, for
    every script: Persian, Hebrew, Russian…) in lowercase a-z, digits and
    underscores; empty when nothing is left."""
    ascii_label = anyascii(label or "").lower()
    return re.sub(r"[^a-z0-9]+", "_", ascii_label).strip("_")


def technical_name_from_label(label):
    """'Budget Owner' -> 'x_budget_owner'; a label starting with a digit gets
    'field_' before it, one that transliterates to nothing is 'x_field'."""
    slug = slug_from_label(label)
    if not slug or not slug[0].isalpha():
        slug = f"field_{slug}".strip("_")
    return f"x_{slug}"[:TECHNICAL_NAME_MAX]


def unique_name(base, taken, max_length=TECHNICAL_NAME_MAX):
    """``base``, or ``base_2``, ``base_3``… the first one not in ``taken``."""
    name, number = base[:max_length], 1
    while name in taken:
        number += 1
        suffix = f"_{number}"
        name = f"{base[: max_length - len(suffix)]}{suffix}"
    return name


class CrmCustomField(models.Model):
    _name = "crm.custom.field"
    _description = "Custom Field"
    _order = "model, sequence, id"

    name = fields.Char(string="Label", required=True, translate=True)
    technical_name = fields.Char(
        required=True,
        copy=False,
        help="Name of the database column: starts with x_, then lowercase "
        "letters, digits and underscores.",
    )
    model = fields.Selection(
        [("crm.lead", "Leads and opportunities"), ("res.partner", "Contacts")],
        string="Applies to",
        required=True,
        default="crm.lead",
    )
    sequence = fields.Integer(default=10)
    field_type = fields.Selection(FIELD_TYPES, string="Type", required=True, default="char")
    option_ids = fields.One2many(
        "crm.custom.field.option", "custom_field_id", string="Options", copy=True
    )
    relation_model_id = fields.Many2one(
        "ir.model",
        string="Linked to",
        ondelete="cascade",
        domain=[("transient", "=", False), ("abstract", "=", False)],
        help="The kind of record this field links to, e.g. Contact or Country.",
    )
    required = fields.Boolean(
        help="Users must fill it in when they save a record in the form. "
        "Existing records are not changed."
    )
    help_text = fields.Text(string="Help", translate=True)
    form_placement = fields.Selection(
        [("custom_tab", "Custom Fields tab"), ("main", "Main information")],
        string="Place in the form",
        required=True,
        default="custom_tab",
    )
    in_list = fields.Selection(
        [("no", "No"), ("show", "Yes, shown"), ("hide", "Yes, hidden until chosen")],
        string="List column",
        required=True,
        default="hide",
    )
    customer_visible = fields.Boolean(
        string="Visible to the customer",
        help="Contacts only. Off (the default), the field is for internal users: a "
        "portal customer does not read it on his own contact. Turn it on only for "
        "what the customer may see and, in the portal, edit.",
    )
    in_search = fields.Boolean(string="Search filter", default=True)
    in_group_by = fields.Boolean(string="Group by", default=True)
    field_id = fields.Many2one("ir.model.fields", readonly=True, copy=False, ondelete="set null")
    active = fields.Boolean(default=True)

    _sql_constraints = [
        (
            "technical_name_uniq",
            "UNIQUE(model, technical_name)",
            "Another custom field already uses this technical name.",
        ),
    ]

    # ------------------------------------------------------------------ checks
    @api.onchange("name", "model")
    def _onchange_name_technical_name(self):
        if self.name and not self.field_id:
            self.technical_name = self._propose_technical_name(self.name, self.model)

    @api.model
    def _propose_technical_name(self, label, model):
        """A free technical name for ``label`` on ``model``: its
        transliteration, made unique (``x_…_2``); a label that transliterates
        to nothing gets ``x_<lead|contact>_field_<n>``."""
        taken = set(self.env[model]._fields) | set(
            self.sudo()
            .with_context(active_test=False)
            .search([("model", "=", model)])
            .mapped("technical_name")
        )
        slug = slug_from_label(label)
        if not slug:
            number = 1
            while f"x_{MODEL_SLUGS[model]}_field_{number}" in taken:
                number += 1
            return f"x_{MODEL_SLUGS[model]}_field_{number}"
        return unique_name(technical_name_from_label(label), taken | SQL_RESERVED)

    @api.constrains("name", "model")
    def _check_label_unique(self):
        """Two fields of one model with the same label cannot be told apart
        in the form, the filters and the exports."""
        for definition in self:
            twins = self.with_context(active_test=False).search(
                [
                    ("model", "=", definition.model),
                    ("name", "=ilike", definition.name.strip()),
                    ("id", "!=", definition.id),
                ],
                limit=1,
            )
            if twins:
                raise ValidationError(
                    _(
                        "%(model)s already have a custom field labelled “%(label)s” "
                        "(%(name)s): give this one another label.",
                        model=dict(self._fields["model"]._description_selection(self.env))[
                            definition.model
                        ],
                        label=definition.name,
                        name=twins.technical_name,
                    )
                )

    @api.constrains("technical_name", "model")
    def _check_technical_name(self):
        for definition in self:
            name = definition.technical_name
            if not TECHNICAL_NAME.match(name) or len(name) > TECHNICAL_NAME_MAX:
                raise ValidationError(
                    _(
                        "“%(name)s” is not a valid technical name: it must start with x_, "
                        "then use only lowercase letters (a-z), digits and underscores, "
                        "at most %(max)s characters.",
                        name=name,
                        max=TECHNICAL_NAME_MAX,
                    )
                )
            if name in SQL_RESERVED:
                raise ValidationError(
                    _("“%(name)s” is a reserved word: choose another name.", name=name)
                )
            existing = self.env[definition.model]._fields.get(name)
            if existing and existing.name != definition.field_id.name:
                raise ValidationError(
                    _(
                        "The field name “%(name)s” is already used by “%(label)s”: "
                        "choose another name.",
                        name=name,
                        label=existing.string,
                    )
                )

    @api.constrains("field_type", "option_ids", "relation_model_id")
    def _check_type_settings(self):
        for definition in self:
            if definition.field_type == "selection" and not definition.option_ids:
                raise ValidationError(
                    _(
                        "The selection field “%(label)s” needs at least one option.",
                        label=definition.name,
                    )  # fmt: skip
                )
            if definition.field_type in ("many2one", "many2many") and not (
                definition.relation_model_id
            ):
                raise ValidationError(
                    _(
                        "Choose what the field “%(label)s” links to (e.g. Contact).",
                        label=definition.name,
                    )
                )
            if (
                definition.field_type == "monetary"
                and not TARGETS[definition.model]["currency_field"]
            ):
                raise ValidationError(
                    _("Monetary fields are available on leads only: use a decimal field here.")
                )

    def _check_configurator(self):
        if not (self.env.su or self.env.user.has_group("crm_custom.group_crm_configurator")):
            raise AccessError(_("Only CRM configurators can define custom fields."))

    # ------------------------------------------------------------------- CRUD
    @api.model_create_multi
    def create(self, vals_list):
        self._check_configurator()
        definitions = super().create(vals_list)
        # Fields and views are technical records: once the user is known to
        # be a configurator, they are written as superuser.
        for definition in definitions.sudo():
            definition._create_field()
        definitions.sudo()._sync_views()
        return definitions

    def write(self, vals):
        self._check_configurator()
        if "model" in vals and any(d.model != vals["model"] for d in self):
            raise UserError(_("A custom field cannot move to another model: create a new one."))
        if "technical_name" in vals and any(
            d.field_id and d.technical_name != vals["technical_name"] for d in self
        ):
            raise UserError(
                _(
                    "The technical name of a field cannot change once it is created: "
                    "imports, filters and rules use it. Change the label instead."
                )
            )
        if "field_type" in vals:
            for definition in self.sudo().filtered(lambda d: d.field_type != vals["field_type"]):
                definition._check_type_change(vals["field_type"])
        result = super().write(vals)
        for definition in self.sudo():
            definition._update_field()
        self.sudo()._sync_views()
        return result

    def unlink(self):
        self._check_configurator()
        models_touched = set(self.mapped("model"))
        fields_to_drop = self.sudo().mapped("field_id")
        result = super().unlink()
        # Views first: Odoo refuses to drop a field still shown in a view.
        self.sudo()._sync_views(models_touched)
        fields_to_drop.unlink()
        return result

    # ------------------------------------------------------------ real fields
    def _field_groups(self):
        """Who reads the field: custom fields of contacts are internal unless
        made visible to the customer (leads are internal anyway)."""
        if self.model == "res.partner" and not self.customer_visible:
            return "base.group_user"
        return False

    def _field_values(self):
        values = {
            "field_description": self.name,
            "help": self.help_text,
            "crm_custom_groups": self._field_groups(),
        }
        if self.field_type == "selection":
            values["selection"] = self._selection_string()
        if self.field_type in ("many2one", "many2many"):
            values["relation"] = self.relation_model_id.model
        if self.field_type == "many2one":
            values["on_delete"] = "set null"
        if self.field_type == "monetary":
            values["currency_field"] = TARGETS[self.model]["currency_field"]
        if self.field_type == "many2many":
            values["relation_table"] = self._many2many_table()
            values["column1"] = f"{self.model.replace('.', '_')}_id"
            values["column2"] = f"{self.relation_model_id.model.replace('.', '_')}_id"
            if values["column1"] == values["column2"]:
                values["column2"] = f"related_{values['column2']}"
        return values

    def _many2many_table(self):
        return f"x_{self.model.replace('.', '_')}_{self.technical_name[2:]}_rel"[
            :TECHNICAL_NAME_MAX
        ]

    def _name_translations(self):
        """The label in every installed language (its English text where it
        has no translation)."""
        return {
            lang: self.with_context(lang=lang).name
            for lang, _name in self.env["res.lang"].get_installed()
        }

    def _sync_label_translations(self):
        # The field's label is the definition's, translated as it is: users
        # read it in their own language in forms, lists, filters, exports.
        self.field_id.sudo().update_field_translations(
            "field_description", self._name_translations()
        )
        self.env.registry.clear_cache()  # ir.model.fields.get_field_string

    def update_field_translations(self, field_name, translations, source_lang=None):
        # The web client's translation dialog writes here, not through write().
        result = super().update_field_translations(field_name, translations, source_lang)
        if field_name == "name":
            for definition in self.sudo():
                definition._sync_label_translations()
            self.sudo()._sync_views()
        return result

    def _create_field(self):
        """Create the manual field: a nullable column, so adding it to a big
        table changes only PostgreSQL's catalogue and rewrites no row."""
        model = self.env["ir.model"]._get(self.model)
        values = self._field_values()
        values.update(
            {
                "name": self.technical_name,
                "model_id": model.id,
                "ttype": self.field_type,
                "state": "manual",
                "store": True,
                "copied": True,
            }
        )
        self.field_id = self.env["ir.model.fields"].sudo().create(values)
        self._sync_label_translations()

    def _update_field(self):
        field = self.field_id.sudo()
        if not field:
            return
        if field.ttype != self.field_type:
            self._replace_field()
            return
        values = {
            "field_description": self.name,
            "help": self.help_text,
            "crm_custom_groups": self._field_groups(),
        }
        if self.field_type == "selection":
            self._sync_selection_options(field)
            values["selection"] = self._selection_string()
        field.write(values)
        self._sync_label_translations()

    def _replace_field(self):
        """Change the type of a field holding no value: drop it and create it again."""
        old_field = self.field_id.sudo()
        self._sync_views(exclude=self)
        old_field.unlink()
        self._create_field()

    def _selection_string(self):
        # Odoo's own way to set a manual field's options (ir.model.fields.selection).
        return str([(option.value, option.name) for option in self.option_ids])

    def _sync_selection_options(self, field):
        kept = set(self.option_ids.mapped("value"))
        for removed in set(field.selection_ids.mapped("value")) - kept:
            self._check_option_unused(removed)

    def _check_option_unused(self, value):
        count = (
            self.env[self.model]
            .sudo()
            .with_context(active_test=False)
            .search_count([(self.field_id.name, "=", value)])
        )
        if count:
            raise UserError(
                _(
                    "The option “%(option)s” of “%(label)s” is used by %(count)s records: "
                    "change their value first, or keep the option.",
                    option=value,
                    label=self.name,
                    count=count,
                )
            )

    def _check_type_change(self, new_type):
        count = self._count_values()
        if count:
            raise UserError(
                _(
                    "“%(label)s” already holds a value in %(count)s records: changing its "
                    "type would lose them. Create a new field instead.",
                    label=self.name,
                    count=count,
                )
            )

    def _count_values(self):
        """How many records hold a value in this field."""
        if not self.field_id:
            return 0
        Model = self.env[self.model].sudo().with_context(active_test=False)
        name = self.field_id.name
        if self.field_id.ttype == "boolean":
            return Model.search_count([(name, "=", True)])
        return Model.search_count([(name, "!=", False)])

    def action_delete(self):
        """Ask for confirmation, saying what will be lost."""
        self.ensure_one()
        wizard = self.env["crm.custom.field.delete"].create({"custom_field_id": self.id})
        return {
            "type": "ir.actions.act_window",
            "name": _("Delete a custom field"),
            "res_model": "crm.custom.field.delete",
            "res_id": wizard.id,
            "view_mode": "form",
            "target": "new",
        }

    # ------------------------------------------------------------------ views
    @api.model
    def _sync_views(self, models_touched=None, exclude=None):
        """(Re)build the generated views of the models touched, from every
        active definition: one inherited view per base view."""
        exclude = exclude or self.browse()
        models_touched = models_touched or set(self.mapped("model"))
        # The arch is written in English and translated term by term, as
        # Odoo's own views are: each user reads it in his language, whoever
        # saved the definitions.
        english = self.with_context(lang="en_US")
        for model in models_touched:
            definitions = (
                english.search([("model", "=", model), ("field_id", "!=", False)]) - exclude
            )
            for view_type, xmlids in TARGETS[model].items():
                if view_type == "currency_field":
                    continue
                for xmlid in xmlids:
                    arch = definitions._view_arch(view_type, xmlid)
                    view = english._write_generated_view(model, xmlid, arch)
                    if view:
                        definitions._translate_generated_view(view)

    def _custom_fields_tab_label(self):
        return _("Custom Fields")

    def _translate_generated_view(self, view):
        """Give the generated ``view`` the terms it holds (the tab's title,
        the labels of filters) in every installed language."""
        translations = {}
        for lang, _name in self.env["res.lang"].get_installed():
            if lang == "en_US":
                continue
            in_lang = self.with_context(lang=lang)
            terms = {self._custom_fields_tab_label(): in_lang._custom_fields_tab_label()}
            terms.update(zip(self.mapped("name"), in_lang.mapped("name"), strict=True))
            translations[lang] = {source: value for source, value in terms.items() if value}
        if translations:
            view.update_field_translations("arch_db", translations)
            self.env.registry.clear_cache("templates")  # the views as users get them

    def _generated_view_key(self, xmlid):
        return f"crm_custom.custom_fields.{xmlid}"

    def _write_generated_view(self, model, parent_xmlid, arch):
        View = self.env["ir.ui.view"].sudo()
        key = self._generated_view_key(parent_xmlid)
        view = View.with_context(active_test=False).search([("key", "=", key)], limit=1)
        if arch is None:
            view.unlink()
            return None
        values = {
            "name": f"Custom fields: {parent_xmlid}",
            "key": key,
            "model": model,
            "type": self.env.ref(parent_xmlid).type,
            "inherit_id": self.env.ref(parent_xmlid).id,
            "mode": "extension",
            "priority": 99,
            "arch_db": arch,
        }
        if view:
            view.write(values)
            return view
        return View.create(values)

    def _view_arch(self, view_type, parent_xmlid):
        builder = getattr(self, f"_{view_type}_arch")
        return builder(parent_xmlid)

    def _field_node(self, **attributes):
        node = etree.Element("field", name=self.field_id.name)
        for key, value in attributes.items():
            node.set(key, value)
        if self.field_type == "many2many":
            node.set("widget", "many2many_tags")
        return node

    def _form_arch(self, parent_xmlid):
        if not self:
            return None
        data = etree.Element("data")
        tab = [d for d in self if d.form_placement == "custom_tab"]
        main = [d for d in self if d.form_placement == "main"]
        if tab:
            xpath = etree.SubElement(data, "xpath", expr="//notebook", position="inside")
            page = etree.SubElement(
                xpath, "page", string=self._custom_fields_tab_label(), name="crm_custom_fields"
            )
            group = etree.SubElement(page, "group", name="crm_custom_fields_group")
            for definition in tab:
                group.append(definition._form_field_node())
        if main:
            xpath = etree.SubElement(data, "xpath", expr="//sheet/group[1]", position="after")
            group = etree.SubElement(xpath, "group", name="crm_custom_fields_main")
            for definition in main:
                group.append(definition._form_field_node())
        return etree.tostring(data, encoding="unicode")

    def _form_field_node(self):
        attributes = {"required": "1"} if self.required else {}
        if self.field_type == "many2one":
            attributes["options"] = "{'no_create': True}"
        return self._field_node(**attributes)

    def _list_arch(self, parent_xmlid):
        shown = self.filtered(lambda d: d.in_list != "no")
        if not shown:
            return None
        data = etree.Element("data")
        xpath = etree.SubElement(data, "xpath", expr="/list", position="inside")
        for definition in shown:
            xpath.append(definition._field_node(optional=definition.in_list))
        return etree.tostring(data, encoding="unicode")

    def _search_arch(self, parent_xmlid):
        searchable = self.filtered("in_search")
        groupable = self.filtered(lambda d: d.in_group_by and d.field_type != "many2many")
        if not (searchable or groupable):
            return None
        data = etree.Element("data")
        xpath = etree.SubElement(data, "xpath", expr="/search", position="inside")
        for definition in searchable:
            if definition.field_type == "boolean":
                etree.SubElement(
                    xpath,
                    "filter",
                    name=f"filter_{definition.field_id.name}",
                    string=definition.name,
                    domain=repr([(definition.field_id.name, "=", True)]),
                )
            else:
                xpath.append(definition._field_node())
        if groupable:
            group = etree.SubElement(xpath, "group", name="crm_custom_fields_group_by")
            for definition in groupable:
                etree.SubElement(
                    group,
                    "filter",
                    name=f"group_by_{definition.field_id.name}",
                    string=definition.name,
                    context=repr({"group_by": definition.field_id.name}),
                )
        return etree.tostring(data, encoding="unicode")
