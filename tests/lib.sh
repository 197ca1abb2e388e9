# Shell library of the suite's commands (tests/run, tests/serve): finds Odoo
# and PostgreSQL (or installs and starts them), installs what right-to-left
# pages and tours need, writes Odoo's configuration, installs the addons.
# Sourced, not run: source "$(dirname "$0")/lib.sh".
#
# Settings (environment variables, all optional):
#   PGHOST PGPORT PGUSER PGPASSWORD  an existing PostgreSQL server to use
#   CRM_TEST_PGDATA, CRM_TEST_PGPORT  where the local server lives when one is started
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
RUN_DIR="$ROOT/.run"
ADDONS="crm_custom,crm_telephony,crm_portal,crm_newsletter,crm_custom_sale,crm_portal_sale,crm_newsletter_sale,crm_l10n_fa_calendar,crm_custom_l10n_fa_calendar,crm_portal_website"
mkdir -p "$RUN_DIR"

say() { printf '\n==> %s\n' "$*"; }
die() { printf '\nERROR: %s\n' "$*" >&2; exit 1; }

# --- 1. Odoo and the Python packages -------------------------------------
check_odoo() {
    local version
    if ! version=$(cd /tmp && python3 -c 'import odoo.release as r; print(r.serie)' 2>"$RUN_DIR/odoo-import.err"); then
        cat >&2 <<EOF

ERROR: Odoo is not importable by python3 ($(command -v python3)).
$(tail -n 1 "$RUN_DIR/odoo-import.err")

The tests need an Odoo 18.0 Community installation that 'python3 -c "import odoo"'
can import, with its Python requirements (its requirements.txt). Either:
  - run the tests in the official image:  docker compose run --rm tests
  - or install Odoo 18.0 on this machine (https://www.odoo.com/documentation/18.0/administration/on_premise/source.html)
    and make it importable (pip install -e <odoo source>, or a .pth file in site-packages).
EOF
        exit 2
    fi
    [ "$version" = "18.0" ] || die "Odoo $version is importable, but these addons need Odoo 18.0."
    local missing
    missing=$(cd /tmp && python3 - <<'EOF'
import importlib.util
for module in ("pytest", "pytest_odoo", "phonenumbers", "websocket", "jdatetime", "anyascii", "css_inline", "feedparser"):
    if importlib.util.find_spec(module) is None:
        print(module)
EOF
)
    [ -z "$missing" ] || die "Missing Python packages: $(echo $missing). Install them with: python3 -m pip install -r $ROOT/requirements.txt"
}

odoo_addons_path() {
    # Odoo's own addons: odoo/addons inside the package, plus the addons/ folder
    # beside it in a source checkout; then ours.
    (cd /tmp && python3 - "$ROOT/addons" <<'EOF'
import os, sys
import odoo.addons
paths = [p for p in odoo.addons.__path__ if os.path.isdir(os.path.join(p, "base"))]
source_addons = os.path.join(os.path.dirname(os.path.dirname(odoo.__file__)), "addons")
if os.path.isdir(os.path.join(source_addons, "crm")):
    paths.append(source_addons)
paths.append(sys.argv[1])
print(",".join(dict.fromkeys(paths)))
EOF
    )
}

# --- 2. PostgreSQL -----------------------------------------------------
pg_reachable() {
    PGPASSWORD="$DB_PASSWORD" psql -h "$DB_HOST" -p "$DB_PORT" -U "$DB_USER" -d postgres -Atqc 'select 1' >/dev/null 2>&1
}

pg_bin_dir() {
    ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

install_postgres() {
    [ "$(id -u)" = 0 ] || die "No PostgreSQL server is reachable and PostgreSQL is not installed; install the 'postgresql' package (needs root) or set PGHOST/PGPORT/PGUSER/PGPASSWORD."
    say "Installing PostgreSQL (Debian package postgresql)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq postgresql postgresql-client >/dev/null
}

start_local_postgres() {
    local bin data port owner
    [ -n "$(pg_bin_dir)" ] || install_postgres
    bin=$(pg_bin_dir)
    data="${CRM_TEST_PGDATA:-/var/tmp/crm-suite-pg}"
    port="${CRM_TEST_PGPORT:-55432}"
    owner=$(id -un)
    # PostgreSQL refuses to run as root: use the 'postgres' account then.
    if [ "$owner" = root ]; then owner=postgres; fi
    as_owner() { if [ "$(id -un)" = "$owner" ]; then "$@"; else runuser -u "$owner" -- "$@"; fi; }
    if [ ! -f "$data/PG_VERSION" ]; then
        say "Creating a PostgreSQL cluster in $data"
        mkdir -p "$data" && chown "$owner" "$data" && chmod 700 "$data"
        as_owner "$bin/initdb" -D "$data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
    fi
    if ! as_owner "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
        say "Starting PostgreSQL on 127.0.0.1:$port"
        as_owner "$bin/pg_ctl" -D "$data" -w -l "$data/server.log" \
            -o "-c listen_addresses=127.0.0.1 -p $port -k /tmp -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null
    fi
    DB_HOST=127.0.0.1 DB_PORT=$port DB_USER=odoo DB_PASSWORD=odoo
    psql -h "$DB_HOST" -p "$DB_PORT" -U postgres -d postgres -Atqc \
        "DO \$\$BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'odoo') THEN CREATE ROLE odoo LOGIN SUPERUSER PASSWORD 'odoo'; END IF; END\$\$;" >/dev/null
}

ensure_postgres() {
    DB_HOST="${PGHOST:-127.0.0.1}" DB_PORT="${PGPORT:-5432}" DB_USER="${PGUSER:-odoo}" DB_PASSWORD="${PGPASSWORD:-odoo}"
    command -v psql >/dev/null || install_postgres
    if [ -n "${PGHOST:-}" ] && pg_reachable; then
        say "Using PostgreSQL at $DB_HOST:$DB_PORT as $DB_USER"
    else
        start_local_postgres
        pg_reachable || die "PostgreSQL at $DB_HOST:$DB_PORT does not accept user $DB_USER."
    fi
}

ensure_chromium() {
    if ! command -v chromium >/dev/null && ! command -v google-chrome >/dev/null; then
        [ "$(id -u)" = 0 ] || die "The browser tours need Chromium: install the 'chromium' package."
        say "Installing Chromium (Debian package chromium) for the browser tours"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
    fi
}

# Odoo compiles the right-to-left stylesheets (Persian, Hebrew) with the rtlcss
# program; without it those users silently get the left-to-right layout.
ensure_rtlcss() {
    command -v rtlcss >/dev/null && return
    [ "$(id -u)" = 0 ] || die "Right-to-left pages need rtlcss: install it with 'npm install -g rtlcss'."
    if ! command -v npm >/dev/null; then
        say "Installing npm (Debian package npm) to install rtlcss"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm >/dev/null
    fi
    say "Installing rtlcss (npm registry) for the right-to-left stylesheets"
    npm install -g --no-fund --no-audit rtlcss >/dev/null
    command -v rtlcss >/dev/null || die "npm installed rtlcss, but it is not on PATH ($(npm prefix -g)/bin)."
}

# Writes the Odoo configuration file $1 (and sets CONF to it) for the server
# found above, Odoo listening on 127.0.0.1:$2; further arguments are extra
# "key = value" lines.
write_config() {
    CONF=$1
    HTTP_PORT=$2
    shift 2
    {
        cat <<EOF
[options]
addons_path = $(odoo_addons_path)
data_dir = $RUN_DIR/data
db_host = $DB_HOST
db_port = $DB_PORT
db_user = $DB_USER
db_password = $DB_PASSWORD
http_interface = 127.0.0.1
http_port = $HTTP_PORT
log_level = info
EOF
        printf '%s\n' "$@"
    } >"$CONF"
}

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

odoo() { (cd "$RUN_DIR" && python3 -m odoo -c "$CONF" "$@"); }

# --- 3. Installing ----------------------------------------------------------
drop_db() {
    PGOPTIONS="--client-min-messages=warning" PGPASSWORD="$DB_PASSWORD" dropdb -h "$DB_HOST" -p "$DB_PORT" -U "$DB_USER" --if-exists --force "$1"
}

# Installs $2 (comma-separated addons) into a fresh database $1; $3 = extra flags.
install_addons() {
    local db=$1 addons=$2 log="$RUN_DIR/install-$1.log"
    shift 2
    drop_db "$db"
    : >"$log"
    say "Installing $addons into database $db $*"
    local started=$SECONDS
    if ! odoo -d "$db" -i "$addons" "$@" --stop-after-init --logfile="$log"; then
        tail -n 40 "$log" >&2
        die "Installing $addons failed (log: $log)."
    fi
    # Every ERROR/CRITICAL record fails the install (a schema error on one of
    # our tables names the table, not the addon), and so does a WARNING that
    # names one of our addons (logger, file path or message: view validation
    # warnings name the view's module).
    local bad
    bad=$( (grep -E '^[0-9-]+ [0-9:,]+ [0-9]+ (ERROR|CRITICAL) ' "$log" || true
            grep -E '^[0-9-]+ [0-9:,]+ [0-9]+ WARNING ' "$log" \
                | grep -E 'crm_custom|crm_telephony|crm_portal|crm_newsletter|crm_l10n_fa_calendar' || true) )
    if [ -n "$bad" ]; then
        printf '%s\n' "$bad" >&2
        die "Installing $addons logged the warnings or errors above (log: $log)."
    fi
    echo "    installed in $((SECONDS - started)) s, no error, no warning from our addons"
}

