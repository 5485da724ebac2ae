#!/usr/bin/env bash
# The console under faults, in a real terminal (tmux), against the real binary.
#
#   Tests/e2e/faults.sh PATH/TO/authconsole
#
# Builds nothing. Makes demo databases with that binary, then, in a private tmux server:
#   1. live site: Tests/reliability/writer.py inserts a user + a social account per transaction
#      (WAL and rollback-journal copies) while the dashboard is refreshed: every paint has
#      total users - OAuth users unchanged, the figures grow, the last paint has exactly the
#      writer's count added; then a writer holds an exclusive lock past the 5 s busy timeout:
#      one status line "... locked ... try again", keys still answer, `r` recovers after;
#   2. the database deleted, truncated, replaced (another demo) and overwritten with garbage
#      under the running console: a clear message or the old figures, never a crash, keys still
#      answer, q exits 0, the terminal is restored (`stty -a` shows icanon and echo);
#   3. disk full while exporting from the console (a 256 KiB tmpfs; skipped, with the reason,
#      when it cannot be mounted): one line, no file left, the console keeps running;
#   4. SIGTERM, SIGHUP, SIGINT and SIGQUIT (kill) while the console exports: exit 128 + signal, no
#      partial or temporary file, the terminal restored;
#   5. a resize storm (50 resizes a second for 3 s, including too-small sizes): the console
#      lives and its last paint fits the last size;
#   6. `demo` with stdout closed, stdout a pipe whose reader is gone, and killed mid-way: no
#      temporary file, a whole database or none.
# FAULTS_ONLY picks sections (live livepages files disk signals storm demo); FAULTS_BIG_USERS sizes the
# database the exports run on (default 100000). The last line is
# `faults: N passed, M failed, K skipped`; the status is non-zero on a failure.
set -u

BIN=${1:?usage: Tests/e2e/faults.sh PATH/TO/authconsole}
case $BIN in /*) ;; *) BIN=$PWD/$BIN ;; esac
[ -x "$BIN" ] || { echo "faults: $BIN is not an executable" >&2; exit 2; }
command -v tmux >/dev/null || { echo "faults: tmux is not installed" >&2; exit 2; }
command -v python3 >/dev/null || { echo "faults: python3 is not installed" >&2; exit 2; }
HERE=$(cd "$(dirname "$0")" && pwd)
WRITER=$HERE/../reliability/writer.py
TIMEOUT=${E2E_TIMEOUT:-20}
# Big enough that exporting its accounts takes a few seconds in a debug build.
BIG_USERS=${FAULTS_BIG_USERS:-100000}
NOW=2026-06-15T12:00:00Z

NAME=faults
# shellcheck source=Tests/e2e/lib.sh
. "$HERE/lib.sh"
SKIPPED=0
skip() { SKIPPED=$((SKIPPED + 1)); elapsed; printf 'skip %6d ms  %s\n' "$STEP_MS" "$1"; }
MOUNTED=""
WRITER_PID=""
fault_cleanup() {
    [ -n "$WRITER_PID" ] && kill "$WRITER_PID" 2>/dev/null
    [ -n "$MOUNTED" ] && umount "$MOUNTED" 2>/dev/null
    cleanup
}
trap fault_cleanup EXIT

# A dashboard figure as a number: figure "Total users" [SCREEN].
figure() { printf '%s\n' "${2:-$(pane)}" | grep -o "$1 *[0-9,]*" | head -1 | tr -dc 0-9; }
# The pane once it has settled: the status bar says ready and two captures agree.
settled() {
    local a b deadline=$((SECONDS + TIMEOUT))
    while [ $SECONDS -le $deadline ]; do
        a=$(pane)
        if printf '%s\n' "$a" | grep -v '^ *$' | tail -1 | grep -q 'ready *$'; then
            sleep 0.05
            b=$(pane)
            [ "$a" = "$b" ] && { printf '%s\n' "$a"; return 0; }
        fi
        sleep 0.05
    done
    pane
    return 1
}
# start_writer DB MODE SECONDS: the writer in the background, once it has said ready.
start_writer() {
    rm -f "$WORK/writer.out"
    python3 "$WRITER" "$1" "$2" "$3" >"$WORK/writer.out" 2>"$WORK/writer.err" &
    WRITER_PID=$!
    local deadline=$((SECONDS + TIMEOUT))
    until grep -qs ready "$WORK/writer.out"; do
        [ $SECONDS -le $deadline ] && kill -0 "$WRITER_PID" 2>/dev/null || return 1
        sleep 0.05
    done
}
stop_writer() { wait "$WRITER_PID" 2>/dev/null; WRITER_PID=""; tail -1 "$WORK/writer.out"; }
running() { local st; st=$(ps -o stat= -p "$1" 2>/dev/null); [ -n "$st" ] && [ "${st#Z}" = "$st" ]; }
# The terminal is back in cooked mode (the shell's own check, visible in the pane).
check_cooked() {
    local n=$RANDOM
    keys "clear; echo \"cooked-$n:\$(stty -a | grep -oE '(^| )-?(icanon|echo)( |\$)' | tr -d ' ' | sort | tr '\\n' :)\"" Enter
    wait_text "$1: stty -a shows icanon echo" "cooked-$n:echo:icanon:"
}
no_partial() { ! find "$1" -name '*.partial*' | grep -q .; }

echo "faults: binary $BIN"
SMALL=$WORK/small.sqlite3
BIG=$WORK/big.sqlite3
OTHER=$WORK/other.sqlite3
for spec in "$SMALL 3000 1" "$OTHER 1500 2" "$BIG $BIG_USERS 1"; do
    set -- $spec
    if ! "$BIN" demo --users "$2" --seed "$3" --out "$1" --now "$NOW" >/dev/null 2>"$WORK/demo.log"; then
        fail "make a demo database of $2 users" "$(cat "$WORK/demo.log")"
        echo "faults: $PASSED passed, $FAILED failed, $SKIPPED skipped"
        exit 1
    fi
done
pass "demo databases (3,000, 1,500 and $BIG_USERS users)"
start_shell

# ---- 1. live site ----------------------------------------------------------------------------
# The console runs in $WORK and gets short relative names: its messages quote the path, and the
# advice at their end ("try again") must fit the 120-column status line.
live() {
    for mode in wal delete; do
        DB=$WORK/$mode.db
        cp "$SMALL" "$DB"
        sqlite3 "$DB" "PRAGMA journal_mode=$mode;" >/dev/null
        launch "${DB#"$WORK"/}"
        wait_for "live $mode: dashboard" "Total users" "OAuth users"
        BASE_TOTAL=$(figure "Total users")
        BASE_GAP=$((BASE_TOTAL - $(figure "OAuth users")))
        start_writer "$DB" sql 5 || fail "live $mode: writer started" "$(cat "$WORK/writer.err")"
        # Keys answer while the site writes: another screen and back.
        keys 2
        wait_for "live $mode: keys answer while the writer runs (providers screen)" "STATUS"
        keys 1
        paints=0 bad="" totals=""
        while kill -0 "$WRITER_PID" 2>/dev/null; do
            keys r
            sleep 0.2
            screen=$(settled) || { bad="$bad; no settled paint"; break; }
            total=$(figure "Total users" "$screen") oauth=$(figure "OAuth users" "$screen")
            paints=$((paints + 1))
            totals="$totals $total"
            [ $((total - oauth)) = "$BASE_GAP" ] || bad="$bad; total $total - oauth $oauth != $BASE_GAP"
            status=$(printf '%s\n' "$screen" | tail -1)
            case $status in *locked*|*"could not"*|*cannot*|*damaged*|*rror*) bad="$bad; message: $status" ;; esac
        done
        N=$(stop_writer)
        distinct=$(echo $totals | tr ' ' '\n' | sort -u | wc -l)
        if [ -z "$bad" ] && [ "$paints" -ge 3 ] && [ "$distinct" -ge 2 ]; then
            pass "live $mode: $paints paints while the writer ran, totals grow ($distinct values), OAuth grows with them"
        else
            fail "live $mode: consistent paints" "paints $paints, distinct totals $distinct:$totals$bad"
        fi
        keys r
        sleep 0.2
        screen=$(settled)
        total=$(figure "Total users" "$screen") oauth=$(figure "OAuth users" "$screen")
        if [ "$total" = $((BASE_TOTAL + N)) ] && [ $((total - oauth)) = "$BASE_GAP" ]; then
            pass "live $mode: after the writer, exactly its $N users added ($total)"
        else
            fail "live $mode: final figures" "total $total (want $((BASE_TOTAL + N))), oauth $oauth$(printf '\n%s' "$screen")"
        fi
        keys q
        wait_text "live $mode: q exits 0" "EXIT=0"
    done

    # A lock held past the busy timeout (rollback journal: readers are locked out).
    DB=$WORK/delete.db
    launch "${DB#"$WORK"/}"
    wait_for "lock: dashboard" "Total users"
    BASE_TOTAL=$(figure "Total users")
    start_writer "$DB" hold 8 || fail "lock: holder started" "$(cat "$WORK/writer.err")"
    keys r
    sleep 0.3
    keys '?'
    wait_text "lock: keys answer while the refresh waits (help opens)" "Keys"
    keys Escape
    if seen "is locked by a writer"; then
        n=$(pane | grep -c "locked")
        last=$(pane | tail -1)
        case $last in
            *"delete.db is locked by a writer and stayed locked past the busy timeout: try again"*) [ "$n" = 1 ] && pass "lock: one status line: ${last:0:100}…" || fail "lock: one line" "$(pane)" ;;
            *) fail "lock: the message is on the status line" "$(pane)" ;;
        esac
    else
        fail "lock: reported after the busy timeout" "$(pane)"
    fi
    if pane | grep -q "Total users *$(commas "$BASE_TOTAL")"; then pass "lock: the last figures stay on screen"; else fail "lock: figures kept" "$(pane)"; fi
    stop_writer >/dev/null
    keys r
    sleep 0.2
    screen=$(settled)
    if [ "$(figure "Total users" "$screen")" = "$BASE_TOTAL" ] && ! printf '%s\n' "$screen" | grep -q locked; then
        pass "lock: r after the lock is released reads again, message gone"
    else
        fail "lock: recovers" "$screen"
    fi
    keys q
    wait_text "lock: q exits 0" "EXIT=0"
    check_cooked "after the live site"
}

# ---- 2. the database file changes under the console --------------------------------------------
# What each fault must lead to after r: the new file's figures or a clear message. A truncated
# file may still answer from SQLite's page cache until a read needs a missing page.
files() {
    for fault in delete truncate replace garbage; do
        DB=$WORK/site.sqlite3
        rm -f "$DB"
        cp "$SMALL" "$DB"
        launch "${DB#"$WORK"/}"
        keys 3
        wait_for "$fault: accounts screen" "rows 1–35 of"
        case $fault in
            delete) rm -f "$DB"; want="no database at" ;;
            truncate) truncate -s 12288 "$DB"; want="is damaged" ;;
            replace) cp "$OTHER" "$DB.new" && mv "$DB.new" "$DB"; want="Total users                    1,500" ;;
            garbage) head -c 1048576 /dev/urandom > "$DB.new" && mv "$DB.new" "$DB"; want="is not an SQLite database" ;;
        esac
        keys NPage 1 r
        if seen "$want"; then
            pass "$fault: after r: $(pane | grep -F "$want" | tail -1 | sed -e 's/^ *//' -e 's/  */ /g' | cut -c1-100)"
        elif [ $fault = truncate ] && pane | grep -q "Total users *3,000"; then
            pass "$fault: after r: the figures SQLite still had (no page was missing)"
        else
            fail "$fault: after r, wanted: $want" "$(pane)"
        fi
        if pane | grep -qiE "fatal|backtrace|stack dump|EffectFailure|0x[0-9a-f]{8}"; then fail "$fault: no stack trace" "$(pane)"; fi
        keys '?'
        wait_text "$fault: keys still answer (help opens)" "Keys"
        keys Escape 3
        wait_for "$fault: the accounts screen still answers" "rows "
        keys q
        wait_text "$fault: q exits 0" "EXIT=0"
        check_cooked "$fault"
    done
    check_usable "after the database faults"
}

# ---- 3. disk full while exporting ------------------------------------------------------------------
disk() {
    FULL=$WORK/full
    mkdir -p "$FULL"
    if [ "$(id -u)" != 0 ]; then
        skip "disk full: mounting a tmpfs needs root"
    elif ! mount -t tmpfs -o size=256k tmpfs "$FULL" 2>"$WORK/mount.err"; then
        skip "disk full: cannot mount a tmpfs here: $(head -1 "$WORK/mount.err")"
    else
        MOUNTED=$FULL
        launch big.sqlite3
        keys 3
        wait_for "disk full: accounts" "rows 1–35 of"
        keys e c C-u
        typed "full/accounts.csv"
        keys Enter
        if seen "No space left"; then
            line=$(pane | grep "No space left")
            case "$(pane | grep -c "No space left")|$line" in
                "1|"*"export failed: cannot write the export: No space left"*) pass "disk full: one line: $(echo "$line" | sed -e 's/^ *//' -e 's/  */ /g' | cut -c1-110)" ;;
                *) fail "disk full: one clear line" "$(pane)" ;;
            esac
        else
            fail "disk full: reported (waited ${TIMEOUT}s for: No space left)" "$(pane)"
        fi
        left=$(ls -A "$FULL")
        [ -z "$left" ] && pass "disk full: no partial or temporary file" || fail "disk full: files left" "$left"
        keys 1
        wait_for "disk full: the console keeps running" "Total users"
        keys q
        wait_text "disk full: q exits 0" "EXIT=0"
        umount "$FULL" && MOUNTED=""
    fi
}

# ---- 1b. paging under a live writer: pages served from the console's order of ids are
# retired at the writer's first commit (the big database, so a page is slow enough for the
# console to build the order) ---------------------------------------------------------------------
livepages() {
    DB=$WORK/pages.db
    cp "$BIG" "$DB"
    sqlite3 "$DB" "PRAGMA journal_mode=wal;" >/dev/null
    launch "${DB#"$WORK"/}"
    wait_for "live pages: dashboard" "Total users"
    keys 3
    wait_for "live pages: accounts" "rows 1–35 of"
    sleep 2  # the order of ids is built in the background after the slow first page
    keys NPage
    wait_for "live pages: page 2" "rows 36–70 of"
    keys NPage
    wait_for "live pages: page 3 from the order, before any write" "rows 71–105 of"
    if pane | grep -q livetest; then fail "live pages: no livetest row yet" "$(pane)"; fi
    start_writer "$DB" sql 3 || fail "live pages: writer started" "$(cat "$WORK/writer.err")"
    while kill -0 "$WRITER_PID" 2>/dev/null; do
        keys NPage PPage
        sleep 0.3
    done
    N=$(stop_writer)
    # Page 3 again: the livetest accounts (date_joined 11:00, the newest ids) start at row 71 in
    # the database's own order, which the CLI shows; a stale order would show the old rows.
    want=$("$BIN" --db "$DB" --now "$NOW" accounts --page 3 --page-size 35 --format csv | grep -c livetest)
    all=$("$BIN" --db "$DB" --now "$NOW" accounts --format json --page-size 1 | grep '"count"' | tr -dc 0-9)
    keys g
    wait_for "live pages: page 1 again" "rows 1–35 of"
    keys NPage
    wait_for "live pages: page 2 again" "rows 36–70 of"
    keys NPage
    if wait_for "live pages: page 3 after $N commits, counted again" "rows 71–105 of $(commas "$all")" && [ "$want" -gt 0 ]; then
        shown=$(pane | grep -c livetest)
        [ "$shown" = "$want" ] && pass "live pages: page 3 shows the $want new livetest rows the database has there" \
            || fail "live pages: page 3 is the database's" "console $shown livetest rows, CLI $want$(printf '\n%s' "$(pane)")"
    fi
    keys q
    wait_text "live pages: q exits 0" "EXIT=0"
}

# ---- 4. signals during an export ----------------------------------------------------------------------
signals() {
    # SEGV stands for a crash: the crash handler restores the terminal, removes the export's
    # temporary file and exits 70 (documented in the README).
    for sig in TERM HUP INT QUIT SEGV; do
        OUT=$WORK/out-$sig
        mkdir -p "$OUT"
        launch big.sqlite3
        keys 3
        wait_for "SIG$sig: accounts" "rows 1–35 of"
        keys e c C-u
        typed "out-$sig/accounts.csv"
        keys Enter
        if ! seen "exporting CSV"; then fail "SIG$sig: export started" "$(pane)"; continue; fi
        partial=$(find "$OUT" -name '*.partial' | wc -l)
        kill -"$sig" "$(console_pid)"
        status=$((128 + $(kill -l "$sig")))
        [ "$sig" = SEGV ] && status=70
        wait_text "SIG$sig during an export ($partial temporary file): exits $status" "EXIT=$status"
        left=$(ls -A "$OUT")
        [ -z "$left" ] && pass "SIG$sig: no partial or temporary file" || fail "SIG$sig: files left" "$left"
        check_cooked "SIG$sig"
    done
}

# ---- 5. resize storm ------------------------------------------------------------------------------------
storm() {
    launch big.sqlite3
    keys 3
    wait_for "storm: accounts" "rows 1–35 of"
    PID=$(console_pid)
    sizes=("100 30" "70 20" "140 45" "81 24" "120 40")
    # 50 a second for 3 s: the n-th resize is due at start + n * 20 ms (no sleep when behind).
    start=$(date +%s%N)
    n=0
    while [ $n -lt 150 ]; do
        set -- ${sizes[$((n % ${#sizes[@]}))]}
        T resize-window -t e2e -x "$1" -y "$2"
        n=$((n + 1))
        ahead=$(( start + n * 20000000 - $(date +%s%N) ))
        [ $ahead -gt 0 ] && sleep "0.$(printf '%09d' $ahead)"
    done
    took=$(( ($(date +%s%N) - start) / 1000000 ))
    T resize-window -t e2e -x 110 -y 33
    if running "$PID"; then pass "storm: alive after $n resizes in $took ms ($(( n * 1000 / took )) a second)"; else fail "storm: alive" "$(pane)"; fi
    if wait_for "storm: final paint for 110x33 (28 rows)" "rows 1–28 of"; then
        screen=$(pane)
        lines=$(printf '%s\n' "$screen" | wc -l)
        first=$(printf '%s\n' "$screen" | head -1)
        last=$(printf '%s\n' "$screen" | tail -1)
        case "$first|$last" in
            *"authconsole"*"? help"*"|"*"ready") [ "$lines" = 33 ] && pass "storm: header fits, status line on row 33" || fail "storm: $lines rows" "$screen" ;;
            *) fail "storm: header and status line in place" "$screen" ;;
        esac
    fi
    keys q
    wait_text "storm: q exits 0" "EXIT=0"
    T resize-window -t e2e -x 120 -y 40
    check_cooked "after the storm"
}

# ---- 6. demo with stdout gone, and killed -------------------------------------------------------------
demo() {
    D=$WORK/demo-out
    mkdir -p "$D"
    # Stdout closed: the database is written whole, then the closing line cannot be: one line, status 1.
    "$BIN" demo --users 3000 --out "$D/closed.sqlite3" --now "$NOW" >&- 2>"$WORK/closed.err"
    st=$?
    total=$("$BIN" --db "$D/closed.sqlite3" --now "$NOW" stats --format json 2>/dev/null | grep '"total_users"' | tr -dc 0-9)
    errs=$(grep -v '^… ' "$WORK/closed.err")
    if [ "$st" = 1 ] && [ "$total" = 3000 ] && no_partial "$D" && [ "$(printf '%s\n' "$errs" | wc -l)" = 1 ]; then
        pass "demo with stdout closed: whole database, status 1, one line: $errs"
    else
        fail "demo with stdout closed" "status $st, total '$total', stderr: $errs, files: $(ls -A "$D")"
    fi
    "$BIN" demo --users 3000 --out "$D/pipe.sqlite3" --now "$NOW" 2>/dev/null | true
    st=${PIPESTATUS[0]}
    total=$("$BIN" --db "$D/pipe.sqlite3" --now "$NOW" stats --format json 2>/dev/null | grep '"total_users"' | tr -dc 0-9)
    if [ "$st" = 0 ] && [ "$total" = 3000 ] && no_partial "$D"; then pass "demo | true (reader gone): whole database, status 0"; else fail "demo | true" "status $st, total '$total', files: $(ls -A "$D")"; fi
    for sig in TERM INT HUP; do
        rm -f "$D/killed.sqlite3"
        # A background job of a script starts with SIGINT ignored, and under nohup SIGHUP is too
        # (authconsole keeps an inherited ignore, as it should): put the default actions back.
        python3 -c 'import os, signal, sys; [signal.signal(s, signal.SIG_DFL) for s in (signal.SIGINT, signal.SIGHUP, signal.SIGTERM)]; os.execv(sys.argv[1], sys.argv[1:])' \
            "$BIN" demo --users 200000 --out "$D/killed.sqlite3" --now "$NOW" >/dev/null 2>&1 &
        pid=$!
        sleep 1
        kill -"$sig" "$pid"
        wait "$pid" 2>/dev/null
        st=$?
        if [ "$st" = $((128 + $(kill -l "$sig"))) ] && [ ! -e "$D/killed.sqlite3" ] && [ "$(ls -A "$D" | tr '\n' ' ')" = "closed.sqlite3 pipe.sqlite3 " ]; then
            pass "demo killed by SIG$sig mid-way: status $st, no file"
        else
            fail "demo killed by SIG$sig" "status $st, files: $(ls -A "$D")"
        fi
    done
}

# FAULTS_ONLY="live storm" runs only those sections.
for section in ${FAULTS_ONLY:-live livepages files disk signals storm demo}; do
    "$section"
done

echo "faults: $PASSED passed, $FAILED failed, $SKIPPED skipped"
[ "$FAILED" = 0 ]
