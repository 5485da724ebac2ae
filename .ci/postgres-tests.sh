#!/usr/bin/env bash
# The PostgreSQL suites, against a throwaway server made here and removed at the end.
#
#   bash .ci/postgres-tests.sh
#
# As root on a fresh Debian machine (or as a user who can run apt-get through sudo, or who has
# the packages already), this:
#   1. installs postgresql, libpq-dev and openssl when missing;
#   2. makes a cluster with initdb in a temporary folder as a non-root user, and starts it on
#      127.0.0.1 on a free port (Unix socket in the same folder, TLS with a self-signed
#      certificate when openssl is there), with a role that logs in with a password;
#   3. builds the real-Django fixtures INSIDE PostgreSQL (real migrations, the same seeded data
#      as the SQLite fixtures) and writes the expected JSON the ORM computes there, and the
#      SQLite fixtures again with the same Django, for the cross-backend suite;
#   4. runs `swift test --filter PostgreSQL` with AUTHCONSOLE_PG_* telling the suites where the
#      server, the databases and the expected JSON are, and fails if any of them was skipped;
#      then Tests/reliability/pg-live.sh: a live writer under repeated `stats` (about 10 s);
#   5. stops the server and removes the folder (trap), however it ends.
#
# Knobs: ORACLE_VENV (default /tmp/authconsole-oracle-venv, shared with regenerate.sh),
# AUTHCONSOLE_PG_LOCALE_ARGS (initdb locale options; default ICU en-US collation, as production
# clusters sort, over C.UTF-8), AUTHCONSOLE_PG_KEEP=1 (leave the server running and print the
# variables to reuse it), AUTHCONSOLE_PG_SETUP_ONLY=1 (stop before swift test; implies KEEP).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
export DEBIAN_FRONTEND=noninteractive
started=$(date +%s)
say() { echo "=== postgres-tests: $* ($(( $(date +%s) - started )) s)"; }

SUDO=
if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; fi
if [ "${AUTHCONSOLE_PG_SETUP_ONLY:-0}" = 1 ]; then AUTHCONSOLE_PG_KEEP=1; fi

pg_bindir() {
  local d
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; then echo "$d"; return 0; fi
  done
  return 1
}

say "packages"
need=()
pg_bindir >/dev/null || need+=(postgresql)
pkg-config --exists libpq 2>/dev/null || need+=(libpq-dev)
command -v psql >/dev/null || need+=(postgresql-client)
command -v openssl >/dev/null || need+=(openssl)
if [ "${#need[@]}" -gt 0 ]; then
  echo "installing: ${need[*]}"
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi
PGBIN=$(pg_bindir)
"$PGBIN/postgres" --version

# The server refuses to run as root: use the postgres account the package made, or our own.
if [ "$(id -u)" -eq 0 ]; then
  RUNAS=postgres
  if ! id "$RUNAS" >/dev/null 2>&1; then
    RUNAS=authconsole-pg
    id "$RUNAS" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$RUNAS"
  fi
  as_server() { runuser -u "$RUNAS" -- "$@"; }
else
  RUNAS=$(id -un)
  as_server() { "$@"; }
fi

WORK=$(mktemp -d /tmp/authconsole-pg.XXXXXX)
chmod 755 "$WORK"
mkdir -p "$WORK/sock" "$WORK/expected"
chown "$RUNAS" "$WORK" "$WORK/sock"
DATA=$WORK/data
stop_server() {
  if [ -f "$DATA/postmaster.pid" ]; then
    as_server "$PGBIN/pg_ctl" -D "$DATA" -m fast -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$WORK"
}
if [ "${AUTHCONSOLE_PG_KEEP:-0}" != 1 ]; then trap stop_server EXIT; fi

PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
ADMIN=authconsole_admin
ROLE=authconsole
TLS_ROLE=authconsole_tls
# A password that needs percent-encoding in a URL, and that the suites look for in every output.
PASSWORD='CANARY-PGPASS:s3cr%t@/x'
PREFIX=authconsole_

say "initdb in $WORK as $RUNAS, port $PORT"
# shellcheck disable=SC2206
LOCALE_ARGS=(${AUTHCONSOLE_PG_LOCALE_ARGS:---encoding=UTF8 --locale=C.UTF-8 --locale-provider=icu --icu-locale=en-US})
as_server "$PGBIN/initdb" -D "$DATA" -U "$ADMIN" --auth-local=trust --auth-host=scram-sha-256 "${LOCALE_ARGS[@]}" >"$WORK/initdb.log" 2>&1 \
  || { cat "$WORK/initdb.log"; exit 1; }
# The TLS-only role: refused without encryption, so the suites can see "TLS required".
{
  echo "hostnossl all $TLS_ROLE 127.0.0.1/32 reject"
  echo "hostssl   all $TLS_ROLE 127.0.0.1/32 scram-sha-256"
  cat "$DATA/pg_hba.conf"
} >"$WORK/pg_hba.conf"
cp "$WORK/pg_hba.conf" "$DATA/pg_hba.conf"
chown "$RUNAS" "$DATA/pg_hba.conf"

SSL_OPTS=""
TLS=0
if command -v openssl >/dev/null; then
  openssl req -new -x509 -days 2 -nodes -subj "/CN=127.0.0.1" -keyout "$DATA/server.key" -out "$DATA/server.crt" >/dev/null 2>&1
  chown "$RUNAS" "$DATA/server.key" "$DATA/server.crt"
  chmod 600 "$DATA/server.key"
  SSL_OPTS="-c ssl=on"
  TLS=1
fi

as_server "$PGBIN/pg_ctl" -D "$DATA" -l "$WORK/server.log" -w -t 60 \
  -o "-c listen_addresses=127.0.0.1 -c port=$PORT -c unix_socket_directories=$WORK/sock -c fsync=off -c synchronous_commit=off -c full_page_writes=off $SSL_OPTS" \
  start >/dev/null || { cat "$WORK/server.log"; exit 1; }

admin_psql() { psql -X -q -v ON_ERROR_STOP=1 -h "$WORK/sock" -p "$PORT" -U "$ADMIN" "$@"; }
admin_psql -d postgres -v pw="$PASSWORD" -v role="$ROLE" -v tls="$TLS_ROLE" <<'SQL'
CREATE ROLE :"role" LOGIN CREATEDB PASSWORD :'pw';
CREATE ROLE :"tls" LOGIN PASSWORD :'pw';
SQL
for name in default custom noallauth; do
  admin_psql -d postgres -c "CREATE DATABASE ${PREFIX}${name} OWNER $ROLE"
done
admin_psql -d postgres -c "SELECT version()" -t | head -n 1

say "real-Django fixtures inside PostgreSQL"
VENV=${ORACLE_VENV:-/tmp/authconsole-oracle-venv}
venv_ok() { [ -x "$VENV/bin/python" ] && "$VENV/bin/python" -m pip --version >/dev/null 2>&1; }
if ! venv_ok; then
  rm -rf "$VENV"
  if ! python3 -m venv "$VENV"; then
    rm -rf "$VENV"
    $SUDO apt-get update -qq
    $SUDO apt-get install -y -qq python3-venv >/dev/null
    python3 -m venv "$VENV"
  fi
fi
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade \
  Django "django-allauth[socialaccount]" "psycopg[binary]"
"$VENV/bin/python" -c 'import django, allauth, psycopg; print(f"Django {django.get_version()}, django-allauth {allauth.__version__}, psycopg {psycopg.__version__}")'
env PGHOST=127.0.0.1 PGPORT="$PORT" PGUSER="$ROLE" PGPASSWORD="$PASSWORD" PGSSLMODE=disable \
  AUTHCONSOLE_FIXTURE_PG_PREFIX="$PREFIX" \
  "$VENV/bin/python" Tests/Fixtures/django/make_fixtures.py --postgres "$WORK/expected"

# The cross-backend suite compares with SQLite fixtures made by the same Django and allauth.
"$VENV/bin/python" Tests/Fixtures/django/make_fixtures.py "$WORK/sqlite" >/dev/null
export AUTHCONSOLE_FIXTURES=$WORK/sqlite

export AUTHCONSOLE_PG_HOST=127.0.0.1
export AUTHCONSOLE_PG_PORT=$PORT
export AUTHCONSOLE_PG_USER=$ROLE
export AUTHCONSOLE_PG_PASSWORD=$PASSWORD
export AUTHCONSOLE_PG_DB_PREFIX=$PREFIX
export AUTHCONSOLE_PG_EXPECTED=$WORK/expected
export AUTHCONSOLE_PG_TLS_USER=$TLS_ROLE
export AUTHCONSOLE_PG_TLS=$TLS
export AUTHCONSOLE_PG_SOCKET_DIR=$WORK/sock
# For the suite that restarts the server under a live connection (pg_ctl keeps the options).
if [ "$(id -u)" -eq 0 ]; then
  export AUTHCONSOLE_PG_RESTART="runuser -u $RUNAS -- $PGBIN/pg_ctl -D $DATA -l $WORK/server.log -w -t 60 -m fast restart"
else
  export AUTHCONSOLE_PG_RESTART="$PGBIN/pg_ctl -D $DATA -l $WORK/server.log -w -t 60 -m fast restart"
fi
if [ "${AUTHCONSOLE_PG_KEEP:-0}" = 1 ]; then
  {
    for v in HOST PORT USER PASSWORD DB_PREFIX EXPECTED TLS_USER TLS SOCKET_DIR RESTART; do
      printf 'export AUTHCONSOLE_PG_%s=%q\n' "$v" "$(printenv "AUTHCONSOLE_PG_$v")"
    done
    printf 'export AUTHCONSOLE_FIXTURES=%q\n' "$AUTHCONSOLE_FIXTURES"
    if [ "$(id -u)" -eq 0 ]; then
      printf 'export AUTHCONSOLE_PG_STOP=%q\n' "runuser -u $RUNAS -- $PGBIN/pg_ctl -D $DATA -m fast stop"
    else
      printf 'export AUTHCONSOLE_PG_STOP=%q\n' "$PGBIN/pg_ctl -D $DATA -m fast stop"
    fi
  } >"$WORK/env.sh"
  say "server left running: source $WORK/env.sh"
fi
if [ "${AUTHCONSOLE_PG_SETUP_ONLY:-0}" = 1 ]; then exit 0; fi

say "swift test --filter PostgreSQL"
# The suites get the server only through AUTHCONSOLE_PG_*: libpq's own variables stay unset, so
# "no password" and "wrong password" mean what they say.
LOG=$WORK/swift-test.log
set +e
env -u PGHOST -u PGPORT -u PGUSER -u PGPASSWORD -u PGDATABASE -u PGSERVICE -u PGSSLMODE -u DATABASE_URL \
  swift test --filter PostgreSQL >"$LOG" 2>&1
status=$?
set -e
grep -E "error:|failed|skipped|Executed [0-9]+ tests?" "$LOG" | tail -n 60
if [ "$status" -ne 0 ]; then
  echo "postgres-tests: swift test failed (exit $status)"
  tail -n 80 "$LOG"
  exit 1
fi
if grep -qE "with [1-9][0-9]* tests? skipped" "$LOG"; then
  echo "postgres-tests: PostgreSQL suites were skipped although the server was there:"
  grep -E "Skipped|skipped" "$LOG" | head -n 20
  exit 1
fi
executed=$(grep -oE "Executed [0-9]+ tests?" "$LOG" | tail -n 1 | grep -oE "[0-9]+" || echo 0)
if [ "$executed" -lt 10 ]; then
  echo "postgres-tests: only $executed PostgreSQL tests ran"
  exit 1
fi

say "live site: a psql writer under repeated stats (Tests/reliability/pg-live.sh)"
env -u PGHOST -u PGPORT -u PGUSER -u PGPASSWORD -u PGDATABASE -u PGSERVICE -u PGSSLMODE -u DATABASE_URL \
  bash Tests/reliability/pg-live.sh "$ROOT/.build/debug/authconsole" 6
say "done: $executed PostgreSQL tests, none skipped, none failed; the live-site check passed"
