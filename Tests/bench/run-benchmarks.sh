#!/usr/bin/env bash
# Regenerates BENCHMARKS.md: builds the release binary, makes (or reuses) the 10k/100k/1M-user demo
# databases in /tmp/authconsole-bench, and runs `authconsole bench` on each beside sqlite3 and
# Django's ORM (the oracle venv from Tests/Fixtures/regenerate.sh, when present).
#   Tests/bench/run-benchmarks.sh [SIZES...]     (default: 10000 100000 1000000)
# Environment: RUNS (default 5), MAX_SECONDS per operation and side (default 20),
# DJANGO_PYTHON (default /tmp/authconsole-oracle-venv/bin/python; "none" to skip), OUT (BENCHMARKS.md).
set -euo pipefail
cd "$(dirname "$0")/../.."
SIZES=("${@:-10000 100000 1000000}"); read -r -a SIZES <<<"${SIZES[*]}"
RUNS=${RUNS:-5}; MAX_SECONDS=${MAX_SECONDS:-20}; OUT=${OUT:-BENCHMARKS.md}
PY=${DJANGO_PYTHON:-/tmp/authconsole-oracle-venv/bin/python}
CACHE=/tmp/authconsole-bench; mkdir -p "$CACHE"
TSV=$(mktemp); MEASURE=$(mktemp); trap 'rm -f "$TSV" "$MEASURE"' EXIT
nice swift build -c release >/dev/null
BIN=.build/release/authconsole
django=(); [ "$PY" != none ] && [ -x "$PY" ] && django=(--django-python "$PY" --django-script Tests/bench/django_bench.py)

{
cat <<'HEAD'
# Benchmarks

Regenerate with `Tests/bench/run-benchmarks.sh` (about 10 minutes at 1M users on 2 cores).

## Method
- Databases: `authconsole demo --users N --now 2026-06-15T12:00:00Z` (deterministic; about 70% of
  users have a social account), cached in /tmp/authconsole-bench. Every side opens the file read-only.
- `authconsole bench --db FILE` runs each operation in a fresh child process per run, `--runs`
  times (fewer when one side passes `--max-seconds`), alternating with sqlite3's runs, and reports
  the median and p95 (nearest rank: with 5 runs, the slowest) of the operation's own wall time;
  opening the database and process start are excluded. Peak MB is the child's own VmHWM (not
  wait4's maxrss, which Linux raises at exec to the spawning process's peak), so it includes the
  binary and its runtime (about 27 MB for the Swift runtime and Foundation before any query).
- sqlite3: the `sqlite3` command line running the minimal SQL for the same figure (see
  `BenchCommand.minimalSQL`), output to /dev/null, time from `.timer on` summed over statements
  (real; user+sys when real is below its 1 ms resolution). A fresh process per run on both sides:
  the OS file cache is warm, SQLite's page cache is not. "ratio to sqlite3" = authconsole / sqlite3 (budget 1.25x).
- Django: `Tests/bench/django_bench.py`, the ORM as the original admin plugin does it: the widget's
  separate `count()`s and per-provider queries, `Paginator(qs, 25).page(n)` (a COUNT, then
  LIMIT/OFFSET) for every page, `select_related("user")`, `iterator()` for the export. Django's
  import and setup are not timed. "Django / authconsole" = how many times faster authconsole is.
- Operations: dashboard (all figures, 90 days of signups); per-provider usage alone; accounts
  first page (sort -date_joined); a deep page (20,000 of 25 rows, or the last page but one on
  smaller databases; both sides skip by OFFSET, authconsole over the ids alone, then reads the
  page by primary key); next and previous page from the deep page (keyset; Django: OFFSET page
  n±1); the same three pages as the console serves them once it holds the view's order of ids
  (`-cached`: its currency check plus a primary-key lookup; Django: the same Paginator pages);
  building that order (`order-build`: read in the background after a page slower than 20 ms;
  no Django twin); a sort change (username ascending, page 1); search with many matches ("an") and none;
  the count of the many-match search; opening user 4242; exporting every row to CSV (/dev/null).
- Console start to first full paint and key-to-redraw: `Tests/e2e/measure.sh` (tmux), at 1M users,
  below the tables.
- The budgets table at the top is computed from the runs below by `Tests/bench/budgets.py`.

HEAD
echo "## Machine"
echo "- $(nproc) cores: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), $(free -m | awk '/Mem:/ {print $2}') MB RAM"
echo "- $(uname -sr), $(swift --version 2>&1 | head -1), sqlite3 $(sqlite3 --version | cut -d' ' -f1)"
echo "- shared with other work: the load average is printed beside each table"
echo
for n in "${SIZES[@]}"; do
    db=$CACHE/demo-$n.sqlite3
    [ -f "$db" ] || nice "$BIN" demo --users "$n" --out "$db" --now 2026-06-15T12:00:00Z >/dev/null 2>&1
    echo "## $n users ($(date -u +%Y-%m-%dT%H:%MZ), load before: $(cut -d' ' -f1-3 /proc/loadavg))"
    echo
    nice "$BIN" bench --db "$db" --runs "$RUNS" --max-seconds "$MAX_SECONDS" --format markdown "${django[@]}" --tsv "$TSV" --label "$n"
    echo
    echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo
done
if [[ " ${SIZES[*]} " == *" 1000000 "* ]]; then
    idx=$CACHE/demo-1000000-idx.sqlite3
    if [ ! -f "$idx" ]; then
        cp "$CACHE/demo-1000000.sqlite3" "$idx.tmp"
        sqlite3 "$idx.tmp" 'CREATE INDEX "socialaccount_socialaccount_date_joined_idx" ON "socialaccount_socialaccount" ("date_joined");'
        mv "$idx.tmp" "$idx"
    fi
    echo "## With the suggested index (a copy of the 1M database; load before: $(cut -d' ' -f1-3 /proc/loadavg))"
    echo
    echo "The index \`doctor\` suggests, created on a COPY (authconsole never writes to the site's database):"
    echo "\`CREATE INDEX \"socialaccount_socialaccount_date_joined_idx\" ON \"socialaccount_socialaccount\" (\"date_joined\");\`"
    echo "($(( $(stat -c %s "$idx") - $(stat -c %s "$CACHE/demo-1000000.sqlite3") )) bytes larger.) Django runs on the same copy."
    echo
    nice "$BIN" bench --db "$idx" --runs "$RUNS" --max-seconds "$MAX_SECONDS" --format markdown "${django[@]}" \
        --ops first-page,deep-page,next-page,previous-page,search-many,export --tsv "$TSV" --label 1000000-idx
    echo
    echo "## The console in tmux at 1M users, no index (load before: $(cut -d' ' -f1-3 /proc/loadavg))"
    echo
    echo "\`Tests/e2e/measure.sh\`: outside = from tmux send-keys until the pane shows it (includes tmux's"
    echo "polling); inside = the console's own trace (key read to frame drawn / to nothing loading)."
    echo
    echo '```'
    bash Tests/e2e/measure.sh "$BIN" "$CACHE/demo-1000000.sqlite3" | tee "$MEASURE"
    echo '```'
    echo
fi
} > "$OUT.body"
{
    sed -n '1,/^## Method/p' "$OUT.body" | sed '$d'
    echo "## Budgets at 1M users (computed from the runs below by Tests/bench/budgets.py)"
    echo
    python3 Tests/bench/budgets.py "$TSV" "$MEASURE"
    echo
    sed -n '/^## Method/,$p' "$OUT.body"
} > "$OUT.tmp"
rm -f "$OUT.body"
mv "$OUT.tmp" "$OUT"
echo "wrote $OUT"
