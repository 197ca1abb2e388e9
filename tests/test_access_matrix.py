# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The access matrix (tests/access_matrix.py), tried cell by cell over HTTP.

Every row x role x operation is one JSON-RPC call to /web/dataset/call_kw as
a real user of the role, with one session per role; calls that change data
are rolled back right after (a savepoint around the request), so the probes
are built once. Every differing cell is collected and the test fails once,
with one table of them all.
"""

import json
import os
import re
from collections import defaultdict
from functools import partial
from urllib.parse import urlencode

import access_matrix
from access_matrix_spec import (
    OPERATIONS,
    ROLES,
    Find,
    Fixture,
    Gone,
    Me,
    ModelId,
    Probe,
    Ref,
    User,
)
from lxml import etree

from odoo import Command, http
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged
from odoo.tests.common import HttpCase, Opener

from odoo.addons.crm_custom.tests.common import CrmRolesCase

SUITE = (
    "crm_custom",
    "crm_telephony",
    "crm_portal",
    "crm_newsletter",
    "crm_custom_sale",
    "crm_portal_sale",
    "crm_newsletter_sale",
)

# Errors by which the server refuses an operation (anything else is a bug).
REFUSALS = {
    "odoo.exceptions.AccessError",
    "odoo.exceptions.AccessDenied",
    "odoo.exceptions.MissingError",
    "odoo.exceptions.UserError",
    "odoo.exceptions.ValidationError",
    "odoo.exceptions.RedirectWarning",
    "odoo.http.SessionExpiredException",
}
ROLE_USERS = {
    "portal": "portal",
    "support": "support",
    "marketing": "marketing",
    "accountant": "accountant",
    "salesperson": "salesperson",
    "sales_manager": "sales_manager",
    "configurator": "configurator",
}


class Outcome:
    """What one call did: granted or not, and why not."""

    def __init__(self, granted, why="", result=None):
        self.granted = granted
        self.why = why
        self.result = result


@tagged("post_install", "-at_install", "crm_suite_http")
class TestAccessMatrix(HttpCase, CrmRolesCase):
    test_module = "crm_suite"
    test_class = "TestAccessMatrix"

    @classmethod
    def setUpClass(cls):
        # Registered first, so it runs after the class rollback: probes of
        # custom fields leave the registry too.
        cls.addClassCleanup(cls._forget_custom_fields)
        super().setUpClass()
        cls.portal = new_test_user(
            cls.env,
            login="matrix_portal",
            groups="base.group_portal",
            name="Matrix Portal Customer",
        )
        cls.portal.partner_id = cls.customer
        cls._set_lead_visibility("team")
        cls.public_tag = cls.env["crm.tag"].create({"name": "Matrix public tag"})
        cls.personal_tag = (
            cls.env["crm.tag"]
            .with_user(cls.outsider_salesperson)
            .sudo()
            .create({"name": "Matrix colleague tag", "kind": "personal"})
        )
        cls.users = {role: getattr(cls, ROLE_USERS[role]) for role in ROLE_USERS}
        cls.users["anonymous"] = cls.env.ref("base.public_user")
        cls.rows = [row for row in access_matrix.ROWS if not isinstance(row, Gone)]
        cls.probes = {}
        cls.with_history = defaultdict(set)  # model -> records given a history entry
        pending = [row for row in cls.rows if row.model in cls.env]
        while pending:
            ready = [row for row in pending if cls._needs(row) <= set(cls.probes)]
            assert ready, f"probes refer to rows that do not exist: {[r.key for r in pending]}"
            for row in ready:
                cls._make_probe(row)
            pending = [row for row in pending if row not in ready]
        cls.env.flush_all()

    @classmethod
    def _forget_custom_fields(cls, cr=None):
        """Rebuild the models from the database, so that custom fields
        created and rolled back leave the registry too."""
        if cr is None:  # at the end of the class, out of test mode
            with cls.registry.cursor() as cr:
                cls._forget_custom_fields(cr)
            return
        cls.registry.setup_models(cr)
        cls.registry.registry_invalidated = False
        cls.registry.clear_all_caches()

    # ------------------------------------------------------------ probes
    @classmethod
    def _resolve(cls, value, role):
        if isinstance(value, dict):
            return {key: cls._resolve(item, role) for key, item in value.items()}
        if isinstance(value, (list, tuple)):
            return type(value)(cls._resolve(item, role) for item in value)
        if isinstance(value, Me):
            return cls.users[role].id
        if isinstance(value, User):
            return getattr(cls, value.name).id
        if isinstance(value, Fixture):
            return getattr(cls, value.name).id
        if isinstance(value, Probe):
            return cls.probes[value.key][role]
        if isinstance(value, Ref):
            return cls.env.ref(value.xmlid).id
        if isinstance(value, ModelId):
            return cls.env["ir.model"]._get_id(value.model)
        if isinstance(value, Find):
            domain = cls._resolve(list(value.domain), ROLES[0])
            return cls.env[value.model].search(domain, order=value.order, limit=1).id
        return value

    @classmethod
    def _needs(cls, value):
        """The keys of the rows whose probes the values refer to."""
        if isinstance(value, access_matrix.Row):
            return cls._needs([value.probe, value.create, value.write])
        if isinstance(value, dict):
            return cls._needs(list(value.values()))
        if isinstance(value, (list, tuple)):
            return set().union(*(cls._needs(item) for item in value))
        if isinstance(value, Find):
            return cls._needs(value.domain)
        return {value.key} if isinstance(value, Probe) else set()

    @classmethod
    def _per_role(cls, value):
        """Whether values name the role's user, directly or through a probe."""
        if isinstance(value, dict):
            return any(cls._per_role(item) for item in value.values())
        if isinstance(value, (list, tuple)):
            return any(cls._per_role(item) for item in value)
        if isinstance(value, Me):
            return True
        if isinstance(value, Probe):
            return len(set(cls.probes[value.key].values())) > 1
        if isinstance(value, Find):
            return cls._per_role(value.domain)
        return False

    @classmethod
    def _make_probe(cls, row):
        Model = cls.env[row.model].with_context(active_test=False)
        if row.probe_user:
            Model = Model.with_user(getattr(cls, row.probe_user)).sudo()
        per_role = cls._per_role(row.probe)
        made = {}
        for role in ROLES if per_role else ROLES[:1]:
            if isinstance(row.probe, Find):
                domain = cls._resolve(list(row.probe.domain), role)
                record = Model.search(domain, order=row.probe.order, limit=1)
                assert record, f"{row.key}: no record matches the probe's domain {domain}"
            else:
                record = Model.create(cls._resolve(row.probe, role))
                if row.after_create:
                    getattr(record, row.after_create)()
            made[role] = record.id
        if not per_role:
            made = dict.fromkeys(ROLES, made[ROLES[0]])
        cls.probes[row.key] = made
        if cls._is_thread(row.model):
            for record_id in set(made.values()) - cls.with_history[row.model]:
                cls.with_history[row.model].add(record_id)
                message = (
                    Model.browse(record_id)
                    .sudo()
                    .message_post(
                        body="Matrix history entry",
                        message_type="comment",
                        subtype_xmlid="mail.mt_comment",
                    )
                )
                message.crm_tag_ids = [Command.set((cls.public_tag | cls.personal_tag).ids)]

    @classmethod
    def _is_thread(cls, model):
        """Models with a chatter of their own (res.users shows its partner's)."""
        return "message_post" in dir(cls.env[model]) and not cls.env[model]._inherits

    # ------------------------------------------------------------ HTTP
    def _sessions(self):
        """One logged-in opener per role; anonymous has no session."""
        openers = {}
        for role in ROLES:
            self.session = None
            if role == "anonymous":
                self.opener = Opener(self.cr)
            else:
                login = self.users[role].login
                self.authenticate(login, login)
            openers[role] = self.opener
        return openers

    def _post_json(self, role, url, params):
        self.opener = self.openers[role]
        payload = {"jsonrpc": "2.0", "method": "call", "id": 1, "params": params}
        response = self.url_open(
            url, data=json.dumps(payload), headers={"Content-Type": "application/json"}
        )
        if response.status_code != 200:
            return Outcome(False, f"HTTP {response.status_code}")
        body = response.json()
        if "error" in body:
            name = body["error"].get("data", {}).get("name", "?")
            message = body["error"].get("data", {}).get("message", "")
            if name in REFUSALS:
                return Outcome(False, name.rsplit(".", 1)[-1])
            return Outcome(False, f"ERROR {name}: {message[:120]}", result="error")
        return Outcome(True, result=body["result"])

    def _call_kw(self, role, model, method, args, kwargs=None, mutates=False, row=None):
        kwargs = dict(kwargs or {})
        kwargs["context"] = {**self.contexts[role], "active_test": False}
        params = {"model": model, "method": method, "args": args, "kwargs": kwargs}
        url = f"/web/dataset/call_kw/{model}/{method}"
        if not mutates:
            return self._post_json(role, url, params)
        self.env.flush_all()
        savepoint = self.cr.savepoint(flush=False)
        try:
            outcome = self._post_json(role, url, params)
        finally:
            savepoint.close(rollback=True)
            self.env.invalidate_all()
            if row is not None and row.rebuilds_registry and outcome.granted:
                self._forget_custom_fields(self.cr)
        return outcome

    # ------------------------------------------------------------ operations
    def _view_fields(self, role, model, view_type):
        """The fields the role's client reads: those of the model's default
        list or form view as the role gets it (fields of groups he lacks are
        left out by the view itself)."""
        key = role, model, view_type
        if key not in self.view_fields:
            try:
                views = self.env[model].with_user(self.users[role]).get_views([(False, view_type)])
                arch = etree.fromstring(views["views"][view_type]["arch"])
                # The view's own fields, not those of its x2many sub-views.
                names = arch.xpath("//field[not(ancestor::field)]/@name")
                fields = [name for name in dict.fromkeys(names) if name != "id"]
            except AccessError:
                fields = ["display_name"]
            self.view_fields[key] = fields
        return self.view_fields[key]

    def _group_by(self, model):
        Model = self.env[model]
        if "create_uid" in Model._fields and Model._fields["create_uid"].store:
            return "create_uid"
        for name, field in Model._fields.items():
            if field.store and field.type in ("many2one", "selection", "char", "date"):
                return name
        return "id"

    def _try(self, row, role, op):
        model, probe = row.model, self.probes[row.key][role]
        domain = [["id", "=", probe]]
        if op == "s":
            out = self._call_kw(role, model, "search", [domain])
            return self._found(out, out.result == [probe] if out.granted else False)
        if op == "r":
            fields = list(row.read_fields or self._view_fields(role, model, "list"))
            out = self._call_kw(role, model, "search_read", [domain], {"fields": fields})
            return self._found(out, out.granted and len(out.result) == 1)
        if op == "i":
            fields = list(row.read_fields or self._view_fields(role, model, "form"))
            out = self._call_kw(role, model, "read", [[probe]], {"fields": fields})
            return self._found(out, out.granted and len(out.result) == 1)
        if op == "g":
            out = self._call_kw(
                role,
                model,
                "read_group",
                [domain, ["__count"], [self._group_by(model)]],
                {"lazy": False},
            )
            total = sum(group["__count"] for group in out.result) if out.granted else 0
            return self._found(out, total == 1)
        if op == "n":
            out = self._call_kw(
                role, model, "name_search", [], {"name": "", "args": domain, "limit": 8}
            )
            return self._found(out, out.granted and probe in [pair[0] for pair in out.result])
        values = self._resolve(row.create if op == "c" else row.write or {}, role)
        if op == "c":
            return self._call_kw(role, model, "create", [values], mutates=True, row=row)
        if op == "w":
            return self._call_kw(role, model, "write", [[probe], values], mutates=True, row=row)
        if op == "b":
            return self._call_kw(role, model, row.button, [[probe]], mutates=True, row=row)
        return self._call_kw(role, model, "unlink", [[probe]], mutates=True, row=row)

    @staticmethod
    def _found(outcome, found):
        if outcome.granted and not found:
            return Outcome(False, "not found", result=outcome.result)
        return outcome

    # ------------------------------------------------------------ the table
    def _report(self, differences, title):
        if not differences:
            return
        lines = [
            f"{title}: {len(differences)} cell(s) differ from tests/access_matrix.py",
            f"{'row':<42} {'role':<14} {'operation':<24} {'declared':<9} observed",
        ]
        for row_key, role, op, declared, observed, hole in sorted(differences):
            mark = f"  [hole {hole}: passes once its fix is merged]" if hole else ""
            lines.append(f"{row_key:<42} {role:<14} {op:<24} {declared:<9} {observed}{mark}")
        self.fail("\n".join(lines))

    def setUp(self):
        super().setUp()
        self.contexts = {
            role: {"lang": "en_US", "tz": "UTC", "uid": self.users[role].id} for role in ROLES
        }
        self.openers = self._sessions()
        self.view_fields = {}

    def _dump(self, differences):
        """With CRM_MATRIX_DUMP=<file>, write the observed cells (to review a
        new row, never to copy blindly into the declaration)."""
        path = os.environ.get("CRM_MATRIX_DUMP")
        if not path:
            return
        flips = defaultdict(set)
        for row_key, role, op_name, _declared, _observed, _hole in differences:
            flips[row_key, role].add(next(k for k, v in OPERATIONS.items() if v == op_name))
        with open(path, "w", encoding="utf-8") as dump:
            for row in self.rows:
                cells = []
                for role in ROLES:
                    ops = set(row.cell(role).ops) ^ flips[row.key, role]
                    cells.append(f'{role}="{"".join(op for op in OPERATIONS if op in ops)}"')
                dump.write(f"{row.key}: {', '.join(cells)}\n")
                for role in ROLES:
                    whys = {
                        op: outcome.why
                        for (key, role_, op), outcome in self.outcomes.items()
                        if key == row.key and role_ == role and not outcome.granted
                    }
                    if len(set(whys.values())) > 1:
                        dump.write(f"    # {role}: {whys}\n")

    # ------------------------------------------------------------ tests
    def test_every_model_of_the_suite_has_rows(self):
        """A model of ours, or an Odoo model we add fields to, without a row fails."""
        declared = {row.model for row in self.rows}
        gone = {row.model: row for row in access_matrix.ROWS if isinstance(row, Gone)}
        walked = self._suite_models()
        problems = []
        for model in sorted(walked - declared - set(gone)):
            problems.append(
                f"{model} (from {', '.join(sorted(walked_by_module(self.env, model)))}): "
                f"no row in tests/access_matrix.py; add "
                f'Row("{model}", probe={{...}}, create={{...}}, write={{...}}, '
                f"roles=roles(...)) as the model must behave for each role"
            )
        for model in sorted(declared - walked):
            if model not in self.env:
                problems.append(f"{model}: declared but not installed; remove its rows")
        for model, row in sorted(gone.items()):
            if model in self.env:
                problems.append(
                    f"{model}: must not exist once hole {row.hole} is closed ({row.note}) "
                    f"[hole {row.hole}: passes once its fix is merged]"
                )
        self.assertFalse(problems, "\n".join(["The access matrix is incomplete:", *problems]))

    def _check_values_as_superuser(self):
        """A refusal must be about rights: the values must be valid at all."""
        problems = []
        for row in self.rows:
            Model = self.env[row.model].with_context(active_test=False)
            probe = Model.browse(self.probes[row.key]["salesperson"])
            attempts = {
                "write": partial(probe.write, self._resolve(row.write or {}, "salesperson")),
                "unlink": probe.unlink,
            }
            if row.button:
                attempts["button"] = getattr(probe, row.button)
            if row.create is not None:
                values = self._resolve(row.create, "salesperson")
                attempts["create"] = partial(Model.create, values)
            elif any("c" in row.cell(role).ops for role in ROLES):
                problems.append(f"{row.key}: declares create but gives no create values")
            for name, attempt in attempts.items():
                if name[0] in row.impossible:
                    continue
                self.env.flush_all()
                savepoint = self.cr.savepoint(flush=False)
                try:
                    attempt()
                    self.env.flush_all()
                except Exception as error:
                    problems.append(f"{row.key}: {name} fails even as superuser: {error}")
                finally:
                    savepoint.close(rollback=True)
                    self.env.invalidate_all()
                    if row.rebuilds_registry:
                        self._forget_custom_fields(self.cr)
        self.assertFalse(problems, "\n".join(problems))

    def _suite_models(self):
        data = self.env["ir.model.data"].search(
            [("module", "in", SUITE), ("model", "in", ("ir.model", "ir.model.fields"))]
        )
        models = set()
        for entry in data:
            record = self.env[entry.model].browse(entry.res_id)
            models.add(record.model)
        return {model for model in models if model in self.env and not self.env[model]._abstract}

    def test_matrix(self):
        """Every row x role x operation, as declared."""
        self._check_values_as_superuser()
        differences = []
        self.outcomes = {}
        for row in self.rows:
            for role in ROLES:
                cell = row.cell(role)
                for op, op_name in OPERATIONS.items():
                    if op == "c" and row.create is None:
                        continue  # create is tried on the model's other row
                    if op == "b" and not row.button:
                        continue
                    if role == "anonymous" and op not in "sc":
                        # Without a session every call ends at the login; one
                        # read and one write per model say so.
                        continue
                    outcome = self._try(row, role, op)
                    self.outcomes[row.key, role, op] = outcome
                    declared = op in cell.ops
                    if outcome.granted != declared or outcome.result == "error":
                        observed = "yes" if outcome.granted else f"no ({outcome.why})"
                        differences.append(
                            (
                                row.key,
                                role,
                                op_name,
                                "yes" if declared else "no",
                                observed,
                                cell.hole,
                            )
                        )
        self._dump(differences)
        self._report(differences, "Direct access")

    # ------------------------------------------------------------ indirect paths
    def _readable(self, role, model, record_id):
        """Whether the role may read that record (the ORM's answer as the role)."""
        key = role, model, record_id
        if key not in self.readable:
            records = self.env[model].with_user(self.users[role]).with_context(active_test=False)
            try:
                self.readable[key] = bool(records.search_count([("id", "=", record_id)]))
            except AccessError:
                self.readable[key] = False
        return self.readable[key]

    def _relational_fields(self, row, role):
        """Many2one and many2many fields of the row's model towards models of
        the matrix, that the role may read."""
        Model = self.env[row.model]
        matrix_models = {other.model for other in self.rows}
        user_env = self.env(user=self.users[role])
        return [
            name
            for name, field in Model._fields.items()
            if field.type in ("many2one", "many2many")
            and field.comodel_name in matrix_models
            and name not in ("create_uid", "write_uid")
            and field.is_accessible(user_env)
        ]

    def _hidden_ids(self, role, comodel, ids):
        return [record_id for record_id in ids if not self._readable(role, comodel, record_id)]

    def _label_leaks(self, row, role):
        """Values of a record the role reads that name records it may not read."""
        names = self._relational_fields(row, role)
        probe = self.probes[row.key][role]
        out = self._call_kw(role, row.model, "read", [[probe]], {"fields": names})
        if not names or not out.granted:
            return []  # the direct cells cover a record the role cannot read
        leaks = []
        for name in names:
            field, value = self.env[row.model]._fields[name], out.result[0][name]
            if field.type == "many2one":
                hidden = self._hidden_ids(role, field.comodel_name, [value[0]] if value else [])
                if hidden and role not in row.labels_shown.get(name, ()):
                    leaks.append((f"read: label of {name}", f"shown: {value[1]!r}", name))
            else:
                hidden = self._hidden_ids(role, field.comodel_name, value)
                if hidden and role not in row.labels_shown.get(name, ()):
                    leaks.append((f"read: ids in {name}", f"{field.comodel_name} {hidden}", name))
        return leaks

    def _group_label_leaks(self, row, role):
        """read_group labels of groups the role may not read, grouping the
        probe by each of its relational fields."""
        leaks = []
        probe = self.probes[row.key][role]
        record = self.env[row.model].with_context(active_test=False).browse(probe)
        for name in self._relational_fields(row, role):
            field = record._fields[name]
            if not field.store:
                continue
            if not self._hidden_ids(role, field.comodel_name, record[name].ids):
                continue  # no label here the role may not see
            out = self._call_kw(
                role,
                row.model,
                "read_group",
                [[["id", "=", probe]], ["__count"], [name]],
                {"lazy": False},
            )
            if not out.granted:
                continue
            for group in out.result:
                value = group[name]
                if not value:
                    continue
                hidden = self._hidden_ids(role, field.comodel_name, [value[0]])
                if hidden and role not in row.labels_shown.get(name, ()):
                    leaks.append((f"read_group: label of {name}", f"shown: {value[1]!r}", name))
        return leaks

    def test_labels(self):
        """No role sees, through a record it may read, the name of a record it
        may not read: many2one values, many2many ids, read_group labels."""
        self.readable = {}
        differences = []
        for row in self.rows:
            for role in ROLES[1:]:
                for op, observed, field_name in self._label_leaks(
                    row, role
                ) + self._group_label_leaks(row, role):
                    hole = row.label_holes.get(field_name, "")
                    differences.append((row.key, role, op, "hidden", observed, hole))
        self._report(differences, "Labels")

    def _others_personal_tags(self, role, tag_ids):
        tags = self.env["crm.tag"].browse(tag_ids).exists()
        return tags.filtered(
            lambda tag: tag.kind == "personal" and tag.owner_id != self.users[role]
        ).ids

    def _chatter(self, role, row):
        probe = self.probes[row.key][role]
        params = {"thread_model": row.model, "thread_id": probe}
        return self._post_json(role, "/mail/thread/messages", params)

    def test_chatter(self):
        """A role reads a record's history when it finds the record; the tags
        of the history are for internal users, and only those it may read."""
        self.readable = {}
        differences = []
        seen = set()
        for row in self.rows:
            threads = (row.model, tuple(self.probes[row.key].values()))
            if not self._is_thread(row.model) or threads in seen:
                continue  # another row of the same records says it
            seen.add(threads)
            for role in ROLES:
                cell = row.cell(role)
                out = self._chatter(role, row)
                messages = out.result["messages"] if out.granted else []
                found = bool(messages)
                if found != ("s" in cell.ops):
                    observed = f"{len(messages)} message(s)" if found else f"none ({out.why})"
                    declared = "messages" if "s" in cell.ops else "none"
                    differences.append((row.key, role, "chatter", declared, observed, cell.hole))
                store = out.result["data"] if out.granted else {}
                for message in store.get("mail.message", []):
                    tags = message.get("crmTags")
                    if tags is None:
                        continue
                    if self.users[role].share:
                        differences.append(
                            (
                                row.key,
                                role,
                                "chatter: crmTags",
                                "absent",
                                f"{[tag['name'] for tag in tags]}",
                                "",
                            )
                        )
                        continue
                    others = self._others_personal_tags(role, [tag["id"] for tag in tags])
                    if others:
                        differences.append(
                            (
                                row.key,
                                role,
                                "chatter: crmTags",
                                "no one else's personal tag",
                                f"crm.tag {others}",
                                "",
                            )
                        )
                if role == "anonymous":
                    data = self._post_json(
                        role, "/mail/thread/data", {**self._thread(row, role), "request_list": []}
                    )
                    thread = data.result.get(row.model, [{}])[0] if data.granted else {}
                    if thread.get("hasReadAccess"):
                        differences.append(
                            (row.key, role, "/mail/thread/data", "no access", "read access", "")
                        )
        self._report(differences, "Chatter")

    def _thread(self, row, role):
        return {"thread_model": row.model, "thread_id": self.probes[row.key][role]}

    # ------------------------------------------------------------ routes
    def _suite_routes(self):
        """Every route our addons define: url -> its routing (auth, methods)."""
        # Every installed module: a controller of ours that extends one of
        # Odoo's (the portal's) is found only from Odoo's class down.
        modules = list(self.registry._init_modules)
        routes = {}
        for url, endpoint in http._generate_routing_rules(modules, nodb_only=False):
            function = getattr(endpoint, "original_endpoint", endpoint)
            if function.__module__.split(".")[2:3] and function.__module__.split(".")[2] in SUITE:
                routes[url] = endpoint.routing
        return routes

    def test_public_routes(self):
        """Every route of ours is declared, and refuses an anonymous visitor,
        with and without made-up credentials and hostile bodies, without
        revealing anything."""
        declared = access_matrix.ROUTES
        routes = self._suite_routes()
        differences = [
            (url, "anonymous", "declared", "yes", f"no: add it to ROUTES ({routing['auth']})", "")
            for url, routing in routes.items()
            if url not in declared
        ]
        differences += [
            (url, "anonymous", "declared", "installed", "no such route: remove it", "")
            for url in declared
            if url not in routes
        ]
        self.opener = self.openers["anonymous"]
        for url, route in declared.items():
            if url not in routes:
                continue
            target = url
            for placeholder, row_key in route.probes:
                target = target.replace(
                    f"<int:{placeholder}>", str(self.probes[row_key]["salesperson"])
                )
            target = re.sub(r"<int:\w+>", "2", target)  # pages
            target = re.sub(r"<string:\w+>", "matrix-unknown", target)  # slugs, tokens
            for attempt, headers, body, query in route.attempts():
                response = self.url_open(
                    f"{target}?{urlencode(query)}" if query else target,
                    data=body if route.method == "POST" else None,
                    headers=headers,
                    allow_redirects=False,
                )
                observed = response.status_code
                leaked = [word for word in ("Matrix", "+98211234") if word in response.text]
                if observed != route.status or leaked:
                    differences.append(
                        (
                            url,
                            "anonymous",
                            attempt,
                            str(route.status),
                            f"{observed}{' revealing ' + str(leaked) if leaked else ''}",
                            "",
                        )
                    )
        self._report(differences, "Public routes")


def walked_by_module(env, model):
    data = env["ir.model.data"].search(
        [
            ("module", "in", SUITE),
            ("model", "=", "ir.model"),
            ("name", "=", "model_" + model.replace(".", "_")),
        ]
    )
    return set(data.mapped("module")) or {"fields only"}
