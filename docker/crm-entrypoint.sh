#!/bin/bash
# Entry point of the CRM suite's image, in front of the official image's
# /entrypoint.sh. It keeps secrets off the command line:
#
# * The official entrypoint passes --db_password on Odoo's command line
#   (visible to every process of the host in `ps`) unless odoo.conf sets it.
#   So the configuration Odoo runs with is written here, to /run/crm/odoo.conf
#   (mode 600): the committed config/odoo.conf plus db_host/db_port/db_user
#   from HOST/PORT/USER, db_password from PASSWORD_FILE (a Compose secret) or
#   PASSWORD, and admin_passwd from ADMIN_PASSWD_FILE or, without one, a random
#   value drawn at every start (the database manager is off: list_db = False).
# * X_FILE sets X for the AMI bridge's secrets (AMI_SECRET, CRM_PBX_SECRET),
#   like the official postgres image does for its variables.
#
# Then "crm-init" runs the install-once step (crm-init --help); anything else
# goes to the official entrypoint unchanged ("odoo ...", or any command).
set -euo pipefail

read_secret() {  # <file>: its content without the trailing newline
    local value
    value=$(<"$1")
    printf '%s' "${value%$'\n'}"
}

for name in AMI_SECRET CRM_PBX_SECRET; do
    file_var="${name}_FILE"
    if [ -n "${!file_var:-}" ]; then
        export "$name=$(read_secret "${!file_var}")"
        unset "$file_var"
    fi
done

source_conf="${CRM_ODOO_CONF:-/etc/odoo/odoo.conf}"
runtime_conf="${CRM_RUNTIME_CONF:-/run/crm/odoo.conf}"
if [ -n "${PASSWORD_FILE:-}" ]; then
    PASSWORD=$(read_secret "$PASSWORD_FILE")
fi
if [ -n "${ADMIN_PASSWD_FILE:-}" ]; then
    ADMIN_PASSWD=$(read_secret "$ADMIN_PASSWD_FILE")
else
    ADMIN_PASSWD=$(python3 -c 'import secrets; print(secrets.token_urlsafe(32))')
fi
# Odoo reads its file with RawConfigParser: no interpolation, any character goes.
# umask 077 for this file only (mode 600), not for the filestore Odoo writes.
(umask 077
CRM_DB_HOST="${HOST:-db}" CRM_DB_PORT="${PORT:-5432}" CRM_DB_USER="${USER:-odoo}" \
CRM_DB_PASSWORD="${PASSWORD:-}" CRM_ADMIN_PASSWD="$ADMIN_PASSWD" \
python3 - "$source_conf" "$runtime_conf" <<'PYTHON'
import configparser, os, sys

source, target = sys.argv[1:]
config = configparser.RawConfigParser()
if not config.read(source):
    sys.exit(f"crm-entrypoint: cannot read {source}")
options = config["options"]
for option, variable in (
    ("db_host", "CRM_DB_HOST"),
    ("db_port", "CRM_DB_PORT"),
    ("db_user", "CRM_DB_USER"),
    ("db_password", "CRM_DB_PASSWORD"),
    ("admin_passwd", "CRM_ADMIN_PASSWD"),
):
    if os.environ[variable]:
        options[option] = os.environ[variable]
with open(target, "w", encoding="utf-8") as runtime:
    config.write(runtime)
os.chmod(target, 0o600)  # also when the file existed (an earlier start)
PYTHON
)
unset PASSWORD PASSWORD_FILE ADMIN_PASSWD ADMIN_PASSWD_FILE
export ODOO_RC="$runtime_conf"

if [ "${1:-}" = crm-init ]; then
    shift
    exec crm-init "$@"
fi
exec "${CRM_OFFICIAL_ENTRYPOINT:-/entrypoint.sh}" "$@"
