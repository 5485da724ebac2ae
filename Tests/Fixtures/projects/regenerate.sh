#!/usr/bin/env bash
# Rebuild the expected JSON of the Django project fixtures in this folder.
#
#   Tests/Fixtures/projects/regenerate.sh OUTDIR [--write-dbs]
#
# Uses the same oracle venv as ../regenerate.sh ($ORACLE_VENV, default
# /tmp/authconsole-oracle-venv; created if missing, reused if pip works in it),
# installs the CURRENT Django and django-allauth (unpinned on purpose) with the
# extras every provider package needs (openid, steam, saml) plus django-environ
# (the split_settings layout reads its .env with it), prints the versions and
# runs make_oracle.py OUTDIR.
#
# --write-dbs also refreshes the committed <layout>/db.sqlite3 files.
# To refresh everything that is committed:
#   Tests/Fixtures/projects/regenerate.sh Tests/Fixtures/projects/expected --write-dbs
set -euo pipefail

if [ $# -lt 1 ] || [ $# -gt 2 ] || { [ $# -eq 2 ] && [ "$2" != --write-dbs ]; }; then
    echo "usage: $0 OUTDIR [--write-dbs]" >&2
    exit 2
fi
OUTDIR=$1
shift
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
VENV=${ORACLE_VENV:-/tmp/authconsole-oracle-venv}
PYTHON=${PYTHON:-python3}
SUDO=
if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; fi

venv_ok() {
    [ -x "$VENV/bin/python" ] && "$VENV/bin/python" -m pip --version >/dev/null 2>&1
}

if ! venv_ok; then
    rm -rf "$VENV"
    if ! "$PYTHON" -m venv "$VENV"; then
        # Debian/Ubuntu ship venv/ensurepip separately.
        echo "'$PYTHON -m venv' failed; installing python3-venv with apt-get" >&2
        rm -rf "$VENV"
        $SUDO apt-get update
        $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y python3-venv
        "$PYTHON" -m venv "$VENV"
    fi
fi

# [socialaccount]: requests/PyJWT/oauthlib (openid_connect imports requests at
# app loading). [openid]/[steam]: python3-openid. [saml]: python3-saml, whose
# xmlsec normally comes as a wheel; if it has to be built, it needs the
# libxmlsec1 headers.
pip_install() {
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade \
        Django "django-allauth[socialaccount,openid,steam,saml]" django-environ
}
if ! pip_install; then
    echo "pip install failed; installing the xmlsec build dependencies with apt-get and retrying" >&2
    $SUDO apt-get update
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y \
        libxmlsec1-dev libxml2-dev pkg-config build-essential
    pip_install
fi
"$VENV/bin/python" - <<'PY'
import django, allauth, environ
print(f"Django {django.get_version()}, django-allauth {allauth.__version__}, django-environ {environ.__version__}")
PY

mkdir -p "$OUTDIR"
"$VENV/bin/python" "$HERE/make_oracle.py" "$OUTDIR" "$@"
