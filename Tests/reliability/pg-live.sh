#!/usr/bin/env bash
# The CLI against a live PostgreSQL site: a writer (psql, one DO block that COMMITs after each
# user + social account, provider "livetest") runs for SECONDS while `authconsole stats --format
# json` runs again and again. Every answer must come from one snapshot: as many new users as
# livetest accounts as new OAuth users; the last answer, after the writer, has all its rows.
#
#   Tests/reliability/pg-live.sh PATH/TO/authconsole [SECONDS]
#
# The server comes from AUTHCONSOLE_PG_HOST, _PORT, _USER, _PASSWORD and _DB_PREFIX, as
# .ci/postgres-tests.sh exports them; the writer works on a copy of <prefix>default
# (<prefix>live, dropped at the end), so the fixture the suites compare with stays untouched.
# The last line is `pg-live: N answers, consistent` or `pg-live: FAILED ...`.
set -euo pipefail

BIN=${1:?usage: pg-live.sh PATH/TO/authconsole [SECONDS]}
SECONDS_TO_WRITE=${2:-6}
: "${AUTHCONSOLE_PG_HOST:?}" "${AUTHCONSOLE_PG_PORT:?}" "${AUTHCONSOLE_PG_USER:?}" "${AUTHCONSOLE_PG_PASSWORD:?}"
PREFIX=${AUTHCONSOLE_PG_DB_PREFIX:-authconsole_}
LIVE=${PREFIX}live
WORK=$(mktemp -d "${TMPDIR:-/tmp}/authconsole-pg-live.XXXXXX")

pg() {
    PGPASSWORD=$AUTHCONSOLE_PG_PASSWORD PGOPTIONS='-c client_min_messages=warning' psql -X -q -v ON_ERROR_STOP=1 -h "$AUTHCONSOLE_PG_HOST" -p "$AUTHCONSOLE_PG_PORT" \
        -U "$AUTHCONSOLE_PG_USER" "$@"
}
finish() {
    [ -n "${WRITER:-}" ] && kill "$WRITER" 2>/dev/null
    wait 2>/dev/null
    pg -d postgres -c "DROP DATABASE IF EXISTS $LIVE" >/dev/null 2>&1 || true
    rm -rf "$WORK"
}
trap finish EXIT

pg -d postgres -c "DROP DATABASE IF EXISTS $LIVE" -c "CREATE DATABASE $LIVE TEMPLATE ${PREFIX}default" >/dev/null
URL=$(python3 -c 'import sys, urllib.parse as u; print("postgres://%s:%s@%s:%s/%s?sslmode=disable" % (u.quote(sys.argv[1], safe=""), u.quote(sys.argv[2], safe=""), sys.argv[3], sys.argv[4], sys.argv[5]))' \
    "$AUTHCONSOLE_PG_USER" "$AUTHCONSOLE_PG_PASSWORD" "$AUTHCONSOLE_PG_HOST" "$AUTHCONSOLE_PG_PORT" "$LIVE")

# users, oauth users, livetest accounts: one line from one `stats` run (status and stderr checked).
figures() {
    local out err
    out=$(env -u DATABASE_URL "$BIN" --db "$URL" stats --format json --days 1 2>"$WORK/stderr") || {
        echo "stats failed: $(cat "$WORK/stderr")"; return 1; }
    [ -s "$WORK/stderr" ] && { echo "stderr: $(cat "$WORK/stderr")"; return 1; }
    printf '%s' "$out" | python3 -c 'import json, sys
j = json.load(sys.stdin)
print(j["total_users"], j["oauth_users"], j.get("providers", {}).get("livetest", {}).get("account_count", 0))'
}

read -r BASE_USERS BASE_OAUTH BASE_LIVE <<<"$(figures)"
[ "$BASE_LIVE" = 0 ] || { echo "pg-live: FAILED: the copy already has livetest accounts"; exit 1; }

pg -d "$LIVE" -v secs="$SECONDS_TO_WRITE" >"$WORK/writer.out" 2>&1 <<'SQL' &
SET live.seconds = :secs;
DO $$
DECLARE
    deadline timestamptz := clock_timestamp() + make_interval(secs => current_setting('live.seconds')::int);
    new_id integer;
    n integer := 0;
BEGIN
    WHILE clock_timestamp() < deadline LOOP
        INSERT INTO auth_user (password, last_login, is_superuser, username, first_name, last_name, email,
                               is_staff, is_active, date_joined)
        VALUES ('!', now(), false, 'live-' || n || '-' || clock_timestamp(), '', '', 'live' || n || '@example.com',
                false, true, now())
        RETURNING id INTO new_id;
        INSERT INTO socialaccount_socialaccount (provider, uid, last_login, date_joined, user_id, extra_data)
        VALUES ('livetest', 'uid-' || n || '-' || clock_timestamp(), now(), now(), new_id, '{}');
        COMMIT;
        n := n + 1;
        PERFORM pg_sleep(0.002);
    END LOOP;
END
$$;
SQL
WRITER=$!

answers=0 bad="" last=""
while kill -0 "$WRITER" 2>/dev/null; do
    line=$(figures) || { bad="$bad; $line"; break; }
    read -r users oauth live <<<"$line"
    answers=$((answers + 1))
    last=$users
    if [ $((users - BASE_USERS)) != "$live" ] || [ $((oauth - BASE_OAUTH)) != "$live" ]; then
        bad="$bad; users +$((users - BASE_USERS)), oauth +$((oauth - BASE_OAUTH)), livetest $live"
    fi
done
WRITER_STATUS=0
wait "$WRITER" || WRITER_STATUS=$?
WRITER=
[ "$WRITER_STATUS" = 0 ] || bad="$bad; the writer failed: $(cat "$WORK/writer.out")"
WRITTEN=$(pg -d "$LIVE" -At -c "SELECT count(*) FROM socialaccount_socialaccount WHERE provider = 'livetest'")
read -r users oauth live <<<"$(figures)"
[ "$live" = "$WRITTEN" ] && [ $((users - BASE_USERS)) = "$WRITTEN" ] && [ $((oauth - BASE_OAUTH)) = "$WRITTEN" ] \
    || bad="$bad; after the writer: users +$((users - BASE_USERS)), oauth +$((oauth - BASE_OAUTH)), livetest $live, written $WRITTEN"
if [ "$answers" -lt 3 ] || [ "$last" = "$BASE_USERS" ]; then bad="$bad; only $answers answers while writing (last total $last)"; fi

if [ -n "$bad" ]; then
    echo "pg-live: FAILED${bad}"
    exit 1
fi
echo "pg-live: $answers answers while $WRITTEN users were written, consistent"
