#!/usr/bin/env bash
# The PostgreSQL section of BENCHMARKS.md: `authconsole bench` on PostgreSQL beside psql and
# Django's ORM, on the same deterministic demo data as the SQLite section.
#   Tests/bench/pg-bench.sh [SIZES...]     (default: 10000 100000 1000000)
#
# 1. starts a throwaway server with .ci/postgres-tests.sh (AUTHCONSOLE_PG_SETUP_ONLY=1, which leaves
#    it running and writes the variables to reach it) and stops it and removes its folder at the
#    end, however this ends (trap);
# 2. per size: a database made by Django's real `migrate` (the oracle project in
#    Tests/Fixtures/django), then the demo database's rows (`authconsole demo --users N`, cached in
#    /tmp/authconsole-bench as run-benchmarks.sh caches it) copied in table by table
#    (sqlite3 -csv with a NULL marker -> COPY ... WITH (FORMAT csv, NULL ...), one transaction),
#    the id sequences reset, VACUUM ANALYZE;
# 3. checks the load: `authconsole stats` and `providers` (JSON) on PostgreSQL must equal the same on
#    the SQLite file, or this stops;
# 4. `authconsole bench` on each size, and writes the tables as the `## PostgreSQL` section at the
#    end of BENCHMARKS.md (after each size, so a stopped run keeps what it measured). The SQLite
#    sections above it are left as they are (Tests/bench/run-benchmarks.sh keeps this section).
# No index is added to the benchmark databases: they have exactly what `migrate` made.
# Environment: RUNS (default 5), MAX_SECONDS per operation and side (default 20), DJANGO_PYTHON
# (default /tmp/authconsole-oracle-venv/bin/python, which postgres-tests.sh provisions with
# psycopg; "none" to skip Django), OUT (BENCHMARKS.md), PG_BENCH_KEEP=1 (leave the server and its
# databases running at the end and print how to reach them, for EXPLAIN ANALYZE).
set -euo pipefail
cd "$(dirname "$0")/../.."
SIZES=("${@:-10000 100000 1000000}"); read -r -a SIZES <<<"${SIZES[*]}"
RUNS=${RUNS:-5}; MAX_SECONDS=${MAX_SECONDS:-20}; OUT=${OUT:-BENCHMARKS.md}
PY=${DJANGO_PYTHON:-/tmp/authconsole-oracle-venv/bin/python}
NOW=2026-06-15T12:00:00Z
NULL_MARK=ACNULL7F3A  # sqlite3 writes it unquoted for NULL (.nullvalue keeps 19 characters); COPY reads it as NULL
CACHE=/tmp/authconsole-bench; mkdir -p "$CACHE"
say() { echo "=== pg-bench: $*" >&2; }

WORK=
SETUP_LOG=$(mktemp); SECTION=$(mktemp)
cleanup() {
    local status=$?
    rm -f "$SETUP_LOG" "$SECTION" "$OUT.pg.tmp" "$OUT.tmp"
    if [ -n "$WORK" ] && [ "${PG_BENCH_KEEP:-0}" = 1 ] && [ "$status" -eq 0 ]; then
        say "server left running (PG_BENCH_KEEP=1): source $WORK/env.sh; stop with: \$AUTHCONSOLE_PG_STOP && rm -rf $WORK"
        return
    fi
    if [ -n "$WORK" ]; then
        if [ -f "$WORK/data/postmaster.pid" ]; then
            if [ -n "${AUTHCONSOLE_PG_STOP:-}" ]; then
                $AUTHCONSOLE_PG_STOP >/dev/null 2>&1 || true
            else
                # Setup stopped before it wrote env.sh: stop the server it started by its folder.
                local pgbin; pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r | head -n 1)
                if [ "$(id -u)" -eq 0 ]; then
                    runuser -u "$(stat -c %U "$WORK/data")" -- "$pgbin/pg_ctl" -D "$WORK/data" -m fast -w stop >/dev/null 2>&1 || true
                else
                    "$pgbin/pg_ctl" -D "$WORK/data" -m fast -w stop >/dev/null 2>&1 || true
                fi
            fi
        fi
        rm -rf "$WORK"
    fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

say "release build"
nice swift build -c release >/dev/null
BIN=$PWD/.build/release/authconsole
django=(); [ "$PY" != none ] && [ -x "$PY" ] && django=(--django-python "$PY" --django-script Tests/bench/django_bench.py)

say "server (.ci/postgres-tests.sh, setup only)"
set +e
AUTHCONSOLE_PG_SETUP_ONLY=1 nice bash .ci/postgres-tests.sh >"$SETUP_LOG" 2>&1
setup_status=$?
set -e
WORK=$(sed -n 's/^=== postgres-tests: initdb in \(\/tmp\/authconsole-pg\.[A-Za-z0-9]*\) .*/\1/p' "$SETUP_LOG" | head -n 1)
if [ "$setup_status" -ne 0 ] || [ -z "$WORK" ] || [ ! -f "$WORK/env.sh" ]; then
    cat "$SETUP_LOG" >&2
    say "the server setup failed"
    exit 1
fi
# shellcheck disable=SC1091
source "$WORK/env.sh"
# Every client below (psql, Django, authconsole) reaches the server over TCP as the test role,
# with the password from the environment only: never on a command line or in a URL.
export PGHOST=$AUTHCONSOLE_PG_HOST PGPORT=$AUTHCONSOLE_PG_PORT PGUSER=$AUTHCONSOLE_PG_USER
export PGPASSWORD=$AUTHCONSOLE_PG_PASSWORD PGSSLMODE=disable PGTZ=UTC
unset PGDATABASE PGSERVICE DATABASE_URL
pgq() { psql -X -q -v ON_ERROR_STOP=1 "$@"; }
SERVER_VERSION=$(pgq -d postgres -At -c "SHOW server_version")
SETTINGS=$(pgq -d postgres -At -F ' = ' -c "SELECT name, current_setting(name) FROM pg_settings
    WHERE name IN ('shared_buffers', 'work_mem', 'effective_cache_size', 'random_page_cost', 'jit', 'max_parallel_workers_per_gather')
    ORDER BY name" | paste -sd ';' | sed 's/;/; /g')
COLLATION=$(pgq -d postgres -At -c "SELECT CASE WHEN datlocprovider = 'i' THEN 'ICU ' || daticulocale ELSE 'libc ' || datcollate END FROM pg_database WHERE datname = 'template1'")

# The tables in the demo file, with their columns, in a fixed order.
sqlite_tables() {
    sqlite3 -readonly "$1" "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\_%' ESCAPE '\' AND name <> 'django_migrations' ORDER BY name"
}
sqlite_columns() {
    sqlite3 -readonly "$1" "SELECT group_concat('\"' || name || '\"', ', ') FROM pragma_table_info('$2')"
}

# Makes authconsole_bench_N with Django's migrations and copies the demo rows into it.
load() {
    local n=$1 db=$2 name=$3 csv=$WORK/csv-$1
    say "$n: migrate ($name)"
    PGOPTIONS="-c client_min_messages=warning" pgq -d postgres -c "DROP DATABASE IF EXISTS $name" -c "CREATE DATABASE $name"
    AUTHCONSOLE_FIXTURE_PG_DB=$name DJANGO_SETTINGS_MODULE=settings.default \
        nice "$PY" Tests/Fixtures/django/manage.py migrate --noinput >/dev/null
    say "$n: copy the demo rows"
    mkdir -p "$csv"
    local script=$csv/load.sql tables=() t
    mapfile -t tables < <(sqlite_tables "$db")
    {
        echo "BEGIN;"
        echo "SET TimeZone = 'UTC';"
        # What migrate put in (content types, permissions, the site) makes way for the demo's
        # rows, whose ids the other tables point at.
        printf 'TRUNCATE %s CASCADE;\n' "$(printf '"%s", ' "${tables[@]}" | sed 's/, $//')"
        for t in "${tables[@]}"; do
            local cols; cols=$(sqlite_columns "$db" "$t")
            nice sqlite3 -readonly -csv -cmd ".nullvalue $NULL_MARK" "$db" "SELECT $cols FROM \"$t\"" >"$csv/$t.csv"
            echo "\\copy \"$t\" ($cols) FROM '$csv/$t.csv' WITH (FORMAT csv, NULL '$NULL_MARK')"
        done
        echo "COMMIT;"
    } >"$script"
    pgq -d "$name" -f "$script"
    rm -rf "$csv"
    # Every id sequence past the loaded ids, as loaddata leaves them (sqlsequencereset).
    pgq -d "$name" >/dev/null <<'SQL'
SELECT format('SELECT setval(%L, COALESCE(MAX(%I), 1), MAX(%I) IS NOT NULL) FROM %I', s, c, c, t)
FROM (SELECT table_name AS t, column_name AS c, pg_get_serial_sequence(quote_ident(table_name), column_name) AS s
      FROM information_schema.columns WHERE table_schema = 'public') x
WHERE s IS NOT NULL \gexec
SQL
    say "$n: VACUUM ANALYZE"
    pgq -d "$name" <<'SQL'
SELECT format('VACUUM (ANALYZE) %I', tablename) FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename \gexec
SQL
    # Every row of the demo file is there: the counts of each table, on both sides.
    for t in "${tables[@]}"; do
        local a b
        a=$(sqlite3 -readonly "$db" "SELECT COUNT(*) FROM \"$t\"")
        b=$(pgq -d "$name" -At -c "SELECT COUNT(*) FROM \"$t\"")
        if [ "$a" != "$b" ]; then say "$n: $t has $a rows in the demo file but $b in PostgreSQL"; exit 1; fi
    done
}

# JSON with any field that names the database dropped, keys sorted, one value a line.
normalized() {
    python3 -c 'import json, sys
def strip(v):
    if isinstance(v, dict):
        return {k: strip(x) for k, x in v.items() if k not in ("database", "db", "database_path", "database_url")}
    return [strip(x) for x in v] if isinstance(v, list) else v
print(json.dumps(strip(json.load(sys.stdin)), indent=1, sort_keys=True))'
}

# The figures the console shows must be the same on both copies.
verify() {
    local n=$1 db=$2 url=$3 cmd
    for cmd in stats providers; do
        local a b
        a=$("$BIN" --db "$db" "$cmd" --format json --now "$NOW" 2>/dev/null | normalized)
        b=$("$BIN" --db "$url" "$cmd" --format json --now "$NOW" 2>/dev/null | normalized)
        if [ "$a" != "$b" ]; then
            say "$n: authconsole $cmd differs between the SQLite file and PostgreSQL:"
            diff <(echo "$a") <(echo "$b") | head -n 40 >&2
            exit 1
        fi
        say "$n: $cmd equal on SQLite and PostgreSQL ($(echo "$a" | wc -c) bytes of JSON)"
    done
}

write_section() {
    {
        echo "## PostgreSQL"
        echo
        echo "Regenerate with \`Tests/bench/pg-bench.sh\` (separate from run-benchmarks.sh; it makes its own server)."
        echo
        echo "- Server: PostgreSQL $SERVER_VERSION on this machine, a throwaway cluster from"
        echo "  \`.ci/postgres-tests.sh\` with the settings initdb made: $SETTINGS;"
        echo "  collation $COLLATION; fsync, synchronous_commit and full_page_writes off (which only writes feel)."
        echo "  Every side connects over TCP to 127.0.0.1 without TLS, the password from PGPASSWORD."
        echo "- Data: the demo databases above (\`authconsole demo --users N --now $NOW\`), each in its own"
        echo "  database made by Django's real \`migrate\` (Django + allauth of Tests/Fixtures/django), the rows"
        echo "  copied table by table (\`sqlite3 -csv\` -> \`COPY ... (FORMAT csv)\`, one transaction), id"
        echo "  sequences reset, then \`VACUUM (ANALYZE)\` of each table; no index beyond what migrate made. Checked before the"
        echo "  runs: \`authconsole stats\` and \`providers\` (JSON) give the same figures on PostgreSQL as on the SQLite file."
        echo "- Floor: \`psql\` running the minimal SQL for the same figure (\`authconsole bench --show-sql\`;"
        echo "  timestamptz literals, the app's date bucketing and Django's \`UPPER(...) LIKE UPPER(...)\`),"
        echo "  output to /dev/null, the sum of its \`\\timing\` lines; a fresh psql and a fresh authconsole process"
        echo "  per run, alternating (so neither has a warm backend cache the other lacks; the OS cache and"
        echo "  shared_buffers are warm for both). Django: the same django_bench.py on the postgresql engine (psycopg)."
        echo "- order-build and the -cached pages are not measured: the console builds an order of ids only on"
        echo "  SQLite, whose data_version tells when it is stale; on PostgreSQL it pages by keyset and deferred joins."
        echo "- What the first run found at 1M users: per-provider usage at 1.44x psql's floor (the SQLite-shaped"
        echo "  two statements walked the (provider, uid) index at random and JIT-compiled an EXISTS subplan) and"
        echo "  the export at 1.59x (a decoded row and a String per cell). PostgreSQL now gets one LEFT JOIN for the"
        echo "  usage and reads export rows in place; the figures are unchanged (the oracle suites pass)."
        echo
        cat "$SECTION"
    } >"$OUT.pg.tmp"
    # Everything before this section as it is (the SQLite part), then this section, last.
    : >"$OUT.tmp"
    if [ -f "$OUT" ]; then
        sed '/^## PostgreSQL/,$d' "$OUT" >"$OUT.tmp"
        if [ -s "$OUT.tmp" ] && [ -n "$(tail -n 1 "$OUT.tmp")" ]; then echo >>"$OUT.tmp"; fi
    fi
    cat "$OUT.pg.tmp" >>"$OUT.tmp"
    mv "$OUT.tmp" "$OUT"
}

for n in "${SIZES[@]}"; do
    db=$CACHE/demo-$n.sqlite3
    [ -f "$db" ] || nice "$BIN" demo --users "$n" --out "$db" --now "$NOW" >/dev/null 2>&1
    name=authconsole_bench_$n
    url="postgres://$PGUSER@$PGHOST:$PGPORT/$name?sslmode=disable"
    load "$n" "$db" "$name"
    verify "$n" "$db" "$url"
    say "$n: bench"
    {
        echo "### $n users ($(date -u +%Y-%m-%dT%H:%MZ), load before: $(cut -d' ' -f1-3 /proc/loadavg))"
        echo
        nice "$BIN" bench --db "$url" --runs "$RUNS" --max-seconds "$MAX_SECONDS" --format markdown "${django[@]}"
        echo
        echo "load after: $(cut -d' ' -f1-3 /proc/loadavg); database size $(pgq -d "$name" -At -c "SELECT pg_size_pretty(pg_database_size(current_database()))")"
        echo
    } >>"$SECTION"
    write_section
    say "$n: done, $OUT updated"
done
say "wrote the PostgreSQL section of $OUT"
