# Helpers shared by the tmux end-to-end scripts (run.sh, faults.sh). Sourced after the script
# set BIN, NOW, TIMEOUT and NAME (a word for the temporary folder and the tmux socket); the
# pane is the session `e2e` of a private tmux server. Defines WORK, T, pass/fail (with timings), pane,
# status_line, wait_for, seen, wait_text, commas, keys, typed, cli, count_of, first_username,
# console_pid, start_shell, check_usable and launch.
WORK=$(mktemp -d "${TMPDIR:-/tmp}/authconsole-${NAME:-e2e}.XXXXXX")
SOCKET=authconsole-${NAME:-e2e}-$$
T() { tmux -L "$SOCKET" "$@"; }
cleanup() { T kill-server 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT

PASSED=0
FAILED=0
LAST_STEP=$(date +%s%N)
# Each line shows how long the step took, from the previous step's end.
STEP_MS=0
elapsed() { local now; now=$(date +%s%N); STEP_MS=$(( (now - LAST_STEP) / 1000000 )); LAST_STEP=$now; }
pass() { PASSED=$((PASSED + 1)); elapsed; printf 'ok   %6d ms  %s\n' "$STEP_MS" "$1"; }
fail() {
    FAILED=$((FAILED + 1))
    elapsed
    printf 'FAIL %6d ms  %s\n' "$STEP_MS" "$1"
    [ -n "${2:-}" ] && printf '%s\n' "$2" | sed 's/^/     | /'
}

pane() { T capture-pane -p -t e2e; }
status_line() { pane | grep -v '^ *$' | tail -1; }

# wait_for STEP TEXT...: polls until every TEXT is on the pane and the status bar says ready.
wait_for() {
    local step=$1; shift
    local deadline=$((SECONDS + TIMEOUT)) screen ok
    while [ $SECONDS -le $deadline ]; do
        screen=$(pane)
        ok=1
        for text in "$@"; do
            case $screen in *"$text"*) ;; *) ok=0; break ;; esac
        done
        if [ $ok = 1 ] && printf '%s\n' "$screen" | grep -v '^ *$' | tail -1 | grep -Eq '(ready|EXIT=[0-9]+) *$|\$ *$'; then
            pass "$step"
            return 0
        fi
        sleep 0.05
    done
    fail "$step (waited ${TIMEOUT}s for: $*)" "$(pane)"
    return 1
}

# seen TEXT: polls until TEXT is on the pane; false after the timeout.
seen() {
    local deadline=$((SECONDS + TIMEOUT))
    while [ $SECONDS -le $deadline ]; do
        case $(pane) in *"$1"*) return 0 ;; esac
        sleep 0.05
    done
    return 1
}

# wait_text STEP TEXT: a step that passes when TEXT shows (the shell after the console exits).
wait_text() {
    if seen "$2"; then pass "$1"; else fail "$1 (waited ${TIMEOUT}s for: $2)" "$(pane)"; return 1; fi
}

# 1234567 -> 1,234,567, as the console writes counts.
commas() { echo "$1" | sed -e ':a' -e 's/\([0-9]\)\([0-9]\{3\}\)\($\|,\)/\1,\2\3/' -e 'ta'; }

keys() { T send-keys -t e2e "$@"; }
typed() { T send-keys -t e2e -l "$1"; }
cli() { "$BIN" "$@" --db "$DB" --now "$NOW"; }
count_of() { cli accounts --format json --page-size 1 "$@" | grep '"count"' | tr -dc 0-9; }
first_username() { cli accounts --format csv --page-size 1 "$@" | sed -n 2p | cut -d, -f3; }
console_pid() { ps -o pid= --ppid "$(T display -p -t e2e '#{pane_pid}')" | tr -d ' ' | head -1; }

# The shell in the pane, and what "usable" means: the same stty settings as before, and a
# command typed at the prompt runs.
start_shell() {
    T kill-session -t e2e 2>/dev/null
    T new-session -d -s e2e -x 120 -y 40 -c "$WORK" "LANG=C.UTF-8 LC_ALL=C.UTF-8 PS1='\$ ' exec bash --norc --noprofile"
    # With set-clipboard on, an OSC 52 that got through would create a paste buffer.
    T set-option -g set-clipboard on
    seen '$' || true
    keys 'stty -g > stty.before; clear' Enter
}
check_usable() {
    local step=$1 n=$((RANDOM % 900 + 100))
    keys "stty -g > stty.after; cmp -s stty.before stty.after && echo \"usable-\$(( $n * 2 ))\" || echo stty-changed" Enter
    wait_text "$step: terminal usable (stty restored, shell answers)" "usable-$((n * 2))"
}
launch() {
    keys "clear; '$BIN' --db '$1' --now $NOW; echo EXIT=\$?" Enter
}

