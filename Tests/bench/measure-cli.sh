#!/usr/bin/env bash
# Median wall time and peak memory of CLI commands on a database, beside sqlite3 running the
# same SQL. Usage: Tests/bench/measure-cli.sh BINARY DB [RUNS]
set -euo pipefail
BIN=$1; DB=$2; RUNS=${3:-5}
NOW=2026-06-15T12:00:00Z

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

run() {  # label, command...
    local label=$1; shift
    local times=() mems=()
    for _ in $(seq "$RUNS"); do
        local out tmp
        tmp=$(mktemp)
        /usr/bin/time -o "$tmp" -f "%e %M" "$@" >/dev/null 2>&1 || true
        out=$(tail -n 1 "$tmp"); rm -f "$tmp"
        times+=("${out% *}"); mems+=("${out#* }")
    done
    printf "%-34s median %6.3f s   peak %6d KB\n" "$label" \
        "$(printf '%s\n' "${times[@]}" | median)" "$(printf '%s\n' "${mems[@]}" | median)"
}

echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(basename "$BIN") on $(basename "$DB")"
run "authconsole stats" "$BIN" --db "$DB" stats --now "$NOW" --format json
run "authconsole accounts (page 1)" "$BIN" --db "$DB" accounts --format json --now "$NOW"
run "authconsole accounts --no-count" "$BIN" --db "$DB" accounts --format json --no-count
run "authconsole accounts --page 20000" "$BIN" --db "$DB" accounts --format json --no-count --page 20000
run "authconsole accounts --search hopper" "$BIN" --db "$DB" accounts --format json --search hopper
run "authconsole user 4242" "$BIN" --db "$DB" user 4242 --format json

SQL_STATS="SELECT COUNT(*), SUM(CASE WHEN date_joined >= '2026-06-08 12:00:00' THEN 1 ELSE 0 END), SUM(CASE WHEN is_staff THEN 1 ELSE 0 END), SUM(CASE WHEN is_superuser THEN 1 ELSE 0 END), SUM(CASE WHEN is_active THEN 1 ELSE 0 END) FROM auth_user;
SELECT substr(date_joined,1,10) d, COUNT(*) FROM auth_user WHERE date_joined >= '2026-05-17 00:00:00' AND date_joined < '2026-06-16 00:00:00' GROUP BY d;
SELECT COUNT(DISTINCT user_id) FROM socialaccount_socialaccount;
SELECT sa.provider, COUNT(*), COUNT(DISTINCT CASE WHEN u.last_login >= '2026-05-16 12:00:00' THEN sa.user_id END), COUNT(DISTINCT CASE WHEN sa.last_login >= '2026-05-16 12:00:00' THEN sa.user_id END), MAX(sa.date_joined) FROM socialaccount_socialaccount sa JOIN auth_user u ON u.id = sa.user_id GROUP BY sa.provider;"
SQL_PAGE="SELECT sa.id, sa.user_id, u.username, u.email, sa.provider, sa.uid, sa.date_joined, sa.last_login FROM socialaccount_socialaccount sa JOIN auth_user u ON u.id = sa.user_id ORDER BY sa.date_joined DESC, sa.id DESC LIMIT 26; SELECT COUNT(*) FROM socialaccount_socialaccount;"
run "sqlite3: the stats SQL" sqlite3 -readonly "$DB" "$SQL_STATS"
run "sqlite3: page 1 + count SQL" sqlite3 -readonly "$DB" "$SQL_PAGE"
