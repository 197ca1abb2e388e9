#!/usr/bin/env python3
"""crm-init: install the CRM suite into its database once; afterwards a no-op.

Compose runs the one-shot ``init`` service again at every ``docker compose up``.
Odoo's ``-u`` there would reload the addons' data at every start and re-create
records the users deleted (statuses, processes, tags, demo users), so this step
only installs what is not installed yet:

* no database (or an empty one): create it with the addons and languages;
* some addons not installed (an addon added to CRM_ADDONS): install only those;
* everything installed: say so and exit, without starting Odoo.

Upgrades after a code change are a separate, explicit step (README.md,
"Upgrade"): ``docker compose --profile upgrade run --rm upgrade``.

Settings: CRM_ADDONS, CRM_LANGUAGES, CRM_DEMO (``0`` for a database without
demo data), the database from ``-d`` or the configuration's ``db_name``.
"""

from __future__ import annotations

import argparse
import os
import shlex
import sys
import time

DEFAULT_ADDONS = "crm_custom,crm_telephony,crm_portal,crm_newsletter"
# The first is the default language of the new database (Odoo's res.lang.install_lang).
DEFAULT_LANGUAGES = "en_US,fa_IR,he_IL,ru_RU"
# Through the official entrypoint: it waits for PostgreSQL, then runs odoo.
DEFAULT_ODOO_COMMAND = "/entrypoint.sh odoo"


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="crm-init", description=__doc__.split("\n\n")[0])
    parser.add_argument("-c", "--config", default=os.environ.get("ODOO_RC"))
    parser.add_argument("-d", "--database", help="default: db_name of the configuration")
    parser.add_argument("--addons", default=os.environ.get("CRM_ADDONS") or DEFAULT_ADDONS)
    parser.add_argument("--languages", default=os.environ.get("CRM_LANGUAGES") or DEFAULT_LANGUAGES)
    parser.add_argument(
        "--without-demo",
        action="store_true",
        default=os.environ.get("CRM_DEMO", "1").strip().lower() in ("0", "false", "no"),
    )
    parser.add_argument("--timeout", type=float, default=60, help="seconds to wait for PostgreSQL")
    parser.add_argument("--dry-run", action="store_true", help="print the Odoo command only")
    return parser.parse_args(argv)


def connect(dbname: str, timeout: float):
    """A cursor on ``dbname`` with the configuration's credentials, once PostgreSQL answers."""
    import psycopg2

    from odoo.sql_db import connection_info_for

    _name, params = connection_info_for(dbname)
    deadline = time.monotonic() + timeout
    while True:
        try:
            return psycopg2.connect(**params)
        except psycopg2.OperationalError:
            if time.monotonic() > deadline:
                raise
            time.sleep(1)


def installed_states(database: str, addons: list[str], timeout: float) -> dict[str, str] | None:
    """State of each addon in ``database``; None when it has no Odoo database yet."""
    with connect("postgres", timeout) as cnx, cnx.cursor() as cr:
        cr.execute("SELECT 1 FROM pg_database WHERE datname = %s", [database])
        exists = cr.fetchone()
    cnx.close()
    if not exists:
        return None
    with connect(database, timeout) as cnx, cnx.cursor() as cr:
        cr.execute("SELECT to_regclass('ir_module_module') IS NOT NULL")
        if not cr.fetchone()[0]:
            return None
        cr.execute("SELECT name, state FROM ir_module_module WHERE name = ANY(%s)", [list(addons)])
        states = dict(cr.fetchall())
    cnx.close()
    return states


def plan(
    database: str,
    addons: list[str],
    states: dict[str, str] | None,
    *,
    languages: list[str],
    without_demo: bool,
) -> list[str]:
    """Odoo's arguments for what is left to do; [] when everything is installed."""
    if states is None:
        to_install = addons
    else:
        to_install = [addon for addon in addons if states.get(addon) != "installed"]
    if not to_install:
        return []
    arguments = [f"--database={database}", f"--init={','.join(to_install)}"]
    if states is None:
        if languages:
            arguments.append(f"--load-language={','.join(languages)}")
        if without_demo:
            arguments.append("--without-demo=all")
    return [*arguments, "--stop-after-init", "--no-http", "--workers=0", "--max-cron-threads=0"]


def split(value: str) -> list[str]:
    return [item.strip() for item in value.split(",") if item.strip()]


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    from odoo.tools import config

    config.parse_config(["-c", args.config] if args.config else [])
    database = args.database or (config["db_name"] or "").split(",")[0]
    if not database:
        print("crm-init: no database: set db_name in odoo.conf or pass -d", file=sys.stderr)
        return 2
    addons = split(args.addons)
    states = installed_states(database, addons, args.timeout)
    arguments = plan(
        database,
        addons,
        states,
        languages=split(args.languages),
        without_demo=args.without_demo,
    )
    if not arguments:
        print(
            f"crm-init: {', '.join(addons)} already installed in database {database}: "
            "nothing to do (upgrades: docker compose --profile upgrade run --rm upgrade)"
        )
        return 0
    command = [*shlex.split(os.environ.get("CRM_ODOO_COMMAND", DEFAULT_ODOO_COMMAND)), *arguments]
    print(f"crm-init: {'would run' if args.dry_run else 'running'}: {shlex.join(command)}")
    sys.stdout.flush()
    if args.dry_run:
        return 0
    os.execvp(command[0], command)
    return 1  # not reached


if __name__ == "__main__":
    sys.exit(main())
