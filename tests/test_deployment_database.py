# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The image's database steps, run here against the test server as in the containers.

* crm-init (docker/crm_init.py, the ``init`` service) installs once: on the
  installed test database it starts nothing; on a missing database it plans
  the full install; an addon added later is installed alone, never updated.
* docker/postgres-initdb/10-crm-role.sh (run by the postgres image on its first
  start) creates a role that is not a superuser and with which Odoo can still
  create its database and the extensions it wants.
"""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from contextlib import closing
from pathlib import Path

import pytest

import odoo
from odoo.tools import config

ROOT = Path(__file__).resolve().parent.parent
CRM_INIT = ROOT / "docker/crm_init.py"
ROLE_SCRIPT = ROOT / "docker/postgres-initdb/10-crm-role.sh"
SUITE = "crm_custom,crm_telephony,crm_portal,crm_newsletter"


def crm_init(*arguments: str) -> subprocess.CompletedProcess:
    """crm-init as the init service runs it (--dry-run: print Odoo's command only)."""
    return subprocess.run(
        [sys.executable, str(CRM_INIT), "-c", config.rcfile, *arguments, "--dry-run"],
        env={**os.environ, "CRM_ODOO_COMMAND": "odoo"},
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )


def test_crm_init_on_an_installed_database_starts_nothing():
    database = config["db_name"].split(",")[0]
    result = crm_init("-d", database, "--addons", SUITE)
    assert "already installed" in result.stdout and "nothing to do" in result.stdout
    assert "would run" not in result.stdout


def test_crm_init_installs_a_missing_database_with_languages_and_never_updates():
    result = crm_init("-d", f"deploy_absent_{uuid.uuid4().hex[:8]}", "--addons", SUITE)
    (line,) = [line for line in result.stdout.splitlines() if "would run" in line]
    assert f"--init={SUITE}" in line
    assert "--load-language=en_US,fa_IR,he_IL,ru_RU" in line
    assert "--stop-after-init" in line
    assert "--update" not in line and " -u " not in line


def test_crm_init_installs_only_an_addon_added_later():
    database = config["db_name"].split(",")[0]
    with closing(odoo.sql_db.db_connect(database).cursor()) as cr:
        cr.execute("SELECT name FROM ir_module_module WHERE state = 'uninstalled' LIMIT 1")
        (uninstalled,) = cr.fetchone()
    result = crm_init("-d", database, "--addons", f"{SUITE},{uninstalled}")
    (line,) = [line for line in result.stdout.splitlines() if "would run" in line]
    assert line.split("would run: ")[1].split()[:3] == [
        "odoo",
        f"--database={database}",
        f"--init={uninstalled}",
    ]
    assert "--load-language" not in line and "--without-demo" not in line


def test_crm_init_without_demo_for_a_production_database():
    result = crm_init("-d", f"deploy_absent_{uuid.uuid4().hex[:8]}", "--without-demo")
    assert "--without-demo=all" in result.stdout


# -------------------------------------------------------------- the database role
@pytest.fixture
def role(tmp_path):
    """The init script run against the test server, as its superuser would."""
    name = f"deploy_role_{uuid.uuid4().hex[:8]}"
    password_file = tmp_path / "db_password"
    password_file.write_text("it's a secret\n")
    environment = {
        **os.environ,
        "PGHOST": config["db_host"] or "",
        "PGPORT": str(config["db_port"] or ""),
        "PGPASSWORD": config["db_password"] or "",
        "POSTGRES_USER": config["db_user"],
        "POSTGRES_DB": "postgres",
        "CRM_DB_USER": name,
        "CRM_DB_PASSWORD_FILE": str(password_file),
    }
    superuser = odoo.sql_db.db_connect("postgres")
    with closing(superuser.cursor()) as cr:
        cr.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
        if not cr.fetchone()[0]:
            pytest.skip("the test server's user is not a superuser: it cannot create roles")
    for _run in range(2):  # idempotent: a second run only sets the rights again
        result = subprocess.run(
            ["bash", str(ROLE_SCRIPT)], env=environment, capture_output=True, text=True, check=False
        )
        assert result.returncode == 0, result.stderr
    yield name
    with closing(superuser.cursor()) as cr:
        cr._cnx.autocommit = True
        cr.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cr.execute(f'DROP ROLE IF EXISTS "{name}"')


def test_role_script_creates_a_login_that_is_not_a_superuser(role):
    with closing(odoo.sql_db.db_connect("postgres").cursor()) as cr:
        cr.execute(
            "SELECT rolsuper, rolcreatedb, rolcreaterole, rolcanlogin, rolreplication,"
            " rolbypassrls, rolpassword IS NOT NULL FROM pg_authid WHERE rolname = %s",
            [role],
        )
        assert cr.fetchone() == (False, True, False, True, False, False, True)


def test_odoo_creates_its_database_as_that_role(role, monkeypatch):
    """What Odoo does at the first start (odoo/service/db.py), with the role's rights only."""
    monkeypatch.setitem(config.options, "db_user", role)
    monkeypatch.setitem(config.options, "db_password", "it's a secret")
    try:
        postgres = closing(odoo.sql_db.db_connect("postgres").cursor())
        with postgres as cr, pytest.raises(odoo.sql_db.psycopg2.Error):  # no superuser powers
            cr.execute("CREATE ROLE deploy_not_allowed", log_exceptions=False)
        with pytest.MonkeyPatch.context() as warnings:
            logged = []
            warnings.setattr(odoo.service.db._logger, "warning", lambda *a: logged.append(a))
            odoo.service.db._create_empty_database(role)
        assert logged == [], "pg_trgm or the public schema grant failed"
        with closing(odoo.sql_db.db_connect(role).cursor()) as cr:
            cr.execute("SELECT extname FROM pg_extension WHERE extname = 'pg_trgm'")
            assert cr.fetchone() == ("pg_trgm",)
            cr.execute("SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = %s", [role])
            assert cr.fetchone() == (role,)
    finally:  # the role's connections, before the fixture drops it
        odoo.sql_db.close_db(role)
        odoo.sql_db.close_db("postgres")
