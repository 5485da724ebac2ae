#!/usr/bin/env bash
# Rebuild the authconsole SQLite fixtures and their expected JSON.
#
#   Tests/Fixtures/regenerate.sh OUTDIR
#
# Creates (or reuses) a virtualenv at $ORACLE_VENV (default
# /tmp/authconsole-oracle-venv), installs the CURRENT releases of Django and
# django-allauth (unpinned on purpose), prints their versions and runs
# django/make_fixtures.py OUTDIR. Safe to run repeatedly.
# To refresh the committed copies (and the generated Swift schema):
#   Tests/Fixtures/regenerate.sh Tests/Fixtures/db
#   python3 Tests/Fixtures/django/dump_schema.py
set -euo pipefail

if [ $# -ne 1 ]; then
    echo "usage: $0 OUTDIR" >&2
    exit 2
fi
OUTDIR=$1
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
VENV=${ORACLE_VENV:-/tmp/authconsole-oracle-venv}
PYTHON=${PYTHON:-python3}

venv_ok() {
    [ -x "$VENV/bin/python" ] && "$VENV/bin/python" -m pip --version >/dev/null 2>&1
}

if ! venv_ok; then
    rm -rf "$VENV"
    if ! "$PYTHON" -m venv "$VENV"; then
        # Debian/Ubuntu ship venv/ensurepip separately.
        echo "'$PYTHON -m venv' failed; installing python3-venv with apt-get" >&2
        rm -rf "$VENV"
        SUDO=
        if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; fi
        $SUDO apt-get update
        $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y python3-venv
        "$PYTHON" -m venv "$VENV"
    fi
fi

# django-allauth's [socialaccount] extra pulls requests/PyJWT/oauthlib, which
# the openid_connect provider imports when Django loads the app registry.
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade \
    Django "django-allauth[socialaccount]"
"$VENV/bin/python" - <<'PY'
import django, allauth
print(f"Django {django.get_version()}, django-allauth {allauth.__version__}")
PY

mkdir -p "$OUTDIR"
"$VENV/bin/python" "$HERE/django/make_fixtures.py" "$OUTDIR"

# Independent raw-SQL recomputation. The ORM output above is the truth; a
# difference is reported loudly but is fatal only with CROSSCHECK_STRICT=1.
if ! "$VENV/bin/python" "$HERE/django/crosscheck.py" "$OUTDIR"; then
    echo "WARNING: crosscheck found differences between the ORM oracle and the model SQL" >&2
    if [ "${CROSSCHECK_STRICT:-0}" = 1 ]; then exit 1; fi
fi
