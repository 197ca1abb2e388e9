# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The Docker deployment, checked without Docker.

docker-compose.yml is parsed and validated against the Compose Specification,
then read as Compose would (``${VAR:-default}`` takes its default) for what a
first production start meets: install once, secrets off command lines and out
of the repository, a database role that is not a superuser, loopback ports,
one image for the CRM's services, pinned bases. config/odoo.conf is read with
Odoo's own configuration parser. The image's scripts (docker/) run here as
they run in the container.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
# The workplace keeps the schema in shared/ beside the repository (or a worktree's parents).
COMPOSE_SCHEMA = next(
    (
        folder / "shared/schemas/compose-spec.json"
        for folder in ROOT.parents
        if (folder / "shared/schemas/compose-spec.json").exists()
    ),
    ROOT.parent / "shared/schemas/compose-spec.json",
)
CRM_SERVICES = ("init", "upgrade", "odoo", "ami-bridge")
SECRET_NAMES = re.compile(r"PASSWORD|PASSWD|SECRET", re.IGNORECASE)
DEFAULT = re.compile(r"\$\{(\w+)(?::?-([^}]*))?\}")


def with_defaults(value):
    """The value Compose uses when no variable is set (``${X:-d}`` -> ``d``)."""
    if isinstance(value, str):
        return DEFAULT.sub(lambda match: match.group(2) or "", value).replace("$$", "$")
    if isinstance(value, list):
        return [with_defaults(item) for item in value]
    if isinstance(value, dict):
        return {key: with_defaults(item) for key, item in value.items()}
    return value


@pytest.fixture(scope="module")
def compose():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


@pytest.fixture(scope="module")
def services(compose):
    return with_defaults(compose["services"])


def command_line(service) -> str:
    command = service.get("command", [])
    return command if isinstance(command, str) else " ".join(command)


def test_compose_file_follows_the_compose_specification(compose):
    if not COMPOSE_SCHEMA.exists():
        pytest.skip(f"{COMPOSE_SCHEMA} is not beside the repository")
    import jsonschema

    jsonschema.validate(compose, json.loads(COMPOSE_SCHEMA.read_text()))


def test_init_installs_once_and_upgrades_only_on_request(services):
    init = services["init"]
    assert init["command"] == ["crm-init"]
    assert not re.search(r"(^|\s)(-u|--update)", command_line(init))
    assert init["restart"] == "no"
    upgrade = services["upgrade"]
    assert upgrade["profiles"] == ["upgrade"], "upgrades never run with a plain 'up'"
    assert "--update=crm_custom,crm_telephony,crm_portal,crm_newsletter" in upgrade["command"]
    assert "--stop-after-init" in upgrade["command"]


def test_crm_services_run_the_suites_image_and_tests_the_same_plus_tools(services):
    dockerfile = "docker/Dockerfile"
    for name in CRM_SERVICES:
        service = services[name]
        assert service["image"] == "crm-suite-odoo:18.0", name
        assert service["build"] == {"context": ".", "dockerfile": dockerfile, "target": "runtime"}
    assert services["tests"]["build"]["dockerfile"] == dockerfile
    assert services["tests"]["build"]["target"] == "tests"
    text = (ROOT / dockerfile).read_text()
    assert re.search(r"^FROM runtime AS tests$", text, re.MULTILINE)
    assert "-r /opt/crm-suite/requirements.txt" in text
    # Chromium from Debian's archive through apt (any architecture), no vendor download.
    assert "apt-get install -y --no-install-recommends chromium" in text
    assert not re.search(r"https?://\S+\.deb|google-chrome", text)


def test_odoo_base_image_is_pinned_by_digest_and_nginx_follows_a_stable_branch(services):
    text = (ROOT / "docker/Dockerfile").read_text()
    (reference,) = re.findall(r"^ARG ODOO_IMAGE=(\S+)$", text, re.MULTILINE)
    assert re.fullmatch(r"odoo:18\.0(-\d{8})?@sha256:[0-9a-f]{64}", reference)
    assert re.search(r"^FROM \$\{ODOO_IMAGE\} AS runtime$", text, re.MULTILINE)
    (branch,) = re.fullmatch(r"nginx:1\.(\d+)-alpine", services["web"]["image"]).groups()
    assert int(branch) % 2 == 0 and int(branch) >= 28, "an even minor is a stable branch"


def test_published_ports_listen_on_loopback_by_default(services):
    published = {
        name: service["ports"] for name, service in services.items() if service.get("ports")
    }
    assert set(published) == {"web", "mailcatcher"}
    for name, ports in published.items():
        for port in ports:
            assert str(port).startswith("127.0.0.1:"), f"{name} publishes {port} to every address"
    for name in ("db", "odoo"):
        assert "ports" not in services[name], f"{name} is reached through the compose network only"


def test_no_secret_in_environment_or_command_lines(compose, services):
    declared = set(compose["secrets"])
    for name, service in services.items():
        environment = service.get("environment", {})
        mounted = set(service.get("secrets", []))
        for variable, value in environment.items():
            if not SECRET_NAMES.search(variable):
                continue
            assert variable.endswith("_FILE"), f"{name}: {variable} holds a secret itself"
            secret = value.removeprefix("/run/secrets/")
            assert secret in declared and secret in mounted, f"{name}: {variable} = {value}"
        assert not re.search(r"--db_password|--admin_passwd|password=", command_line(service))
    for secret in with_defaults(compose["secrets"]).values():
        assert secret["file"].startswith("./secrets/")
    assert "/secrets/" in (ROOT / ".gitignore").read_text().splitlines()
    assert (ROOT / ".dockerignore").read_text().splitlines()[-3:] == [
        "*",
        "!requirements.txt",
        "!docker/",
    ], "the build context must not carry ./secrets"


def test_database_role_of_odoo_is_not_the_postgres_superuser(services):
    database = services["db"]
    assert database["environment"]["POSTGRES_USER"] == "postgres"
    assert database["environment"]["CRM_DB_USER"] == services["odoo"]["environment"]["USER"]
    assert "./docker/postgres-initdb:/docker-entrypoint-initdb.d:ro" in database["volumes"]


def test_ami_bridge_spool_is_in_a_folder_the_image_gives_the_container_user(services):
    bridge = services["ami-bridge"]
    spool_dir = str(Path(bridge["environment"]["SPOOL_PATH"]).parent)
    assert f"ami-bridge-spool:{spool_dir}" in bridge["volumes"]
    text = (ROOT / "docker/Dockerfile").read_text()
    assert re.search(rf"install -d -o odoo -g odoo -m 07[57]0 {re.escape(spool_dir)}\b", text)
    runtime_stage = text[text.index("AS runtime") : text.index("AS tests")]
    assert re.search(r"^USER odoo$", runtime_stage, re.MULTILINE), "the image runs as odoo"


# ------------------------------------------------------------------ odoo.conf
def test_odoo_conf_options_are_known_to_odoo_and_serve_one_database():
    from odoo.tools.config import configmanager

    parser = configmanager()
    known = set(parser.options)
    parser.rcfile = str(ROOT / "config/odoo.conf")
    parser.load()
    assert set(parser.options) == known, f"unknown options: {set(parser.options) - known}"
    options = parser.options
    assert options["db_name"] == "crm"
    # No dbfilter: db_name alone restricts HTTP to crm without listing the
    # server's databases on every session-less request.
    assert not options["dbfilter"]
    assert options["list_db"] is False
    assert options["proxy_mode"] is True
    for name in ("workers", "max_cron_threads", "gevent_port", "limit_memory_soft"):
        cast = parser.casts[name]
        assert isinstance(cast.check_value(name, options[name]), int), name
    text = (ROOT / "config/odoo.conf").read_text()
    assert not re.search(r"^\s*(admin_passwd|db_password)\s*=", text, re.MULTILINE)


# ------------------------------------------------------- the image's scripts
PROBE = """#!/bin/bash
# Stands in for the official /entrypoint.sh: records what it was given.
{ printf 'argv=%s\\n' "$*"; printf 'ODOO_RC=%s\\n' "$ODOO_RC"
  printf 'PASSWORD=%s\\n' "${PASSWORD:-}"; printf 'AMI_SECRET=%s\\n' "${AMI_SECRET:-}"
  printf 'CRM_PBX_SECRET=%s\\n' "${CRM_PBX_SECRET:-}"; printf 'umask=%s\\n' "$(umask)"; } > "$0.out"
"""


def run_entrypoint(tmp_path: Path, environment: dict[str, str], *command: str) -> dict:
    """docker/crm-entrypoint.sh as in the container; what it handed on to the official one."""
    probe = tmp_path / "official-entrypoint"
    probe.write_text(PROBE)
    probe.chmod(0o755)
    env = {
        "PATH": os.environ["PATH"],
        "CRM_ODOO_CONF": str(ROOT / "config/odoo.conf"),
        "CRM_RUNTIME_CONF": str(tmp_path / "odoo.conf"),
        "CRM_OFFICIAL_ENTRYPOINT": str(probe),
        **environment,
    }
    subprocess.run(
        ["bash", str(ROOT / "docker/crm-entrypoint.sh"), *command],
        env=env,
        check=True,
        timeout=60,
    )
    lines = Path(f"{probe}.out").read_text().splitlines()
    return dict(line.split("=", 1) for line in lines)


def load_odoo_conf(path: Path) -> dict:
    from odoo.tools.config import configmanager

    parser = configmanager()
    parser.rcfile = str(path)
    parser.load()
    return parser.options


def test_entrypoint_puts_the_secrets_in_a_private_config_not_on_the_command_line(tmp_path):
    (tmp_path / "db_password").write_text("s3cr%t with spaces\n")
    handed = run_entrypoint(
        tmp_path,
        {"HOST": "db", "USER": "odoo", "PASSWORD_FILE": str(tmp_path / "db_password")},
        "odoo",
        "--workers=2",
    )
    runtime = tmp_path / "odoo.conf"
    assert handed["ODOO_RC"] == str(runtime)
    assert handed["argv"] == "odoo --workers=2", "nothing added to Odoo's command line"
    assert handed["PASSWORD"] == "", "the password is not left in the environment either"
    current = os.umask(0)
    os.umask(current)
    assert handed["umask"] == f"{current:04o}", "the config's umask 077 does not reach Odoo"
    assert oct(runtime.stat().st_mode & 0o777) == "0o600"
    options = load_odoo_conf(runtime)
    assert options["db_password"] == "s3cr%t with spaces"
    assert options["db_host"] == "db" and options["db_user"] == "odoo"
    assert options["db_name"] == "crm" and options["list_db"] is False  # the committed file
    # The official entrypoint adds --db_password only when the file has none.
    assert re.search(r"^db_password = ", runtime.read_text(), re.MULTILINE)
    # Without a secret the master password is random, and another one at each start.
    first = options["admin_passwd"]
    assert len(first) >= 32
    run_entrypoint(tmp_path, {"PASSWORD_FILE": str(tmp_path / "db_password")}, "odoo")
    assert load_odoo_conf(runtime)["admin_passwd"] not in (first, "admin")
    (tmp_path / "admin").write_text("from-the-secret\n")
    run_entrypoint(tmp_path, {"ADMIN_PASSWD_FILE": str(tmp_path / "admin")}, "odoo")
    assert load_odoo_conf(runtime)["admin_passwd"] == "from-the-secret"


def test_entrypoint_exports_file_secrets_for_the_bridge(tmp_path):
    """X_FILE -> X: the bridge reads its settings from the environment."""
    (tmp_path / "ami").write_text("ami-pass\n")
    (tmp_path / "pbx").write_text("hmac-key\n")
    handed = run_entrypoint(
        tmp_path,
        {"AMI_SECRET_FILE": str(tmp_path / "ami"), "CRM_PBX_SECRET_FILE": str(tmp_path / "pbx")},
        "python3",
        "-m",
        "ami_bridge",
    )
    assert handed["argv"] == "python3 -m ami_bridge"
    assert handed["AMI_SECRET"] == "ami-pass" and handed["CRM_PBX_SECRET"] == "hmac-key"


def test_generate_secrets_creates_private_files_once(tmp_path):
    secrets_dir = tmp_path / "secrets"
    environment = {"PATH": os.environ["PATH"], "CRM_SECRETS_DIR": str(secrets_dir)}
    script = str(ROOT / "docker/generate-secrets")
    subprocess.run(["bash", script], env=environment, check=True, capture_output=True)
    assert oct(secrets_dir.stat().st_mode & 0o777) == "0o700"
    values = {path.name: path.read_text() for path in secrets_dir.iterdir()}
    assert set(values) == {
        "postgres_password",
        "db_password",
        "admin_passwd",
        "ami_secret",
        "pbx_secret",
    }
    assert len(values["db_password"].strip()) >= 32
    assert values["db_password"] != values["postgres_password"]
    assert values["ami_secret"] == "" and values["pbx_secret"] == ""
    subprocess.run(["bash", script], env=environment, check=True, capture_output=True)
    assert {path.name: path.read_text() for path in secrets_dir.iterdir()} == values
