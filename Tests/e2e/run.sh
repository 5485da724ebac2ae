#!/usr/bin/env bash
# End-to-end test of the console in a real terminal (tmux), against the real binary.
#
#   Tests/e2e/run.sh PATH/TO/authconsole
#
# Builds nothing: it takes the binary as $1. It makes a demo database with that binary
# (E2E_USERS users, default 20000), then drives the console in a private tmux server
# (120x40): search, sort, filter, page, open a user, export, resize, quit; after each step it
# polls the pane until the expected text and the status-bar marker `ready` are both there (no
# fixed sleeps). It checks the terminal is usable after q (also on the too-small screen),
# Ctrl-C, kill -HUP, kill -TERM and a crash (SIGSEGV), that the process ends when its terminal
# goes away, and, on the hostile `default` fixture, that tmux's
# paste buffers and pane title are unchanged and no raw escape sequence from the data reached
# the pty. The last line is `e2e: N passed, M failed`; the status is non-zero on any failure.
set -u

BIN=${1:?usage: Tests/e2e/run.sh PATH/TO/authconsole}
case $BIN in /*) ;; *) BIN=$PWD/$BIN ;; esac
[ -x "$BIN" ] || { echo "e2e: $BIN is not an executable" >&2; exit 2; }
command -v tmux >/dev/null || { echo "e2e: tmux is not installed" >&2; exit 2; }
HERE=$(cd "$(dirname "$0")" && pwd)
FIXTURE=${AUTHCONSOLE_FIXTURES:-$HERE/../Fixtures/db}/default.sqlite3
USERS=${E2E_USERS:-20000}
TIMEOUT=${E2E_TIMEOUT:-20}
NOW=2026-06-15T12:00:00Z

NAME=e2e
# shellcheck source=Tests/e2e/lib.sh
. "$HERE/lib.sh"

echo "e2e: binary $BIN"
DB=$WORK/demo.sqlite3
if ! "$BIN" demo --users "$USERS" --out "$DB" --now "$NOW" >/dev/null 2>"$WORK/demo.log"; then
    fail "make a demo database" "$(cat "$WORK/demo.log")"
    echo "e2e: $PASSED passed, $FAILED failed"
    exit 1
fi
pass "demo database with $USERS users"
# Checked again at the end: no console session below may change a byte of it.
SUM_BEFORE=$(sha256sum < "$DB")
FIXTURE_SUM_BEFORE=$(sha256sum < "$FIXTURE")

TOTAL=$(cli stats --format json | grep '"total_users"' | tr -dc 0-9)
ALL=$(count_of)
PER_PAGE=35

# ---- start, dashboard ------------------------------------------------------------------------
start_shell
launch "$DB"
wait_for "start: dashboard" "Total users" "$(commas "$TOTAL")" "Signups per day" "Configuration"

keys 2
# The callback URL is wider than the space beside its label: it stands whole on a line of its own.
wait_for "providers screen: database apps with status and a whole callback URL" "STATUS" "ready      github" "Callback" \
    "│ http://demo.authconsole.test/accounts/oidc/corp-sso/login/callback/"

# ---- accounts: rows and count ------------------------------------------------------------------
keys 3
wait_for "accounts: first page and count" "USERNAME" "JOINED ↓" "rows 1–$PER_PAGE of $(commas "$ALL")"

# ---- search ---------------------------------------------------------------------------------------
keys /
typed hopper
keys Enter
N=$(count_of --search hopper)
wait_for "search 'hopper': count from the CLI" 'Search "hopper"' "of $(commas "$N")"
FIRST=$(first_username --search hopper)
wait_for "search 'hopper': first row as the CLI gives it" "$FIRST"
if pane | sed -n '4,38p' | grep -v '^ *$' | grep -viq hopper; then
    fail "search 'hopper': every row matches" "$(pane)"
else
    pass "search 'hopper': every row matches"
fi

# ---- sort -----------------------------------------------------------------------------------------
keys U
FIRST=$(first_username --search hopper --sort username)
wait_for "sort by username ascending" "USERNAME ↑" "$FIRST"
keys U
FIRST=$(first_username --search hopper --sort -username)
wait_for "sort by username descending" "USERNAME ↓" "$FIRST"

# ---- provider filter ------------------------------------------------------------------------------
keys p
wait_for "provider picker" "Filter by provider" "all providers"
keys j j Enter
N=$(count_of --search hopper --provider github)
wait_for "filter provider github" "Provider github" "of $(commas "$N")"
if pane | sed -n '4,38p' | grep -v '^ *$' | grep -vq ' github '; then
    fail "filter: every row is github" "$(pane)"
else
    pass "filter: every row is github"
fi

# ---- paging ---------------------------------------------------------------------------------------
keys Escape Escape
wait_for "Esc clears search and filter" "Search (/ to search)" "Provider all" "of $(commas "$ALL")"
keys NPage
wait_for "PgDn: next page" "rows 36–70 of"
keys :
typed 5
keys Enter
wait_for ": jumps to page 5" "rows 141–175 of" "page 5 of"
LAST=$(( (ALL + PER_PAGE - 1) / PER_PAGE ))
keys G
wait_for "G: last page" "page $(commas "$LAST") of $(commas "$LAST")"
keys g
wait_for "g: first page" "rows 1–35 of"
keys PPage j j
wait_for "PgUp on page 1 stays" "rows 1–35 of"

# ---- open a user, extra_data ----------------------------------------------------------------------
keys Enter
wait_for "Enter opens the user" "User #" "Linked accounts" "Email addresses" "Effective permissions"
keys Enter
wait_for "extra_data viewer" "extra_data" "lines 1–"
keys Escape
wait_for "Esc back to the user" "Linked accounts"
keys Escape
wait_for "Esc back to the table" "rows 1–35 of"

# ---- export ---------------------------------------------------------------------------------------
keys /
typed lovelace
keys Enter
N=$(count_of --search lovelace)
wait_for "search for the export" 'Search "lovelace"' "of $(commas "$N")"
keys e
wait_for "export asks for a format" "CSV or"
keys c
wait_for "export asks for a path" "Export CSV to:"
keys C-u
typed "export.csv"
keys Enter
wait_for "export finished" "exported $(commas "$N") rows to export.csv (CSV)"
LINES_IN=$(($(wc -l < "$WORK/export.csv") - 1))
MODE=$(stat -c %a "$WORK/export.csv")
if [ "$LINES_IN" = "$N" ] && [ "$MODE" = 600 ] && ! ls -a "$WORK" | grep -q partial; then
    pass "export file: $N rows, mode 600, no temporary file left"
else
    fail "export file" "rows $LINES_IN (want $N), mode $MODE, files: $(ls -a "$WORK")"
fi
keys e c C-u
typed "export.csv"
keys Enter
wait_for "export never overwrites without asking" "already exists. Overwrite it?"
keys n
wait_for "declined: file kept" "not exported:"
keys Escape

# ---- resize ---------------------------------------------------------------------------------------
T resize-window -t e2e -x 100 -y 30
wait_for "resize to 100x30 redraws with 25 rows" "rows 1–25 of"
T resize-window -t e2e -x 70 -y 20
wait_text "resize to 70x20: too-small screen" "needs 80x24, have 70x20"
T resize-window -t e2e -x 120 -y 40
wait_for "resize back to 120x40" "rows 1–35 of"

# ---- quit -----------------------------------------------------------------------------------------
keys q
wait_text "q quits with status 0" "EXIT=0"
check_usable "after q"

# ---- Ctrl-C ---------------------------------------------------------------------------------------
launch "$DB"
wait_for "relaunch" "Total users"
keys / C-c
wait_text "Ctrl-C quits even while typing a search" "EXIT=0"
check_usable "after Ctrl-C"

# ---- SIGHUP and SIGTERM -----------------------------------------------------------------------------
launch "$DB"
wait_for "relaunch for SIGHUP" "Total users"
kill -HUP "$(console_pid)"
wait_text "kill -HUP: exits 129" "EXIT=129"
check_usable "after kill -HUP"

launch "$DB"
wait_for "relaunch for SIGTERM" "Total users"
kill -TERM "$(console_pid)"
wait_text "kill -TERM: exits 143" "EXIT=143"
check_usable "after kill -TERM"

# ---- q on the too-small screen, and a crash ----------------------------------------------------------
launch "$DB"
wait_for "relaunch for too-small" "Total users"
T resize-window -t e2e -x 60 -y 20
seen "needs 80x24, have 60x20" || true
keys q
wait_text "q quits from the too-small screen" "EXIT=0"
T resize-window -t e2e -x 120 -y 40
check_usable "after q on the too-small screen"

launch "$DB"
wait_for "relaunch for a crash" "Total users"
kill -SEGV "$(console_pid)"
wait_text "a crash: one line after the terminal is restored" "internal error; the terminal was restored"
wait_text "a crash exits 70" "EXIT=70"
if pane | grep -qiE "backtrace|stack|0x[0-9a-f]{8}"; then fail "no stack trace on screen" "$(pane)"; else pass "no stack trace on screen"; fi
check_usable "after a crash"

# ---- the terminal goes away -------------------------------------------------------------------------
launch "$DB"
wait_for "relaunch for hangup" "Total users"
PID=$(console_pid)
T kill-session -t e2e
# Running means present and not a zombie (an orphan waits for its new parent to reap it).
running() { local st; st=$(ps -o stat= -p "$1" 2>/dev/null); [ -n "$st" ] && [ "${st#Z}" = "$st" ]; }
deadline=$((SECONDS + 10))
while running "$PID" && [ $SECONDS -le $deadline ]; do sleep 0.02; done
if running "$PID"; then
    fail "ends when its terminal closes" "$(ps -o pid,stat,pcpu,cmd -p "$PID")"
    kill -KILL "$PID" 2>/dev/null
else
    pass "ends when its terminal closes (no spinning)"
fi

# ---- hostile data: title, paste buffers, raw bytes on the pty ----------------------------------------
# hostile_begin LOG: a fresh shell whose pane title and paste buffer are known, recording every byte
# the pane receives into LOG. hostile_end STEP LOG: the title and buffers are unchanged and LOG holds
# no escape sequence, C1 control or bidi control that came from the data.
hostile_begin() {
    start_shell
    keys "clear; printf '\\033]2;e2e-title\\033\\\\'" Enter
    T set-buffer -b e2e-canary "canary"
    # Wait until the shell has really set the title, or "before" would race it.
    for _ in $(seq 1 100); do
        [ "$(T display -p -t e2e '#{pane_title}')" = e2e-title ] && break
        sleep 0.05
    done
    TITLE_BEFORE=$(T display -p -t e2e '#{pane_title}')
    BUFFERS_BEFORE=$(T list-buffers -F '#{buffer_name}:#{buffer_sample}')
    T pipe-pane -t e2e -o "cat > '$1'"
}
hostile_end() {
    local step=$1 log=$2 hex bad=""
    T pipe-pane -t e2e
    TITLE_AFTER=$(T display -p -t e2e '#{pane_title}')
    BUFFERS_AFTER=$(T list-buffers -F '#{buffer_name}:#{buffer_sample}')
    if [ "$TITLE_BEFORE" = "$TITLE_AFTER" ] && [ "$TITLE_AFTER" = e2e-title ]; then
        pass "$step: pane title unchanged ($TITLE_AFTER)"
    else
        fail "$step: pane title changed" "before: $TITLE_BEFORE / after: $TITLE_AFTER"
    fi
    if [ "$BUFFERS_BEFORE" = "$BUFFERS_AFTER" ]; then
        pass "$step: tmux paste buffers unchanged (no OSC 52 from the data)"
    else
        fail "$step: tmux paste buffers changed" "before: $BUFFERS_BEFORE"$'\n'"after: $BUFFERS_AFTER"
    fi
    hex=$(od -An -tx1 -v "$log" | tr -s ' \n' '  ')
    # ESC followed by the data's payloads, 8-bit CSI (U+009B) and any C1 control as UTF-8, the
    # bidi overrides and isolates.
    for seq in "1b 5d 30 3b 70 77 6e 65 64" "1b 5d 35 32 3b" "1b 5b 32 4a 1b 5b 48 63 6c 65 61 72" "1b 5b 33 31 6d 72 65 64" \
               "1b 5b 32 4a 1b 5b 48 73 63 6f 70 65" \
               "c2 8" "c2 9" "e2 80 aa" "e2 80 ab" "e2 80 ac" "e2 80 ad" "e2 80 ae" "e2 81 a6" "e2 81 a7" "e2 81 a8" "e2 81 a9"; do
        case $hex in *" $seq"*) bad="$bad [$seq]" ;; esac
    done
    # Every byte is valid UTF-8 (a raw 0x9B, 0xFF or truncated sequence from the data would not
    # be) and the screen never carries an OSC, DCS, APC or PM string: ncurses sends none.
    if ! python3 -c 'import sys; t = open(sys.argv[1], "rb").read().decode("utf-8"); sys.exit(any(s in t for s in ("\x1b]", "\x1bP", "\x1b_", "\x1b^")))' "$log" 2>/dev/null; then
        bad="$bad [invalid UTF-8 or an OSC/DCS/APC/PM string]"
    fi
    if [ ! -s "$log" ]; then
        fail "$step: pty log captured" "empty"
    elif [ -n "$bad" ]; then
        fail "$step: no raw escape from the data reached the pty" "found:$bad"
    else
        pass "$step: no raw escape, C1 or bidi control from the data reached the pty, all of it valid UTF-8 ($(wc -c < "$log") bytes checked)"
    fi
}

hostile_begin "$WORK/pty.log"
launch "$FIXTURE"
wait_for "hostile fixture: dashboard" "Total users" "342"
keys 3 U
wait_for "hostile usernames shown as placeholders" "USERNAME ↑" "␛[2J␛[Hclear-screen" "␛]0;pwned␇title"
keys Enter
wait_for "hostile user page" "User #" "uid-␛[2J-clear"
keys Enter
wait_for "hostile extra_data" 'u001b[31mred'
keys Escape Escape U
wait_for "wide, emoji, bidi rows" "USERNAME ↓" "山田太郎"
keys q
wait_text "hostile session quits" "EXIT=0"
hostile_end "hostile fixture" "$WORK/pty.log"

# ---- hostile settings values and bytes Django cannot write -------------------------------------------
# A project folder the console reads as an operator would (no --db): settings.py whose provider
# ids, client IDs, names, scopes and server_url carry OSC 52, title changes, screen clears, an
# 8-bit CSI and a bidi override, with canary secrets; its database is the fixture plus one user and
# one social account written as raw bytes (invalid UTF-8, a raw 0x9B, NUL, a truncated sequence),
# which Django's ORM cannot store but a database can hold.
SITE=$WORK/hostile-site
mkdir -p "$SITE/hostilesite"
printf '%s\n' 'import os, sys' 'os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hostilesite.settings")' \
    'from django.core.management import execute_from_command_line' 'execute_from_command_line(sys.argv)' > "$SITE/manage.py"
: > "$SITE/hostilesite/__init__.py"
cat > "$SITE/hostilesite/urls.py" <<'PY'
from django.urls import include, path

urlpatterns = [path("accounts/", include("allauth.urls"))]
PY
cat > "$SITE/hostilesite/settings.py" <<'PY'
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
SECRET_KEY = "CANARY-SECRET-KEY-e2e"
INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sites",
    "allauth",
    "allauth.account",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.github",
    "allauth.socialaccount.providers.openid_connect",
]
SITE_ID = 1
ROOT_URLCONF = "hostilesite.urls"
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": BASE_DIR / "db.sqlite3"}}
SOCIALACCOUNT_PROVIDERS = {
    "github": {
        "APP": {"client_id": "gh-\x1b]0;pwned-by-settings\x07-\u202eid", "secret": "CANARY-GITHUB-SECRET-e2e"},
        "SCOPE": ["user:email", "\x1b[2J\x1b[Hscope-clear"],
    },
    "openid_connect": {
        "APPS": [{
            "provider_id": "idp\x1b]52;c;cHduZWQ=\x07",
            "name": "Corp \x1b[31mred\x1b[0m \x9b2J IdP",
            "client_id": "oidc-client-\x1b]52;c;cHduZWQ=\x07",
            "secret": "CANARY-OIDC-SECRET-e2e",
            "settings": {"server_url": "https://idp.example.test/\x1b]0;pwned-by-settings\x07"},
        }],
    },
}
PY
cp "$FIXTURE" "$SITE/db.sqlite3"
sqlite3 "$SITE/db.sqlite3" <<'SQL'
INSERT INTO auth_user (id, password, last_login, is_superuser, username, last_name, email, is_staff, is_active, date_joined, first_name)
VALUES (9001, '!unusable', '2026-06-14 10:00:00', 0,
        'zz-bad-utf8-' || CAST(X'fffe9b33316d1b5d35323b633b634864755a57513d07c3' AS TEXT),
        CAST(X'6e756c00616674657200' AS TEXT), CAST(X'626164c0af406578616d706c652e74657374' AS TEXT),
        0, 1, '2026-06-14 09:00:00', CAST(X'737572eda080' AS TEXT));
INSERT INTO socialaccount_socialaccount (id, provider, uid, last_login, date_joined, user_id, extra_data)
VALUES (9001, 'github', 'uid-' || CAST(X'ff1b5b324a9b324a' AS TEXT), '2026-06-14 10:00:00', '2026-06-14 09:00:00', 9001,
        '{"login": "' || CAST(X'ff9b33316d' AS TEXT) || 'bad", "bio": "\u001b]52;c;cHduZWQ=\u0007"}');
SQL
SITE_SUM_BEFORE=$(sha256sum < "$SITE/db.sqlite3")

hostile_begin "$WORK/pty-site.log"
keys "clear; cd '$SITE' && '$BIN' --now $NOW; echo EXIT=\$?; cd '$WORK'" Enter
wait_for "hostile site: dashboard from the project's settings" "Total users" "343" "scope named ␛[2J␛[Hscope-clear"
# One bad SCOPE shared by the settings APP and the database app is one line, not two.
n=$(pane | grep -c "scope named ␛\[2J␛\[Hscope-clear")
[ "$n" = 1 ] && pass "hostile site: the shared SCOPE's problem listed once" || fail "hostile site: the shared SCOPE's problem listed $n times" "$(pane)"
keys 2 G
wait_for "hostile site: OIDC provider_id from settings shown as pictures" "(idp␛]52;c;cHduZWQ=␇) · openid_connect" \
    "/accounts/oidc/idp␛]52;c;cHduZWQ=␇/login/callback/" "Client ID    ****WQ=␇ (28 chars)"
keys k k k
wait_for "hostile site: settings client ID masked, bidi override replaced" "GitHub (github)" "settings APP" "****-�id (29 chars)" \
    "Scopes       user:email ␛[2J␛[Hscope-clear"
keys 3 /
typed zz-bad
keys Enter
wait_for "hostile site: invalid UTF-8 row in the table" 'Search "zz-bad"' "zz-bad-utf8-���31m␛]5" "uid-�␛[2J�2J"
keys Enter
wait_for "hostile site: invalid UTF-8 and NUL on the user page" "User #9001" "zz-bad-utf8-���31m␛]52;c;cHduZWQ=␇�" "nul␀after␀" "sur���" "bad��@example.test"
keys Enter
wait_for "hostile site: extra_data with invalid UTF-8" '"bio" : "\u001b]52;c;cHduZWQ=\u0007"' '"login" : "��31mbad"'
keys q
wait_text "hostile site: q exits 0" "EXIT=0"
hostile_end "hostile site" "$WORK/pty-site.log"
if grep -q CANARY "$WORK/pty-site.log"; then fail "hostile site: no canary secret reached the pty" "$(grep -ao 'CANARY[A-Za-z0-9-]*' "$WORK/pty-site.log" | sort -u)"
else pass "hostile site: no canary secret reached the pty"; fi
[ "$(sha256sum < "$SITE/db.sqlite3")" = "$SITE_SUM_BEFORE" ] && pass "hostile site: database byte-identical after its session (sha256)" \
    || fail "hostile site: database changed" "$SITE/db.sqlite3"

# ---- never writes: the databases are byte-identical after every session above, and after one
# in WAL mode (where a reader keeps -wal/-shm beside the file; the -wal must stay empty) ---------
[ "$(sha256sum < "$DB")" = "$SUM_BEFORE" ] && pass "demo database byte-identical after every console session (sha256)" \
    || fail "demo database changed" "$(sha256sum < "$DB") != $SUM_BEFORE"
[ "$(sha256sum < "$FIXTURE")" = "$FIXTURE_SUM_BEFORE" ] && pass "hostile fixture byte-identical after its session (sha256)" \
    || fail "fixture changed" "$FIXTURE"
WAL=$WORK/wal.sqlite3
cp "$DB" "$WAL" && sqlite3 "$WAL" "PRAGMA journal_mode=WAL;" >/dev/null
WAL_SUM=$(sha256sum < "$WAL")
launch "$WAL"
wait_for "WAL copy: dashboard" "Total users" "$(commas "$TOTAL")"
keys 2
wait_for "WAL copy: providers" "STATUS"
keys 3 /
typed an
keys Enter
wait_for "WAL copy: search" 'Search "an"'
keys G Enter
wait_for "WAL copy: a user" "Linked accounts"
keys Escape e c C-u
typed "wal-export.csv"
keys Enter
wait_for "WAL copy: export" "exported"
keys q
wait_text "WAL copy: q exits 0" "EXIT=0"
if [ "$(sha256sum < "$WAL")" = "$WAL_SUM" ] && [ ! -s "$WAL-wal" ]; then
    pass "WAL copy byte-identical after a console session, its -wal empty"
else
    fail "WAL copy changed" "$(ls -l "$WAL"*)"
fi

echo "e2e: $PASSED passed, $FAILED failed"
[ "$FAILED" = 0 ]
