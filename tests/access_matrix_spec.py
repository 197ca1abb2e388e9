# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The vocabulary of the access matrix (tests/access_matrix.py).

Kept apart so that the declaration reads as a table: this module defines the
roles, the operations and the small helpers the rows are written with.
"""

from dataclasses import dataclass, field

# The roles, in the order of the columns of every table the test prints.
ROLES = (
    "anonymous",
    "portal",
    "support",
    "marketing",
    "accountant",
    "salesperson",
    "sales_manager",
    "configurator",
)

# One letter per operation, as the user's client calls it over JSON-RPC.
OPERATIONS = {
    "s": "search",  # search([('id', '=', probe)]) finds the probe
    "r": "read",  # search_read of the probe, every field the role may read
    "i": "read by id",  # read([probe]) by id, every field
    "g": "read_group",  # read_group over the probe counts it
    "n": "name_search",  # name_search offers the probe
    "c": "create",  # create(row.create)
    "w": "write",  # write([probe], row.write)
    "u": "unlink",  # unlink([probe])
    "b": "button",  # the row's button method on the probe (Row.button)
}

NONE = ""
READ = "srign"  # every way of reading
ALL = READ + "cwu"  # every operation but a row's button


# --- placeholders in probe / create / write values --------------------------
@dataclass(frozen=True)
class User:
    """A user of the fixture by its name in CrmRolesCase (or "portal")."""

    name: str


@dataclass(frozen=True)
class Me:
    """The user of the role being tried (the probe then exists per role)."""


@dataclass(frozen=True)
class Probe:
    """The probe record of another row (by its key)."""

    key: str


@dataclass(frozen=True)
class Ref:
    """A record by xml id."""

    xmlid: str


@dataclass(frozen=True)
class Fixture:
    """A record of the CrmRolesCase fixture: team, other_team, customer..."""

    name: str


@dataclass(frozen=True)
class ModelId:
    """The ir.model id of a model (for res_model_id fields)."""

    model: str


@dataclass(frozen=True)
class Find:
    """A probe that is looked up rather than created (SQL-view reports,
    records Odoo makes itself), or, with ``model``, a value looked up. The
    domain may hold placeholders."""

    domain: tuple = ()
    order: str = "id desc"
    model: str = None


@dataclass(frozen=True)
class Hole:
    """A cell as it must be once the named hole of issue 19 is fixed.

    On a branch where that fix is not merged the cell fails; the failure
    table names the hole so the reader knows why.
    """

    ops: str
    hole: str


@dataclass
class Row:
    """What each role may do with one kind of record of one model."""

    key: str  # "model" or "model/which record"
    probe: object  # values to create it as superuser, or Find(...)
    roles: dict  # role -> ops letters, or Hole(...)
    create: dict = None  # values a role tries to create; None: create({})
    write: dict = None  # values a role tries to write; None: write({})
    # A button (public method) of the model whose right the row declares
    # with the letter "b": tried on the probe as the client's button does.
    button: str = None
    probe_user: str = None  # the probe is created by this user (create_uid)
    after_create: str = None  # a method the probe goes through once created
    # The fields "read" and "read by id" ask for; by default those of the
    # model's list and form views as the role gets them.
    read_fields: tuple = None
    # Operations no one can perform on this probe whatever his rights (SQL
    # views, a contact linked to a user): not checked as superuser.
    impossible: str = ""
    # A successful create/write/unlink changes the model registry (custom
    # fields): the test rebuilds it after rolling the call back.
    rebuilds_registry: bool = False
    # Fields whose many2one label (or many2many ids) a role may see although
    # it cannot read the records they name (Odoo's own design), field -> roles.
    labels_shown: dict = field(default_factory=dict)
    # Label cells as they must be once a hole is fixed: field -> hole.
    label_holes: dict = field(default_factory=dict)
    note: str = ""

    @property
    def model(self):
        return self.key.split("/", 1)[0]

    def cell(self, role):
        value = self.roles[role]
        return value if isinstance(value, Hole) else Hole(value, "")


@dataclass(frozen=True)
class Gone:
    """A model that must no longer exist once the named hole is fixed."""

    model: str
    hole: str
    note: str = ""


def roles(default=NONE, **cells):
    """The cells of a row: every role not named gets ``default``."""
    unknown = set(cells) - set(ROLES)
    if unknown:
        raise ValueError(f"unknown roles: {sorted(unknown)}")
    return {role: cells.get(role, default) for role in ROLES}


def has(cell, ops):
    """Whether a cell (string or Hole) grants every operation in ``ops``."""
    granted = cell.ops if isinstance(cell, Hole) else cell
    return all(op in granted for op in ops)


# Bodies and credentials a visitor without a key may send to a public route.
HOSTILE = {
    "no credentials": ({}, b"{}"),
    "made-up bearer token": ({"Authorization": "Bearer crm_0000000000000000"}, b'{"calls": []}'),
    "made-up PBX key": (
        {"X-Crm-Key": "pbx_unknown", "X-Crm-Timestamp": "0", "X-Crm-Signature": "00"},
        b'{"events": [{"type": "ringing"}]}',
    ),
    "malformed JSON": ({"Authorization": "Bearer x"}, b"{not json"),
    "SQL in the token": ({"Authorization": "Bearer ' OR 1=1 --"}, b"{}"),
    "oversized body": ({}, b'{"events": "' + b"x" * (300 * 1024) + b'"}'),
}


# Share tokens a visitor may make up (the portal's ?access_token=...).
HOSTILE_TOKENS = {
    "made-up share token": "0" * 43,
    "SQL in the share token": "' OR 1=1 --",
    "oversized share token": "x" * 5000,
}


@dataclass(frozen=True)
class Route:
    """A route of ours and the HTTP status every anonymous attempt gets.

    ``probes`` names the row whose probe fills each placeholder of the URL
    (``(("request_id", "crm.portal.request/the customer's"),)``): the
    visitor asks for a record that exists. ``tokens``: the query parameter
    of the share token the route takes (``access_token``), tried made up.
    """

    method: str
    status: int
    note: str = ""
    probes: tuple = ()
    tokens: str = ""

    def attempts(self):
        for name, (headers, body) in HOSTILE.items():
            yield name, {"Content-Type": "application/json", **headers}, body, {}
        if self.tokens:
            for name, token in HOSTILE_TOKENS.items():
                yield name, {}, None, {self.tokens: token}
