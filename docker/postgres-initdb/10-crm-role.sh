#!/bin/bash
# The database role Odoo connects as: not a PostgreSQL superuser (Odoo's
# deployment guide), but allowed to create its database (CREATEDB) - Odoo
# creates "crm" at the first start and the tests service its test databases.
#
# The official postgres image runs this once, when it initialises an empty data
# directory (/docker-entrypoint-initdb.d), as its superuser POSTGRES_USER.
# Outside Docker, run it with the same variables against any server, e.g.
#   POSTGRES_USER=postgres POSTGRES_DB=postgres CRM_DB_PASSWORD_FILE=./secrets/db_password \
#       PGHOST=127.0.0.1 bash docker/postgres-initdb/10-crm-role.sh
set -euo pipefail

role="${CRM_DB_USER:-odoo}"
password_file="${CRM_DB_PASSWORD_FILE:-/run/secrets/db_password}"
password=$(<"$password_file")
password="${password%$'\n'}"
[ -n "$password" ] || { echo "10-crm-role.sh: $password_file is empty" >&2; exit 1; }

# psql interpolates :"role" and :'password' (quoted as identifier and literal);
# the password never appears on a command line. \gexec runs the CREATE only
# when the role does not exist yet, and the ALTER sets its rights either way.
psql -v ON_ERROR_STOP=1 --no-psqlrc --username "$POSTGRES_USER" --dbname "${POSTGRES_DB:-postgres}" \
    -v role="$role" -v password="$password" <<'SQL'
SELECT format('CREATE ROLE %I', :'role')
 WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'role') \gexec
ALTER ROLE :"role" WITH LOGIN CREATEDB NOSUPERUSER NOCREATEROLE NOREPLICATION NOBYPASSRLS
    PASSWORD :'password';
SQL
echo "10-crm-role.sh: role $role ready (LOGIN CREATEDB, not a superuser)"
