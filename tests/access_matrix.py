# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The access matrix of the suite: what each role may do with each model.

One row per kind of record ("model" or "model/which record"); every model our
addons define, and every Odoo model whose fields they add, needs at least one
row (tests/test_access_matrix.py walks the registry and says which rows are
missing). A cell lists the operations the role may perform on the row's probe
record, one letter each (see access_matrix_spec.OPERATIONS):

    s search   r read (search_read)   i read by id   g read_group
    n name_search   c create   w write   u unlink   b button

``READ`` is "srign", ``ALL`` every letter but b, ``NONE`` nothing; b is the row's
button (``Row.button``), declared only where the row names one. A cell written
``Hole("...", "19.n")`` is the cell as it must be once hole n of issue 19 (or
item n of issue 11, "11.n") is closed: it fails until that fix is merged, and
the failure table names the hole. ``Gone(model, hole)`` declares a model that
must no longer exist once its hole is closed.

The test tries every cell over real HTTP as a real user of the role (the role
users of crm_custom's CrmRolesCase and a portal customer; anonymous visitors
through the public routes), and also checks what rows expose indirectly: the
labels of many2one values and of read_group groups (a role never sees the
name of a record it may not read, except ``labels_shown``), the chatter
endpoints (a role reads a record's messages when it reads the record, and
sees no tag it may not read), and every public route of our addons
(``ROUTES``).

Fixture: lead visibility is "my teams"; ``salesperson`` and
``other_salesperson`` share a team, ``outsider_salesperson`` is in another
one; the portal customer is the fixture's ``customer``.

Also here: ``ROUTES``, every HTTP route of our addons and what an anonymous
visitor gets from it, and ``README_CLAIMS``, the cells behind each phrase of
the README's roles table (checked by tests/test_readme_roles.py).

Run it: ``python3 -m pytest --odoo-config=.run/odoo-test.conf
--odoo-database=<db> --odoo-http tests/test_access_matrix.py`` (tests/run does);
with ``CRM_MATRIX_DUMP=<file>`` the observed cells are written there, to review
a new row.

To add a model: copy the row of a similar model, give its probe the values a
record needs (placeholders: ``Me()`` the role's user, ``User(name)``,
``Fixture(name)``, ``Probe(row key)``, ``Ref(xmlid)``, ``ModelId(model)``), and
write each role's cell as the model must behave.
"""

from access_matrix_spec import (
    ALL,
    READ,
    Find,
    Fixture,
    Gone,
    Hole,
    Me,
    ModelId,
    Probe,
    Ref,
    Route,
    Row,
    User,
    roles,
)

SALES = READ + "cw"  # the pipeline: read, create, change; no delete
NO_NAME = "srig"  # every way of reading a record without a name to search by

ROWS = [
    # ------------------------------------------------------------- the pipeline
    Row(
        "crm.lead/own",
        probe={
            "name": "Matrix own lead",
            "type": "opportunity",
            "user_id": Me(),
            "team_id": Fixture("team"),
            "partner_id": Fixture("customer"),
        },
        create={"name": "Matrix new lead", "type": "opportunity"},
        write={"description": "<p>Called back</p>"},
        roles=roles(accountant=READ, salesperson=SALES, sales_manager=ALL, configurator=ALL),
        note="A lead whose salesperson is the role's user.",
    ),
    Row(
        "crm.lead/teammate",
        create=None,
        probe={
            "name": "Matrix teammate lead",
            "type": "opportunity",
            "user_id": User("other_salesperson"),
            "team_id": Fixture("team"),
            "partner_id": Fixture("customer"),
        },
        write={"description": "<p>Called back</p>"},
        roles=roles(
            accountant=READ,
            salesperson=READ + "w",
            sales_manager=READ + "wu",
            configurator=READ + "wu",
        ),
    ),
    Row(
        "crm.lead/other team",
        create=None,
        probe={
            "name": "Matrix foreign lead",
            "type": "opportunity",
            "user_id": User("outsider_salesperson"),
            "team_id": Fixture("other_team"),
            "partner_id": Fixture("customer"),
            "tag_ids": [(6, 0, [Probe("crm.tag/colleague's personal")])],
        },
        write={"description": "<p>Called back</p>"},
        roles=roles(accountant=READ, sales_manager=READ + "wu", configurator=READ + "wu"),
    ),
    Row(
        "crm.lead/lost, other team",
        create=None,
        probe={
            "name": "Matrix lost lead",
            "type": "opportunity",
            "active": False,
            "probability": 0,
            "user_id": User("outsider_salesperson"),
            "team_id": Fixture("other_team"),
            "partner_id": Fixture("customer"),
            "lost_reason_tag_ids": [(6, 0, [Probe("crm.tag/colleague's personal")])],
        },
        write={"description": "<p>Lost to a competitor</p>"},
        roles=roles(accountant=READ, sales_manager=READ + "wu", configurator=READ + "wu"),
    ),
    Row(
        "crm.lead.stage.history",
        probe=Find((("lead_id", "=", Probe("crm.lead/teammate")),)),
        write={"date_out": "2026-01-02 10:00:00"},
        roles=roles(accountant=READ, salesperson=READ, sales_manager=READ, configurator=READ),
    ),
    Row(
        "crm.lead.status",
        probe={"name": "Matrix status"},
        create={"name": "Matrix new status"},
        write={"name": "Matrix status renamed"},
        roles=roles(
            support=READ,
            marketing=READ,
            accountant=READ,
            salesperson=READ,
            sales_manager=ALL,
            configurator=ALL,
        ),
    ),
    Row(
        "crm.competitor",
        probe={"name": "Matrix competitor"},
        create={"name": "Matrix new competitor"},
        write={"name": "Matrix competitor renamed"},
        roles=roles(accountant=READ, salesperson=SALES, sales_manager=ALL, configurator=ALL),
    ),
    Row(
        "crm.lead.competitor",
        probe={
            "lead_id": Probe("crm.lead/teammate"),
            "competitor_id": Find(model="crm.competitor", order="id"),
        },
        create={
            "lead_id": Probe("crm.lead/own"),
            "competitor_id": Find(model="crm.competitor", order="id"),
        },
        write={"advantage": "Cheaper"},
        roles=roles(
            accountant="srig",
            salesperson="srigcwu",
            sales_manager="srigcwu",
            configurator="srigcwu",
        ),
    ),
    Row(
        "crm.lead.objection",
        probe={"lead_id": Probe("crm.lead/teammate"), "name": "Matrix objection"},
        create={"lead_id": Probe("crm.lead/teammate"), "name": "Matrix new objection"},
        write={"name": "Matrix objection renamed"},
        roles=roles(accountant=READ, salesperson=ALL, sales_manager=ALL, configurator=ALL),
    ),
    Row(
        "crm.lead.lost",
        probe={"lead_ids": [(6, 0, [Probe("crm.lead/teammate")])]},
        create={"lead_ids": [(6, 0, [Probe("crm.lead/teammate")])]},
        roles=roles(salesperson="srigcw", sales_manager="srigcw", configurator="srigcw"),
        note="Odoo's Mark Lost wizard, with our lost-reason tags.",
    ),
    Row(
        "crm.stage",
        probe={"name": "Matrix stage"},
        create={"name": "Matrix new stage"},
        write={"name": "Matrix stage renamed"},
        roles=roles(
            support=READ,
            marketing=READ,
            accountant=READ,
            salesperson=READ,
            sales_manager=ALL,
            configurator=ALL,
        ),
    ),
    Row(
        "crm.team",
        probe=Find((("id", "=", Fixture("other_team")),)),
        create={"name": "Matrix new team"},
        write={"name": "Matrix team renamed"},
        roles=roles(
            support="srgn",
            marketing="srgn",
            accountant=READ,
            salesperson=READ,
            sales_manager=ALL,
            configurator=ALL,
        ),
    ),
    # --------------------------------------------------- processes and workflows
    Row(
        "crm.sales.process",
        probe={"name": "Matrix process"},
        create={"name": "Matrix new process"},
        write={"name": "Matrix process renamed"},
        roles=roles(salesperson=READ, sales_manager=ALL, configurator=ALL),
    ),
    Row(
        "crm.sales.process.stage",
        probe={"process_id": Probe("crm.sales.process"), "name": "Matrix process stage"},
        create={"process_id": Probe("crm.sales.process"), "name": "Matrix new process stage"},
        write={"name": "Matrix process stage renamed"},
        roles=roles(salesperson=READ, sales_manager=ALL, configurator=ALL),
    ),
    Row(
        "crm.sales.process.load",
        probe={"process_id": Probe("crm.sales.process"), "team_id": Fixture("other_team")},
        create={"process_id": Probe("crm.sales.process"), "team_id": Fixture("other_team")},
        roles=roles(sales_manager="srigcwu", configurator="srigcwu"),
    ),
    Row(
        "crm.workflow.template",
        probe={"name": "Matrix workflow"},
        create={"name": "Matrix new workflow"},
        write={"name": "Matrix workflow renamed"},
        roles=roles(accountant=READ, salesperson=READ, sales_manager=ALL, configurator=ALL),
    ),
    Row(
        "crm.workflow.template.line",
        probe={
            "template_id": Probe("crm.workflow.template"),
            "name": "Matrix step",
            "progress": 10,
            "tag_id": Probe("crm.tag/public"),
        },
        create={
            "template_id": Probe("crm.workflow.template"),
            "name": "Matrix new step",
            "progress": 20,
        },
        write={"name": "Matrix step renamed"},
        roles=roles(accountant=READ, salesperson=READ, sales_manager=ALL, configurator=ALL),
    ),
    Row(
        "crm.workflow.template.line/given a personal tag",
        probe={
            "template_id": Probe("crm.workflow.template"),
            "name": "Matrix tagged step",
            "progress": 30,
        },
        write={"tag_id": Probe("crm.tag/own personal")},
        impossible="w",
        roles=roles(
            accountant=READ, salesperson=READ, sales_manager=READ + "u", configurator=READ + "u"
        ),
        note="Every salesperson of the workflow sees its steps' tags: none is personal.",
    ),
    Row(
        "crm.lead.workflow.task/given a personal tag",
        probe={
            "lead_id": Probe("crm.lead/own"),
            "name": "Matrix tagged task",
            "progress": 10,
            "user_id": Me(),
        },
        write={"tag_id": Probe("crm.tag/own personal")},
        impossible="w",
        roles=roles(
            accountant=READ, salesperson=READ, sales_manager=READ + "u", configurator=READ + "u"
        ),
        note="The lead's other readers see its tasks' tags: none is personal.",
    ),
    Row(
        "crm.lead.workflow.task/teammate's",
        probe={
            "lead_id": Probe("crm.lead/teammate"),
            "name": "Matrix task",
            "progress": 10,
            "user_id": User("other_salesperson"),
        },
        create={"lead_id": Probe("crm.lead/teammate"), "name": "Matrix new task", "progress": 20},
        write={"state": "done"},
        roles=roles(
            accountant=READ, salesperson=Hole(READ, "19.10"), sales_manager=ALL, configurator=ALL
        ),
        note="A task of a teammate's lead: completing it is his, the lead's "
        "salesperson's or a manager's.",
    ),
    Row(
        "crm.lead.workflow.task/own, moved",
        probe={
            "lead_id": Probe("crm.lead/own"),
            "name": "Matrix own task",
            "progress": 10,
            "user_id": Me(),
        },
        write={"lead_id": Probe("crm.lead/other team")},
        roles=roles(
            accountant=READ,
            salesperson=Hole(READ, "19.10"),
            sales_manager=READ + "wu",
            configurator=READ + "wu",
        ),
        note="Moving one's own task onto a lead of another team.",
    ),
    # ---------------------------------------------------------------- tags
    Row(
        "crm.tag/public",
        probe={"name": "Matrix probe tag"},
        create={"name": "Zebra crossing"},
        write={"name": "Matrix tag renamed"},
        roles=roles(
            support=READ,
            marketing=READ,
            accountant=READ,
            salesperson=READ + "c",
            sales_manager=ALL,
            configurator=ALL,
        ),
    ),
    Row(
        "crm.tag/colleague's personal",
        probe={
            "name": "Matrix personal tag",
            "kind": "personal",
            "owner_id": User("outsider_salesperson"),
        },
        create={"name": "Matrix mine", "kind": "personal", "owner_id": Me()},
        write={"name": "Matrix personal renamed"},
        probe_user="outsider_salesperson",
        roles=roles(salesperson="c", sales_manager="c", configurator="c"),
    ),
    Row(
        "crm.tag/own personal",
        probe={"name": "Matrix own tag", "kind": "personal", "owner_id": Me()},
        write={"name": "Matrix own renamed"},
        roles=roles(
            support=READ,
            marketing=READ,
            accountant=READ,
            salesperson=READ + "w",
            sales_manager=READ + "wu",
            configurator=READ + "wu",
        ),
    ),
    Row(
        "crm.tag/system",
        probe=Find((("kind", "=", "system"),)),
        create={"name": "Matrix system new", "kind": "system", "code": "matrix"},
        write={"name": "Matrix system renamed"},
        roles=roles(
            support=READ,
            marketing=READ,
            accountant=READ,
            salesperson=READ,
            sales_manager=READ,
            configurator=READ,
        ),
    ),
    Row(
        "crm.tag.merge",
        probe={
            "source_tag_ids": [(6, 0, [Probe("crm.tag/public")])],
            "target_tag_id": Probe("crm.tag/system"),
        },
        create={
            "source_tag_ids": [(6, 0, [Probe("crm.tag/public")])],
            "target_tag_id": Probe("crm.tag/system"),
        },
        roles=roles(sales_manager="srigcwu", configurator="srigcwu"),
    ),
    Row(
        "crm.tag.usage.report",
        impossible="wu",
        probe=Find((("tag_id", "=", Probe("crm.tag/colleague's personal")),)),
        roles=roles(),
        note="The uses of a colleague's personal tag, on a lead of another team.",
    ),
    Row(
        "crm.lost.reason.report",
        impossible="wu",
        probe=Find((("tag_id", "=", Probe("crm.tag/colleague's personal")),)),
        roles=roles(),
        note="A colleague's personal tag given as the reason of a lost lead.",
    ),
    Row(
        "crm.funnel.report",
        impossible="wu",
        probe=Find((("lead_id", "=", Probe("crm.lead/other team")),)),
        roles=roles(accountant=READ, sales_manager=READ, configurator=READ),
    ),
    # ------------------------------------------------------- custom fields
    Row(
        "ir.model.fields",
        probe=Find((("model", "=", "res.partner"), ("name", "=", "name"))),
        impossible="cwu",
        roles=roles(),
        note="Odoo's field definitions (crm_custom adds who may read a custom field).",
    ),
    Row(
        "crm.custom.field",
        probe={
            "name": "Matrix field",
            "technical_name": "x_matrix_probe",
            "model": "crm.lead",
            "field_type": "char",
        },
        create={
            "name": "Matrix new field",
            "technical_name": "x_matrix_new",
            "model": "crm.lead",
            "field_type": "char",
        },
        write={"help_text": "Asked at the first call"},
        rebuilds_registry=True,
        # The definition names the Odoo field it made (Odoo's many2one label).
        labels_shown={"field_id": ("salesperson", "sales_manager", "configurator")},
        roles=roles(salesperson=READ, sales_manager=READ, configurator=ALL),
    ),
    Row(
        "crm.custom.field.option",
        probe={
            "custom_field_id": Probe("crm.custom.field"),
            "name": "Matrix option",
            "value": "matrix",
        },
        create={
            "custom_field_id": Probe("crm.custom.field"),
            "name": "Matrix new option",
            "value": "matrix_new",
        },
        write={"name": "Matrix option renamed"},
        rebuilds_registry=True,
        roles=roles(salesperson=READ, sales_manager=READ, configurator=ALL),
    ),
    Row(
        "crm.custom.field.delete",
        probe={"custom_field_id": Probe("crm.custom.field")},
        create={"custom_field_id": Probe("crm.custom.field")},
        roles=roles(configurator="srigcwu"),
    ),
    # ------------------------------------------------ customers and history
    Row(
        "res.partner/customer",
        impossible="u",
        probe=Find((("id", "=", Fixture("customer")),)),
        create={"name": "Matrix new contact"},
        write={"phone": "+98 21 1234 5678"},
        roles=roles(
            portal=READ,
            support=SALES,
            marketing=READ,
            accountant=READ,
            salesperson=SALES,
            sales_manager=SALES,
            configurator=SALES,
        ),
        note="The portal customer's own contact.",
    ),
    Row(
        "crm.custom.field/on contacts",
        probe={
            "name": "Matrix contact field",
            "technical_name": "x_matrix_contact",
            "model": "res.partner",
            "field_type": "char",
        },
        write={"help_text": "Asked at the first visit"},
        rebuilds_registry=True,
        # The definition names the Odoo field it made (Odoo's many2one label).
        labels_shown={"field_id": ("salesperson", "sales_manager", "configurator")},
        roles=roles(salesperson=READ, sales_manager=READ, configurator=READ + "wu"),
    ),
    Row(
        "res.partner/a custom field's value",
        probe=Find((("id", "=", Fixture("customer")),)),
        read_fields=("name", "x_matrix_contact"),
        write={"x_matrix_contact": "Matrix value"},
        impossible="u",
        roles=roles(
            portal=Hole("sgn", "19.11"),
            support=READ + "w",
            marketing=READ,
            accountant=READ,
            salesperson=READ + "w",
            sales_manager=READ + "w",
            configurator=READ + "w",
        ),
        note="A field a configurator added on contacts: for internal users unless he "
        "chooses to show it to the customer.",
    ),
    Row(
        "res.users/self",
        probe=Find((("id", "=", Me()),)),
        create={"name": "Matrix new user", "login": "matrix_new_user"},
        write={"pbx_extension": "4242", "crm_dial_on_mobile": True},
        labels_shown={"groups_id": ("portal",)},
        roles=roles(
            portal=Hole(READ, "19.5"),
            support=READ + "w",
            marketing=Hole(READ, "19.5"),
            accountant=Hole(READ, "19.5"),
            salesperson=READ + "w",
            sales_manager=READ + "w",
            configurator=READ + "w",
        ),
        note="One's own user: the PBX extension and dial-on-mobile settings are for "
        "the roles that take calls, sales and support (roles table).",
    ),
    Row(
        "res.users/colleague",
        probe=Find((("id", "=", User("outsider_salesperson")),)),
        write={"name": "Matrix colleague renamed"},
        roles=roles(
            support=READ,
            marketing=READ,
            accountant=READ,
            salesperson=READ,
            sales_manager=READ,
            configurator=READ,
        ),
    ),
    Row(
        "res.groups",
        probe=Find((("id", "=", Ref("crm_custom.group_crm_sales_user")),)),
        create={"name": "Matrix new group"},
        write={"comment": "Renamed by the matrix"},
        impossible="u",  # Odoo keeps groups that access rights name
        roles=roles(
            support="srgn",
            marketing="srgn",
            accountant="srgn",
            salesperson="srgn",
            sales_manager="srgn",
            configurator="srgn",
        ),
    ),
    Row(
        "mail.compose.message",
        probe={"subject": "Matrix message", "body": "<p>Matrix</p>"},
        create={"subject": "Matrix new message", "body": "<p>Matrix</p>"},
        write={"subject": "Matrix message changed"},
        roles=roles(
            support="c",
            marketing="c",
            accountant="c",
            salesperson="c",
            sales_manager="c",
            configurator="c",
        ),
        note="Odoo's email composer (crm_newsletter sends an issue through it): "
        "each user opens his own; another's is his.",
    ),
    Row(
        "res.config.settings",
        probe={},
        create={},
        roles=roles(),
    ),
    Row(
        "crm.customer.event.log",
        probe={
            "res_model": "res.partner",
            "res_id": Fixture("customer"),
            "body": "Matrix draft of a colleague",
        },
        create={"res_model": "res.partner", "res_id": Fixture("customer"), "body": "Matrix draft"},
        write={"body": "Matrix draft changed"},
        probe_user="outsider_salesperson",
        roles=roles(
            support=Hole("c", "19.11"),
            marketing=Hole("c", "19.11"),
            accountant=Hole("c", "19.11"),
            salesperson=Hole("c", "19.11"),
            sales_manager=Hole("c", "19.11"),
            configurator=Hole("c", "19.11"),
        ),
        note="A colleague's draft of Log Customer Event.",
    ),
    Row(
        "mail.message",
        probe=Find(
            (
                ("model", "=", "res.partner"),
                ("res_id", "=", Fixture("customer")),
                ("body", "ilike", "Matrix history entry"),
            )
        ),
        create={
            "model": "res.partner",
            "res_id": Fixture("customer"),
            "body": "Matrix note",
            "message_type": "comment",
        },
        write={"body": "Matrix history entry changed"},
        labels_shown={"author_id": ("portal",)},
        roles=roles(
            portal=READ,
            support=ALL,
            marketing=READ,
            accountant=READ,
            salesperson=ALL,
            sales_manager=ALL,
            configurator=ALL,
        ),
        note="A history entry on the customer, with a public tag and a colleague's personal tag.",
    ),
    Row(
        "mail.mail",
        probe={
            "subject": "Matrix mail",
            "body_html": "<p>Hello</p>",
            "email_to": "customer@example.com",
        },
        create={
            "subject": "Matrix new mail",
            "body_html": "<p>Hi</p>",
            "email_to": "customer@example.com",
        },
        write={"subject": "Matrix mail renamed"},
        roles=roles(),
    ),
    Row(
        "mail.activity",
        probe={
            "res_model_id": ModelId("crm.lead"),
            "res_id": Probe("crm.lead/teammate"),
            "summary": "Matrix activity",
            "user_id": User("other_salesperson"),
            "crm_tag_ids": [(6, 0, [Probe("crm.tag/public")])],
        },
        create={
            "res_model_id": ModelId("crm.lead"),
            "res_id": Probe("crm.lead/teammate"),
            "summary": "Matrix new activity",
        },
        write={"summary": "Matrix activity renamed"},
        roles=roles(salesperson=ALL, sales_manager=ALL, configurator=ALL),
    ),
    Row(
        "calendar.event",
        probe={
            "name": "Matrix meeting",
            "opportunity_id": Probe("crm.lead/other team"),
            "start": "2026-12-10 10:00:00",
            "stop": "2026-12-10 11:00:00",
            "user_id": User("outsider_salesperson"),
            "crm_tag_ids": [(6, 0, [Probe("crm.tag/public")])],
        },
        create={
            "name": "Matrix new meeting",
            "start": "2026-12-11 10:00:00",
            "stop": "2026-12-11 11:00:00",
        },
        write={"name": "Matrix meeting renamed"},
        # Meetings are shared by Odoo's calendar; a salesperson reads opportunities.
        labels_shown={"opportunity_id": ("salesperson",)},
        label_holes={"opportunity_id": "19.9"},
        roles=roles(
            support=ALL,
            marketing=ALL,
            accountant=ALL,
            salesperson=ALL,
            sales_manager=ALL,
            configurator=ALL,
        ),
        note="A meeting of another team's opportunity.",
    ),
    # ----------------------------------------------------------- marketing
    Row(
        "utm.campaign",
        probe={"title": "Matrix campaign"},
        create={"title": "Matrix new campaign"},
        write={"crm_budget": 5000},
        roles=roles(
            support=Hole("srgnc", "19.11"),
            marketing=ALL,
            accountant=Hole("srgnc", "19.11"),
            salesperson=Hole("srgnc", "19.11"),
            sales_manager="srgncw",
            configurator="srgncw",
        ),
    ),
    Row(
        "utm.source",
        probe={"name": "Matrix source"},
        create={"name": "Matrix new source"},
        write={"name": "Matrix source renamed"},
        roles=roles(
            support=READ + "cw",
            marketing=ALL,
            accountant=READ + "cw",
            salesperson=READ + "cw",
            sales_manager=READ + "cw",
            configurator=READ + "cw",
        ),
    ),
    Row(
        "utm.medium",
        probe={"name": "Matrix medium"},
        create={"name": "Matrix new medium"},
        write={"name": "Matrix medium renamed"},
        roles=roles(
            support=READ + "cw",
            marketing=ALL,
            accountant=READ + "cw",
            salesperson=READ + "cw",
            sales_manager=READ + "cw",
            configurator=READ + "cw",
        ),
    ),
    Row(
        "crm.campaign.report",
        impossible="cwu",
        probe=Find(()),
        roles=roles(accountant=READ, sales_manager=READ, configurator=READ),
        note="Campaign Cost and Conversion: one row per lead of a campaign (SQL view).",
    ),
    Row(
        "crm.lead.invoice.link",
        probe={
            "lead_id": Probe("crm.lead/other team"),
            "invoice_id": Probe("account.move/linked to an opportunity"),
        },
        create={
            "lead_id": Probe("crm.lead/other team"),
            "invoice_id": Probe("account.move/linked to an opportunity"),
        },
        roles=roles(accountant="srigcw"),
        note="The Link an Invoice window of an opportunity (each user opens his own).",
    ),
    Row(
        "crm.settings",
        probe={},
        create={},
        roles=roles(sales_manager="srigcw", configurator="srigcw"),
        note="CRM > Configuration > CRM Settings (each user opens his own).",
    ),
    Row(
        "mailing.list",
        probe={"name": "Matrix list"},
        create={"name": "Matrix new list"},
        write={"name": "Matrix list renamed"},
        roles=roles(marketing=ALL),
    ),
    Row(
        "mailing.mailing",
        probe={
            "subject": "Matrix newsletter",
            "mailing_model_id": ModelId("mailing.list"),
            "contact_list_ids": [(6, 0, [Probe("mailing.list")])],
        },
        create={"subject": "Matrix new newsletter", "mailing_model_id": ModelId("mailing.list")},
        write={"subject": "Matrix newsletter renamed"},
        roles=roles(marketing=ALL),
    ),
    # ------------------------------------------------------ newsletters
    Row(
        "crm.newsletter.layout",
        probe=Find((("id", "=", Ref("crm_newsletter.layout_classic")),)),
        create={
            "name": "Matrix layout",
            "arch": "<html><body><h1 t-out=\"issue['title']\"/></body></html>",
        },
        write={"description": "Matrix layout described"},
        impossible="u",
        roles=roles(
            marketing=READ + "cw",
            salesperson=READ,
            sales_manager=READ,
            configurator=READ,
        ),
        note="A shipped display template (newsletters use it: not deleted).",
    ),
    Row(
        "crm.newsletter",
        probe={"name": "Matrix newsletter"},
        create={"name": "Matrix new newsletter"},
        write={"feed_url": "https://example.com/feed.xml"},
        roles=roles(marketing=ALL, salesperson=READ, sales_manager=READ, configurator=READ),
        note="An unpublished newsletter.",
    ),
    Row(
        "crm.newsletter.issue",
        probe={
            "newsletter_id": Probe("crm.newsletter"),
            "name": "Matrix issue",
            "contact_list_ids": [(6, 0, [Probe("mailing.list")])],
            "mailing_id": Probe("mailing.mailing"),
        },
        create={"newsletter_id": Probe("crm.newsletter"), "name": "Matrix new issue", "number": 2},
        write={"name": "Matrix issue renamed"},
        # Reading an issue, salespeople see to which lists it goes (their
        # names only), as they see its audience segment, and its mailing's name.
        labels_shown=dict.fromkeys(
            ("contact_list_ids", "mailing_id"), ("salesperson", "sales_manager", "configurator")
        ),
        roles=roles(
            marketing=ALL,
            salesperson=READ,
            sales_manager=READ,
            configurator=READ,
        ),
        note="A draft issue with a news item, to a mailing list, sent through Odoo's mailing.",
    ),
    Row(
        "crm.newsletter.item",
        probe={"issue_id": Probe("crm.newsletter.issue"), "headline": "Matrix news"},
        create={"issue_id": Probe("crm.newsletter.issue"), "headline": "Matrix new news"},
        write={"headline": "Matrix news renamed"},
        roles=roles(
            marketing=NO_NAME + "cwu",
            salesperson=NO_NAME,
            sales_manager=NO_NAME,
            configurator=NO_NAME,
        ),
    ),
    Row(
        "crm.newsletter.segment",
        probe={"name": "Matrix segment"},
        create={"name": "Matrix new segment"},
        write={"name": "Matrix segment renamed"},
        roles=roles(marketing=ALL, salesperson=READ, sales_manager=READ, configurator=READ),
    ),
    Row(
        "crm.newsletter.segment.rule",
        probe={"segment_id": Probe("crm.newsletter.segment"), "kind": "orders", "value": 2},
        create={"segment_id": Probe("crm.newsletter.segment"), "kind": "orders", "value": 3},
        write={"value": 5},
        roles=roles(
            marketing=NO_NAME + "cwu",
            salesperson=NO_NAME,
            sales_manager=NO_NAME,
            configurator=NO_NAME,
        ),
    ),
    Row(
        "mailing.trace",
        probe={
            "mass_mailing_id": Probe("mailing.mailing"),
            "model": "res.partner",
            "res_id": Fixture("customer"),
            "email": "matrix@example.com",
        },
        create={
            "mass_mailing_id": Probe("mailing.mailing"),
            "model": "res.partner",
            "res_id": Fixture("customer"),
            "email": "matrix-new@example.com",
        },
        write={"trace_status": "sent"},
        roles=roles(marketing=ALL),
        note="Odoo's trace of one email of the issue's mailing, to the customer.",
    ),
    Row(
        "crm.newsletter.report",
        impossible="wu",
        probe=Find((("issue_id", "=", Probe("crm.newsletter.issue")),)),
        roles=roles(
            marketing=NO_NAME, salesperson=NO_NAME, sales_manager=NO_NAME, configurator=NO_NAME
        ),
        note="The statistics of an issue: one line per email.",
    ),
    # ------------------------------------------------------------ invoicing
    Row(
        "account.move/draft",
        probe={
            "move_type": "out_invoice",
            "partner_id": Fixture("customer"),
            "opportunity_id": Probe("crm.lead/other team"),
            "invoice_line_ids": [
                (0, 0, {"name": "Matrix service", "quantity": 1, "price_unit": 100})
            ],
        },
        create={"move_type": "out_invoice", "partner_id": Fixture("customer")},
        write={"ref": "Matrix reference"},
        roles=roles(support="srgn", accountant=ALL, sales_manager=READ, configurator=READ),
        note="A draft invoice of the portal customer, linked to another team's opportunity.",
    ),
    Row(
        "account.move/posted, the customer's",
        probe={
            "move_type": "out_invoice",
            "partner_id": Fixture("customer"),
            "opportunity_id": Probe("crm.lead/other team"),
            "invoice_line_ids": [
                (0, 0, {"name": "Matrix service", "quantity": 1, "price_unit": 100})
            ],
        },
        after_create="action_post",
        create=None,
        write={"ref": "Matrix reference"},
        impossible="u",
        # Odoo's own invoice shows the customer who sells to him and for whom.
        labels_shown=dict.fromkeys(
            ("bank_partner_id", "invoice_user_id", "user_id", "team_id"), ("portal",)
        ),
        label_holes={"opportunity_id": "19.7"},
        roles=roles(
            portal="srgn",
            support="srgn",
            accountant=READ + "w",
            sales_manager=READ,
            configurator=READ,
        ),
        note="The portal customer's own invoice, linked to another team's opportunity "
        "(which he must not see, hole 19.7).",
    ),
    Row(
        "account.move/linked to an opportunity",
        probe={"move_type": "out_invoice", "partner_id": Fixture("customer")},
        create=None,
        write={"opportunity_id": Probe("crm.lead/other team")},
        roles=roles(support="srgn", accountant=READ + "wu", sales_manager=READ, configurator=READ),
        note="An accountant links a draft invoice to the opportunity it came from.",
    ),
    Row(
        "sale.order/the customer's",
        probe={
            "partner_id": Fixture("customer"),
            "user_id": User("outsider_salesperson"),
            "team_id": Fixture("other_team"),
        },
        create={"partner_id": Fixture("customer")},
        write={"client_order_ref": "Matrix order"},
        roles=roles(
            support="sgn",
            accountant=READ + "w",
            salesperson="c",
            sales_manager=ALL,
            configurator=ALL,
        ),
        note="An order of another team's salesperson for the portal customer; Support "
        "follows its status.",
    ),
    Row(
        "account.bank.statement.line",
        probe={
            "journal_id": Find((("type", "=", "bank"),), model="account.journal"),
            "amount": 100,
            "payment_ref": "Matrix payment",
            "partner_id": Fixture("customer"),
        },
        create={
            "journal_id": Find((("type", "=", "bank"),), model="account.journal"),
            "amount": 50,
            "payment_ref": "Matrix new payment",
        },
        write={"payment_ref": "Matrix payment renamed"},
        roles=roles(accountant=READ),
    ),
    # ------------------------------------------------ the customer club (crm_portal)
    Row(
        "res.partner/another customer",
        impossible="u",
        probe={"name": "Matrix other customer"},
        create=None,
        write={"phone": "+98 21 1234 5679"},
        roles=roles(
            support=READ + "w",
            marketing=READ,
            accountant=READ,
            salesperson=READ + "w",
            sales_manager=READ + "w",
            configurator=READ + "w",
        ),
        note="A customer of another company than the portal customer's, with a request.",
    ),
    Row(
        "res.company",
        probe=Find((("id", "=", Ref("base.main_company")),)),
        create={"name": "Matrix company"},
        write={"crm_portal_requests_title": "Matrix requests"},
        impossible="u",
        # Odoo's own: the portal shows the customer the company he deals with.
        labels_shown={"partner_id": ("portal",)},
        roles=roles(
            portal="srgn",
            support=READ,
            marketing=READ,
            accountant=READ,
            salesperson=READ,
            sales_manager=READ,
            configurator=READ,
        ),
        note="The company, with the portal's titles: set in the settings by an "
        "administrator. The customer's portal reads it; not Odoo's company form.",
    ),
    Row(
        "crm.portal.request.type",
        probe={"name": "Matrix request type"},
        create={"name": "Matrix new request type"},
        write={"name": "Matrix request type renamed"},
        # Marketing builds the public forms on the types (no form view of a type).
        roles=roles(
            portal=READ,
            support=READ,
            marketing="srgn",
            accountant=READ,
            salesperson=READ,
            sales_manager=ALL,
            configurator=ALL,
        ),
    ),
    Row(
        "crm.portal.request.type/with requests",
        probe={
            "name": "Matrix type of the requests",
            "create_lead": False,
            "field_definitions": [
                {"name": "matrix_answer", "string": "Matrix answer", "type": "char"}
            ],
            "stage_ids": [(0, 0, {"name": "Matrix received", "sequence": 1})],
        },
        write={"description": "<p>What we need from you</p>"},
        impossible="u",
        roles=roles(
            portal=READ,
            support=READ,
            marketing="srgn",
            accountant=READ,
            salesperson=READ,
            sales_manager=READ + "w",
            configurator=READ + "w",
        ),
        note="A type with requests cannot be deleted (archived instead).",
    ),
    Row(
        "crm.portal.request.stage",
        probe={
            "type_id": Probe("crm.portal.request.type/with requests"),
            "name": "Matrix internal review",
            "customer_visible": False,
            "sequence": 20,
        },
        create={"type_id": Probe("crm.portal.request.type/with requests"), "name": "Matrix new"},
        write={"customer_name": "Matrix under review"},
        roles=roles(
            support=READ,
            accountant=READ,
            salesperson=READ,
            sales_manager=ALL,
            configurator=ALL,
        ),
        note="A stage the customer does not see: not even its name.",
    ),
    Row(
        "crm.portal.form",
        probe={"name": "Matrix form", "type_id": Probe("crm.portal.request.type/with requests")},
        create={
            "name": "Matrix new form",
            "type_id": Probe("crm.portal.request.type/with requests"),
        },
        write={"name": "Matrix form renamed"},
        roles=roles(
            marketing=ALL,
            salesperson=READ,
            sales_manager=ALL,
            configurator=ALL,
        ),
        note="A public form of customer requests (Marketing's sign-up forms).",
    ),
    Row(
        "crm.portal.form.field",
        probe=Find(()),
        impossible="c",
        write={"label": "Matrix question"},
        roles=roles(
            marketing=NO_NAME + "wu",
            salesperson=NO_NAME,
            sales_manager=NO_NAME + "wu",
            configurator=NO_NAME + "wu",
        ),
        note="A question of a demo form.",
    ),
    Row(
        "crm.portal.form.submission",
        probe={"form_id": Probe("crm.portal.form"), "email": "matrix.visitor@example.com"},
        impossible="c",
        # Support reads what visitors sent, and the name of the form they used.
        labels_shown={"form_id": ("support",)},
        roles=roles(
            support=READ,
            marketing=READ,
            salesperson=READ,
            sales_manager=READ,
            configurator=READ,
        ),
        note="What a visitor sent through a public form.",
    ),
    Row(
        "crm.portal.form.usage",
        probe={"key": "matrix", "window_start": "2026-01-01 00:00:00", "hits": 1},
        create={"key": "matrix new", "window_start": "2026-01-01 00:00:00"},
        roles=roles(),
        note="The public forms' rate-limit counters: administrators only.",
    ),
    Row(
        "ir.cron",
        probe=Find((("id", "=", Ref("base.autovacuum_job")),)),
        create={
            "name": "Matrix job",
            "model_id": ModelId("res.partner"),
            "state": "code",
            "code": "model.browse()",
        },
        write={"interval_number": 2},
        roles=roles(),
        note="Odoo's scheduled jobs, whose triggers a public form's posts coalesce: "
        "administrators only.",
    ),
    Row(
        "crm.portal.field.access",
        probe=Find((("type_id", "=", Probe("crm.portal.request.type/with requests")),)),
        create={
            "type_id": Probe("crm.portal.request.type/with requests"),
            "field_name": "matrix_answer",
            "stage_id": Probe("crm.portal.request.stage"),
            "access": "readonly",
        },
        write={"access": "editable"},
        roles=roles(
            portal=READ,
            support=READ,
            marketing=READ,
            accountant=READ,
            salesperson=READ,
            sales_manager=ALL,
            configurator=ALL,
        ),
        note="What the customer may do with a field of a request type.",
    ),
    Row(
        "crm.portal.request/the customer's",
        probe={
            "type_id": Probe("crm.portal.request.type/with requests"),
            "partner_id": Fixture("customer"),
            "lead_id": Probe("crm.lead/teammate"),
        },
        create={
            "type_id": Probe("crm.portal.request.type/with requests"),
            "partner_id": Fixture("customer"),
        },
        write={"stage_id": Probe("crm.portal.request.stage")},
        button="action_revoke_share_links",
        roles=roles(
            portal="srgn",
            support=READ + "cwb",
            accountant=READ,
            salesperson=READ + "cwb",
            sales_manager=ALL + "b",
            configurator=ALL + "b",
        ),
        note="A request of the portal customer; the button revokes its share links. "
        "The customer reads it in his portal, not through the back end's form.",
    ),
    Row(
        "crm.portal.request/in an internal stage",
        probe={
            "type_id": Probe("crm.portal.request.type/with requests"),
            "partner_id": Fixture("customer"),
            "stage_id": Probe("crm.portal.request.stage"),
        },
        create=None,
        write={"tag_ids": [(6, 0, [Probe("crm.tag/public")])]},
        roles=roles(
            portal="srgn",
            support=READ + "w",
            accountant=READ,
            salesperson=READ + "w",
            sales_manager=READ + "wu",
            configurator=READ + "wu",
        ),
        note="The customer's request in a stage he must not see: he still sees the "
        "last status meant for him, never the stage's name.",
    ),
    Row(
        "crm.portal.request/another customer's",
        probe={
            "type_id": Probe("crm.portal.request.type/with requests"),
            "partner_id": Probe("res.partner/another customer"),
        },
        create=None,
        write={"stage_id": Probe("crm.portal.request.stage")},
        roles=roles(
            support=READ + "w",
            accountant=READ,
            salesperson=READ + "w",
            sales_manager=READ + "wu",
            configurator=READ + "wu",
        ),
    ),
    Row(
        "crm.portal.request/its lead",
        probe={
            "type_id": Probe("crm.portal.request.type/with requests"),
            "partner_id": Fixture("customer"),
            "lead_id": Probe("crm.lead/teammate"),
        },
        create=None,
        read_fields=("name", "lead_id"),
        write={"lead_id": Probe("crm.lead/own")},
        roles=roles(
            portal="sgn",
            support="sgn",
            accountant=READ,
            salesperson=READ + "w",
            sales_manager=READ + "wu",
            configurator=READ + "wu",
        ),
        note="The lead behind a request: for the sales team and the accountant only.",
    ),
    Row(
        "crm.portal.request/linked to an order",
        probe={
            "type_id": Probe("crm.portal.request.type/with requests"),
            "partner_id": Fixture("customer"),
        },
        create=None,
        read_fields=("name", "sale_order_name", "sale_order_state"),
        write={"sale_order_id": Probe("sale.order/the customer's")},
        roles=roles(
            portal=READ,
            support=READ,
            accountant=READ,
            salesperson=READ + "w",
            sales_manager=READ + "wu",
            configurator=READ + "wu",
        ),
        note="Linking a request to the customer's order (crm_portal_sale): the "
        "sales team; the customer and Support see the order's number and state.",
    ),
    Row(
        "crm.portal.request.status/seen by the customer",
        probe=Find(
            (
                ("request_id", "=", Probe("crm.portal.request/the customer's")),
                ("stage_id.customer_visible", "=", True),
            )
        ),
        create={
            "request_id": Probe("crm.portal.request/the customer's"),
            "stage_id": Probe("crm.portal.request.stage"),
        },
        write={"date": "2026-01-02 10:00:00"},
        roles=roles(
            portal=NO_NAME,
            support=NO_NAME,
            accountant=NO_NAME,
            salesperson=NO_NAME,
            sales_manager=NO_NAME,
            configurator=NO_NAME,
        ),
        note="The history of a request's stages: written by the server only.",
    ),
    Row(
        "crm.portal.request.status/internal stage",
        probe={
            "request_id": Probe("crm.portal.request/the customer's"),
            "stage_id": Probe("crm.portal.request.stage"),
        },
        create=None,
        write={"date": "2026-01-02 10:00:00"},
        roles=roles(
            support=NO_NAME,
            accountant=NO_NAME,
            salesperson=NO_NAME,
            sales_manager=NO_NAME,
            configurator=NO_NAME,
        ),
        note="The customer's request entered a stage he does not see.",
    ),
    Row(
        "crm.portal.request.status/another customer's",
        probe=Find((("request_id", "=", Probe("crm.portal.request/another customer's")),)),
        create=None,
        write={"date": "2026-01-02 10:00:00"},
        roles=roles(
            support=NO_NAME,
            accountant=NO_NAME,
            salesperson=NO_NAME,
            sales_manager=NO_NAME,
            configurator=NO_NAME,
        ),
    ),
    Row(
        "crm.portal.step/the customer's",
        probe={
            "request_id": Probe("crm.portal.request/the customer's"),
            "name": "Matrix approval",
            "kind": "approve",
        },
        create={
            "request_id": Probe("crm.portal.request/the customer's"),
            "name": "Matrix new step",
            "kind": "upload",
        },
        write={"date_deadline": "2026-12-20"},
        roles=roles(
            portal=READ,
            support=READ + "cw",
            accountant=READ,
            salesperson=ALL,
            sales_manager=ALL,
            configurator=ALL,
        ),
        note="A step the portal customer must do (he does it through /my/steps).",
    ),
    Row(
        "crm.portal.step/another customer's",
        probe={
            "request_id": Probe("crm.portal.request/another customer's"),
            "name": "Matrix other approval",
            "kind": "approve",
        },
        create=None,
        write={"date_deadline": "2026-12-20"},
        roles=roles(
            support=READ + "w",
            accountant=READ,
            salesperson=READ + "wu",
            sales_manager=READ + "wu",
            configurator=READ + "wu",
        ),
    ),
    Row(
        "crm.portal.share.link",
        probe={
            "request_id": Probe("crm.portal.request/the customer's"),
            "token_hash": "matrix-hash",
            "date_expire": "2027-01-01 00:00:00",
        },
        create={
            "request_id": Probe("crm.portal.request/the customer's"),
            "token_hash": "matrix-new-hash",
            "date_expire": "2027-01-01 00:00:00",
        },
        write={"revoked": True},
        button="action_revoke",
        roles=roles(
            support=READ + "b",
            salesperson=READ + "b",
            sales_manager=READ + "b",
            configurator=READ + "b",
        ),
        note="A share link of the customer's request: issued and revoked by the server, "
        "revoked by those who may change the request.",
    ),
    Row(
        "crm.portal.share.log",
        probe={"link_id": Probe("crm.portal.share.link"), "ip_address": "192.0.2.1"},
        create={"link_id": Probe("crm.portal.share.link")},
        write={"user_agent": "Matrix browser"},
        roles=roles(
            support=NO_NAME, salesperson=NO_NAME, sales_manager=NO_NAME, configurator=NO_NAME
        ),
        note="Who opened a share link: written by the server only.",
    ),
    # ------------------------------------------------------------ telephony
    Row(
        "crm.phone.call",
        probe={
            "name": "Matrix call",
            "direction": "inbound",
            "from_number": "+982112345678",
            "agent_id": User("outsider_salesperson"),
            "team_id": Fixture("other_team"),
            "lead_id": Probe("crm.lead/other team"),
            "partner_id": Fixture("customer"),
        },
        create={"name": "Matrix new call", "direction": "outbound", "to_number": "+982112345678"},
        write={"notes": "Matrix notes"},
        roles=roles(support=READ + "w", sales_manager=ALL, configurator=ALL),
        note="A call another team's agent took.",
    ),
    Row(
        "crm.phone.call.event",
        probe={"event_id": "matrix-event-1", "call_id": Probe("crm.phone.call")},
        create={"event_id": "matrix-event-2"},
        write={"event_type": "ringing"},
        roles=roles(),
    ),
    Row(
        "crm.phone.dial.request/own",
        probe={"user_id": Me(), "number": "+982112345678"},
        create={"user_id": Me(), "number": "+982112345679"},
        write={"state": "done"},
        roles=roles(
            support=READ,
            marketing=READ,
            accountant=READ,
            salesperson=READ,
            sales_manager=READ,
            configurator=READ,
        ),
    ),
    Row(
        "crm.phone.webhook.nonce",
        probe={"signature": "matrix-signature"},
        create={"signature": "matrix-signature-2"},
        write={"signature": "matrix-signature-3"},
        roles=roles(),
    ),
    Row(
        "crm.phone.api.key.usage",
        probe={"key_id": "matrix-key", "window_start": "2026-12-01 10:00:00"},
        create={"key_id": "matrix-key-2", "window_start": "2026-12-01 10:00:00"},
        write={"hits": 0},
        roles=roles(),
    ),
    Row(
        "crm.phone.api.key/own mobile key",
        probe={"name": "Matrix phone", "kind": "mobile", "user_id": Me()},
        create={"name": "Matrix new phone", "kind": "mobile", "user_id": Me()},
        write={"name": "Matrix phone renamed"},
        roles=roles(
            support=SALES,
            marketing=SALES,
            accountant=SALES,
            salesperson=SALES,
            sales_manager=SALES,
            configurator=SALES,
        ),
        note="An employee creates, renames and revokes mobile keys for himself.",
    ),
    Row(
        "crm.phone.api.key/own key made a PBX key",
        probe={"name": "Matrix phone to PBX", "kind": "mobile", "user_id": Me()},
        create={"name": "Matrix new PBX", "kind": "pbx"},
        write={"kind": "pbx"},
        roles=roles(
            support=Hole(READ, "19.2"),
            marketing=Hole(READ, "19.2"),
            accountant=Hole(READ, "19.2"),
            salesperson=Hole(READ, "19.2"),
            sales_manager=Hole(READ, "19.2"),
            configurator=Hole(READ, "19.2"),
        ),
    ),
    Row(
        "crm.phone.api.key/own key given away",
        probe={"name": "Matrix phone given away", "kind": "mobile", "user_id": Me()},
        create={
            "name": "Matrix phone for a colleague",
            "kind": "mobile",
            "user_id": User("outsider_salesperson"),
        },
        write={"user_id": User("outsider_salesperson")},
        roles=roles(
            support=Hole(READ, "19.3"),
            marketing=Hole(READ, "19.3"),
            accountant=Hole(READ, "19.3"),
            salesperson=Hole(READ, "19.3"),
            sales_manager=Hole(READ, "19.3"),
            configurator=Hole(READ, "19.3"),
        ),
    ),
    Row(
        "crm.phone.api.key/own revoked key",
        probe={"name": "Matrix revoked phone", "kind": "mobile", "user_id": Me(), "active": False},
        write={"active": True},
        roles=roles(
            support=Hole(READ, "19.4"),
            marketing=Hole(READ, "19.4"),
            accountant=Hole(READ, "19.4"),
            salesperson=Hole(READ, "19.4"),
            sales_manager=Hole(READ, "19.4"),
            configurator=Hole(READ, "19.4"),
        ),
    ),
    Row(
        "crm.phone.api.key/colleague's key",
        probe={
            "name": "Matrix colleague phone",
            "kind": "mobile",
            "user_id": User("outsider_salesperson"),
        },
        write={"name": "Matrix colleague phone renamed"},
        roles=roles(),
    ),
    Gone(
        "crm.phone.api.key.secret",
        hole="19.1",
        note="the one-time display of a new key's secret: the secret is shown once "
        "from the action's result and never stored in clear",
    ),
]

DIAL_REQUEST = "crm.phone.dial.request/own"
CUSTOMER_REQUEST = "crm.portal.request/the customer's"
ISSUE = "crm.newsletter.issue"

# Every route our addons define, and what an anonymous visitor gets from it
# (with no credentials, made-up ones, malformed and oversized bodies).
ROUTES = {
    "/crm_telephony/v1/pbx/events": Route("POST", 401, "signed by a PBX key"),
    "/crm_telephony/v1/mobile/calls": Route("POST", 401, "a mobile key's bearer token"),
    "/crm_telephony/v1/mobile/dial_requests": Route("GET", 401, "a mobile key's bearer token"),
    "/crm_telephony/v1/mobile/dial_requests/<int:request_id>/ack": Route(
        "POST", 401, "a mobile key's bearer token", probes=(("request_id", DIAL_REQUEST),)
    ),
    # The customer club: a visitor is sent to the login page, or gets "not
    # found"; a made-up share token opens nothing.
    "/my/requests": Route("GET", 303, "the customer's requests: log in first"),
    "/my/requests/page/<int:page>": Route("GET", 303, "the customer's requests: log in first"),
    "/my/requests/<int:request_id>": Route(
        "GET",
        303,
        "the customer's request, or a share link's",
        probes=(("request_id", CUSTOMER_REQUEST),),
        tokens="access_token",
    ),
    "/my/requests/<int:request_id>/answers": Route(
        "POST", 303, "the customer changes his answers", probes=(("request_id", CUSTOMER_REQUEST),)
    ),
    "/my/requests/<int:request_id>/documents": Route(
        "POST", 303, "the customer sends documents", probes=(("request_id", CUSTOMER_REQUEST),)
    ),
    "/my/requests/<int:request_id>/documents/<int:attachment_id>": Route(
        "GET",
        404,
        "a document of the request, for its customer or a share link",
        probes=(("request_id", CUSTOMER_REQUEST),),
        tokens="access_token",
    ),
    # The public forms: an unknown form or confirmation link is "not found";
    # the customer panel's list of forms asks to log in.
    "/forms/<string:slug>": Route("GET", 404, "a published form's page"),
    "/forms/<string:slug>/submit": Route("POST", 404, "a visitor sends a published form"),
    "/forms/confirm/<string:token>": Route("GET", 404, "the link that proves an email address"),
    "/my/forms": Route("GET", 303, "the forms of the customer panel: log in first"),
    "/newsletter/preview/<int:issue_id>": Route(
        "GET", 303, "the back end's preview: log in first", probes=(("issue_id", ISSUE),)
    ),
    "/newsletter/<int:newsletter_id>": Route(
        "GET",
        404,
        "the public archive, of published newsletters only (the probe's is not)",
        probes=(("newsletter_id", "crm.newsletter"),),
    ),
    "/newsletter/issue/<int:issue_id>": Route(
        "GET",
        404,
        "view in browser: a sent issue, published or with its link's token",
        probes=(("issue_id", ISSUE),),
        tokens="token",
    ),
    "/my/steps": Route("GET", 303, "the customer's steps: log in first"),
    "/my/steps/page/<int:page>": Route("GET", 303, "the customer's steps: log in first"),
    "/my/steps/<int:step_id>/done": Route(
        "POST",
        303,
        "the customer does a step",
        probes=(("step_id", "crm.portal.step/the customer's"),),
    ),
}

# The README's roles table (README.md, "Roles"), phrase by phrase: the cells
# each "can" and "cannot" stands for. tests/test_readme_roles.py fails when a
# phrase has no entry here, an entry has no phrase, or the cells disagree
# (a "can" needs every operation listed, a "cannot" none of them).
README_ROLES = {
    "Marketing": "marketing",
    "Sales / User": "salesperson",
    "Sales / Manager": "sales_manager",
    "Support": "support",
    "Accountant": "accountant",
    "CRM Configurator": "configurator",
}
LEADS = ("crm.lead/own", "crm.lead/teammate", "crm.lead/other team", "crm.lead/lost, other team")
REQUESTS = ("crm.portal.request/the customer's", "crm.portal.request/another customer's")
STEPS = ("crm.portal.step/the customer's", "crm.portal.step/another customer's")
REQUEST_TYPES = (
    "crm.portal.request.type",
    "crm.portal.request.stage",
    "crm.portal.field.access",
)
NEWSLETTERS = (
    "crm.newsletter",
    "crm.newsletter.issue",
    "crm.newsletter.item",
    "crm.newsletter.segment",
    "crm.newsletter.segment.rule",
)
INVOICES = (
    "account.move/draft",
    "account.move/posted, the customer's",
    "account.move/linked to an opportunity",
)
README_CLAIMS = {
    ("Marketing", "can", "campaigns (with their budget and cost)"): [
        ("utm.campaign", ALL),
        ("utm.source", ALL),
    ],
    (
        "Marketing",
        "can",
        "sign-up forms: the public forms of customer requests "
        "(questions, options, publishing, campaign) and their submissions",
    ): [
        ("crm.portal.form", ALL),
        ("crm.portal.form.field", NO_NAME + "wu"),
        ("crm.portal.form.submission", READ),
    ],
    ("Marketing", "cannot", "decide which answers customers see in their panel"): [
        ("crm.portal.field.access", "cwu"),
    ],
    ("Marketing", "can", "mailings and mailing lists"): [
        ("mailing.mailing", ALL),
        ("mailing.list", ALL),
    ],
    # Sending goes through the issue's Odoo mailing.
    ("Marketing", "can", "newsletters (write, target, send)"): [
        *((key, NO_NAME + "cwu") for key in NEWSLETTERS),
        ("mailing.mailing", ALL),
    ],
    ("Marketing", "cannot", "read invoices"): [(key, READ) for key in INVOICES],
    ("Marketing", "cannot", "see customer requests"): [(key, READ) for key in (*REQUESTS, *STEPS)],
    ("Sales / User", "can", "the pipeline and leads (own, team's or all: a setting)"): [
        ("crm.lead/own", READ + "cw"),
        ("crm.lead/teammate", READ + "w"),
        ("crm.stage", READ),
    ],
    ("Sales / User", "can", "customers"): [("res.partner/customer", READ + "cw")],
    ("Sales / User", "can", "read newsletters and their statistics"): [
        *((key, NO_NAME) for key in NEWSLETTERS),
        ("crm.newsletter.report", NO_NAME),
    ],
    ("Sales / User", "cannot", "touch invoices or their payment status"): [
        *((key, "wu") for key in INVOICES),
        ("account.bank.statement.line", "cwu"),
    ],
    ("Sales / User", "can", "customer requests and their steps"): [
        *((key, READ + "w") for key in REQUESTS),
        ("crm.portal.request/the customer's", "c"),
        *((key, READ + "w") for key in STEPS),
        ("crm.portal.step/the customer's", "c"),
    ],
    ("Sales / User", "cannot", "configure stages or request types"): [
        ("crm.stage", "cwu"),
        *((key, "cwu") for key in REQUEST_TYPES),
    ],
    ("Sales / User", "cannot", "delete requests"): [(key, "u") for key in REQUESTS],
    ("Sales / Manager", "can", "every lead"): [(key, READ + "wu") for key in LEADS],
    ("Sales / Manager", "can", "teams"): [("crm.team", ALL)],
    ("Sales / Manager", "can", "stages and their progress"): [("crm.stage", ALL)],
    ("Sales / Manager", "can", "the CRM settings"): [("crm.settings", "c")],
    ("Sales / Manager", "can", "public forms"): [("crm.portal.form", ALL)],
    ("Sales / Manager", "can", "request types"): [("crm.portal.request.type", ALL)],
    ("Sales / Manager", "can", "their stages and customer field access"): [
        ("crm.portal.request.stage", ALL),
        ("crm.portal.field.access", ALL),
    ],
    ("Sales / Manager", "can", "moderate tags"): [
        ("crm.tag/public", READ + "cwu"),
        ("crm.tag.merge", "c"),
    ],
    ("Support", "can", "contacts (create, edit)"): [("res.partner/customer", READ + "cw")],
    ("Support", "can", "the status of customers' orders and invoices (read-only)"): [
        ("sale.order/the customer's", "s"),
        ("account.move/posted, the customer's", "s"),
    ],
    ("Support", "can", "read form submissions"): [("crm.portal.form.submission", READ)],
    ("Support", "can", "customer requests and their steps"): [
        *((key, READ + "w") for key in REQUESTS),
        ("crm.portal.request/the customer's", "c"),
        *((key, READ + "w") for key in STEPS),
        ("crm.portal.step/the customer's", "c"),
    ],
    # The request's button and the link's own method, both as the client calls them.
    ("Support", "can", "revoke share links"): [
        ("crm.portal.request/the customer's", "b"),
        ("crm.portal.share.link", READ + "b"),
    ],
    ("Support", "cannot", "read leads or opportunities (not even a request's lead)"): [
        *((key, READ) for key in LEADS),
        ("crm.portal.request/its lead", "riw"),
    ],
    ("Accountant", "can", "invoices"): [("account.move/draft", ALL)],
    ("Accountant", "can", "link them to opportunities"): [
        ("account.move/linked to an opportunity", READ + "w")
    ],
    ("Accountant", "can", "read the pipeline and its reports"): [
        *((key, READ) for key in LEADS),
        ("crm.funnel.report", READ),
        ("crm.campaign.report", READ),
    ],
    ("Accountant", "can", "read customer requests"): [
        *((key, READ) for key in (*REQUESTS, *STEPS, "crm.portal.request/its lead")),
    ],
    ("Accountant", "cannot", "change leads or requests"): [
        *((key, "cwu") for key in LEADS),
        *((key, "cwu") for key in REQUESTS),
        ("crm.portal.request/the customer's", "b"),
        *((key, "cwu") for key in STEPS),
    ],
    (
        "CRM Configurator",
        "can",
        "configure the CRM without code (stages, fields, processes, the CRM settings)",
    ): [
        ("crm.settings", "c"),
        ("crm.stage", ALL),
        ("crm.custom.field", ALL),
        ("crm.sales.process", ALL),
        ("crm.sales.process.stage", ALL),
    ],
    ("Sales / User", "can", "read public forms and their submissions"): [
        ("crm.portal.form", READ),
        ("crm.portal.form.submission", READ),
    ],
    ("CRM Configurator", "cannot", "administer users or access rights"): [
        ("res.users/colleague", "cwu"),
        ("res.groups", "cwu"),
    ],
}
