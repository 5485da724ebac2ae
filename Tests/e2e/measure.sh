#!/usr/bin/env bash
# Measures the console in tmux (120x40) on a database (normally a 1,000,000-user demo):
#
#   Tests/e2e/measure.sh PATH/TO/authconsole PATH/TO/demo.sqlite3
#
# Two views of each number:
#   - outside: from `tmux send-keys` (or the launch) until the pane shows the expected text,
#     polling capture-pane every few milliseconds (includes tmux's own latency);
#   - inside: the console's AUTHCONSOLE_TRACE lines (key read -> frame drawn, key -> `ready`,
#     start -> first frame, start -> first full paint with nothing loading).
set -u
BIN=${1:?usage: measure.sh BINARY DB}
DB=${2:?usage: measure.sh BINARY DB}
case $BIN in /*) ;; *) BIN=$PWD/$BIN ;; esac
case $DB in /*) ;; *) DB=$PWD/$DB ;; esac
NOW=2026-06-15T12:00:00Z
WORK=$(mktemp -d "${TMPDIR:-/tmp}/authconsole-measure.XXXXXX")
SOCKET=authconsole-measure-$$
T() { tmux -L "$SOCKET" "$@"; }
trap 'T kill-server 2>/dev/null; rm -rf "$WORK"' EXIT

now_ns() { date +%s%N; }
# until TEXT...: polls until every TEXT is on the pane; prints elapsed ms since $START.
until_seen() {
    local deadline=$(( $(now_ns) + 120000000000 )) screen ok
    while [ "$(now_ns)" -lt $deadline ]; do
        screen=$(T capture-pane -p -t m)
        ok=1
        for text in "$@"; do case $screen in *"$text"*) ;; *) ok=0; break ;; esac; done
        if [ $ok = 1 ]; then echo $(( ($(now_ns) - START) / 1000000 )); return 0; fi
    done
    echo timeout
}
ready() { echo " ready"; }

T new-session -d -s m -x 120 -y 40 -c "$WORK" "LANG=C.UTF-8 LC_ALL=C.UTF-8 PS1='\$ ' exec bash --norc --noprofile"
sleep 0.5
T send-keys -t m "clear" Enter
sleep 0.3

report() { printf '%-44s %10s %s\n' "$1" "$2" "${3:-ms}"; }

START=$(now_ns)
T send-keys -t m "AUTHCONSOLE_TRACE=$WORK/trace '$BIN' --db '$DB' --now $NOW; echo EXIT=\$?" Enter
report "launch -> first frame (outside)" "$(until_seen "authconsole  1 Dashboard")"
report "launch -> dashboard figures (outside)" "$(until_seen "Total users")"
report "launch -> dashboard complete (outside)" "$(until_seen "Total users" "Signups per day" "Configuration")"
report "launch -> ready, table preloaded (outside)" "$(until_seen "Total users" " ready")"

step() {
    local name=$1; shift
    local keys=$1; shift
    START=$(now_ns)
    # shellcheck disable=SC2086
    T send-keys -t m $keys
    report "$name (outside)" "$(until_seen "$@")"
}
step "key 3 -> accounts table" 3 "rows 1–35 of"
sleep 0.5
step "key j -> selection moved" j "rows 1–35 of"
sleep 0.3
step "PgDn -> next page shown (order not built yet)" NPage "rows 36–70 of"
# A slow page has the view's order of ids built in the background; give it time to finish.
sleep 4
step "PgUp -> previous page shown (from the order)" PPage "rows 1–35 of"
sleep 0.3
START=$(now_ns)
T send-keys -t m :
T send-keys -t m -l "20000"
T send-keys -t m Enter
report "':20000' -> page 20000 shown (outside)" "$(until_seen "rows 699,966–700,000 of")"
sleep 0.3
step "PgDn -> page 20001 shown" NPage "rows 700,001–700,035 of"
sleep 0.3
step "PgUp -> page 20000 shown" PPage "rows 699,966–700,000 of"
sleep 0.3
step "g -> first page" g "rows 1–35 of"
sleep 0.3
step "PgDn -> next page shown" NPage "rows 36–70 of"
sleep 0.3
step "PgDn -> next page shown (2)" NPage "rows 71–105 of"
sleep 0.3
step "PgUp -> previous page shown" PPage "rows 36–70 of"
sleep 0.3
step "U -> sorted by username, ready" U "USERNAME ↑" " ready"
sleep 0.3
step "J -> sorted by joined, ready" J "JOINED ↓" " ready"
sleep 0.3
step "/ -> search line open" / "/ "
step "h -> typed letter echoed" h "/ h"
step "o -> typed letter echoed" o "/ ho"
step "p -> typed letter echoed" p "/ hop"
START=$(now_ns)
T send-keys -t m -l "per"
report "'per' typed -> results for hopper (outside)" "$(until_seen "/ hopper" "hopper" " ready")"
step "Enter -> search kept" Enter 'Search "hopper"' " ready"
sleep 0.3
step "G -> last page, ready" G " ready"
sleep 0.3
step "Escape -> search cleared, counted" Escape "Search (/ to search)" " ready"
sleep 0.3
step "Enter -> user page" Enter "Linked accounts" " ready"
step "Escape -> table" Escape "rows 1–35 of"
sleep 0.3
# The console's own peak resident memory over the whole walk (VmHWM).
CONSOLE=$(ps -o pid= --ppid "$(T display -p -t m '#{pane_pid}')" | tr -d ' ' | head -1)
report "console peak memory (VmHWM)" "$(grep -E "^VmHWM" "/proc/$CONSOLE/status" 2>/dev/null | tr -dc 0-9)" KB
T send-keys -t m q
sleep 1
echo
echo "inside (AUTHCONSOLE_TRACE):"
cat "$WORK/trace"
