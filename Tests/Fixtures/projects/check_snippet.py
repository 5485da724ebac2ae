#!/usr/bin/env python3
"""Checks `authconsole snippet --all --format settings` output with real Django + allauth.

    check_snippet.py SNIPPET.py [SNIPPET.py ...]
    check_snippet.py --authconsole BIN PROJECT_DIR [PROJECT_DIR ...]

For each snippet, a child process builds a settings module that star-imports the snippet file
unchanged (so it must be valid Python that Django accepts), installs the provider packages its
SOCIALACCOUNT_PROVIDERS names, runs django.setup() and migrate on an in-memory database, and
then, for every app, calls allauth's own adapter: get_app() and get_provider() must succeed,
and the redirect URI written in the snippet must end with what reverse() gives for the
provider's callback. A snippet holding "CANARY" fails.

Run it with the oracle venv (see regenerate.sh), e.g.
    "$ORACLE_VENV/bin/python" Tests/Fixtures/projects/check_snippet.py \
        --authconsole .build/debug/authconsole Tests/Fixtures/projects/*/
Ends with "N passed, M failed"; exit status 1 when anything failed.
"""
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
CATALOG = os.path.join(HERE, "..", "..", "..", "Resources", "providers.tsv")
BASE_URL = "https://console.example.test"

CHILD = r'''
import os, re, sys
sys.path.insert(0, sys.argv[1])
os.environ["DJANGO_SETTINGS_MODULE"] = "checksettings"
import django
from django.conf import settings
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0, interactive=False)
from django.test import RequestFactory
from django.urls import reverse
from allauth.socialaccount.adapter import get_adapter

text = open(os.path.join(sys.argv[1], "snippet.py"), encoding="utf-8").read()
registered = dict(re.findall(r"^# (\S+): register this redirect URI.*\n#   (\S+)$", text, re.M))
request = RequestFactory().get("/", secure=True, HTTP_HOST="console.example.test")
adapter = get_adapter()
failures = 0
checked = 0
for key, config in settings.SOCIALACCOUNT_PROVIDERS.items():
    apps = config.get("APPS") or ([config["APP"]] if "APP" in config else [])
    for app in apps:
        stored = app.get("provider_id") or key
        checked += 1
        try:
            found = adapter.get_app(request, provider=stored)
            provider = adapter.get_provider(request, provider=stored)
            if key == "openid_connect":
                path = reverse("openid_connect_callback", kwargs={"provider_id": stored})
            elif key == "saml":
                path = reverse("saml_acs", kwargs={"organization_slug": found.client_id})
            else:
                path = reverse(provider.id + "_callback")
            tail = path[len("/accounts/"):]
            uri = registered.get(stored)
            if uri is None or not uri.endswith("/" + tail):
                raise AssertionError("redirect URI %r does not end with /%s" % (uri, tail))
            print("ok   %s (%s): get_app, get_provider, %s" % (stored, key, path))
        except Exception as exc:
            failures += 1
            print("FAIL %s (%s): %s: %s" % (stored, key, type(exc).__name__, exc))
print("RESULT %d %d" % (checked, failures))
'''

SETTINGS = '''
from snippet import *  # noqa: F401,F403  (the snippet, unchanged)

SECRET_KEY = "snippet-check-not-a-secret"
ROOT_URLCONF = "checkurls"
SITE_ID = 1
USE_TZ = True
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
]
TEMPLATES = [{"BACKEND": "django.template.backends.django.DjangoTemplates", "APP_DIRS": True,
              "OPTIONS": {"context_processors": ["django.template.context_processors.request"]}}]
INSTALLED_APPS = [
    "django.contrib.auth", "django.contrib.contenttypes", "django.contrib.sessions", "django.contrib.messages",
    "django.contrib.sites", "allauth", "allauth.account", "allauth.socialaccount",
] + %(packages)r
'''

URLS = '''
from django.urls import include, path
urlpatterns = [path("accounts/", include("allauth.urls"))]
'''


def packages_by_id():
    out = {}
    with open(CATALOG, encoding="utf-8") as f:
        next(f)
        for line in f:
            fields = line.rstrip("\n").split("\t")
            out[fields[0]] = fields[2]
    return out


def provider_keys(text):
    """The SOCIALACCOUNT_PROVIDERS keys, read without importing Django."""
    namespace = {}
    exec(compile(text, "snippet.py", "exec"), namespace)
    return list(namespace["SOCIALACCOUNT_PROVIDERS"].keys())


def check(snippet_path, python):
    with open(snippet_path, encoding="utf-8") as f:
        text = f.read()
    name = os.path.basename(snippet_path)
    if "CANARY" in text:
        print("FAIL %s: the snippet holds a CANARY secret" % name)
        return 1, 1
    catalog = packages_by_id()
    keys = provider_keys(text)
    unknown = [k for k in keys if k not in catalog]
    if unknown:
        print("FAIL %s: unknown provider keys %s" % (name, unknown))
        return 1, 1
    with tempfile.TemporaryDirectory() as tmp:
        with open(os.path.join(tmp, "snippet.py"), "w", encoding="utf-8") as f:
            f.write(text)
        with open(os.path.join(tmp, "checksettings.py"), "w", encoding="utf-8") as f:
            packages = {catalog[k] for k in keys}
            if "steam" in keys:
                packages.add(catalog["openid"])  # allauth's steam provider imports the openid one
            f.write(SETTINGS % {"packages": sorted(packages)})
        with open(os.path.join(tmp, "checkurls.py"), "w", encoding="utf-8") as f:
            f.write(URLS)
        env = {"PATH": os.environ.get("PATH", ""), "HOME": tmp, "LANG": "C.UTF-8", "PYTHONHASHSEED": "0"}
        run = subprocess.run([python, "-c", CHILD, tmp], capture_output=True, text=True, env=env, timeout=300)
    out = run.stdout + run.stderr
    match = re.search(r"^RESULT (\d+) (\d+)$", run.stdout, re.M)
    print("== %s" % name)
    print("\n".join(line for line in out.splitlines() if not line.startswith("RESULT")))
    if run.returncode != 0 or not match:
        return 1, 1
    checked, failed = int(match.group(1)), int(match.group(2))
    if checked == 0:
        print("FAIL %s: no app in the snippet" % name)
        return 1, 1
    return checked, failed


def main(argv):
    python = sys.executable
    snippets = []
    tmp = None
    if argv[:1] == ["--authconsole"]:
        if len(argv) < 3:
            print(__doc__)
            return 2
        binary = os.path.abspath(argv[1])
        tmp = tempfile.TemporaryDirectory()
        for project in argv[2:]:
            layout = os.path.basename(os.path.normpath(project))
            if not os.path.exists(os.path.join(project, "manage.py")):
                continue
            out = os.path.join(tmp.name, layout + ".py")
            run = subprocess.run([binary, "snippet", "--all", "--base-url", BASE_URL, "--out", out],
                                 cwd=project, capture_output=True, text=True, timeout=120)
            if run.returncode != 0:
                print("FAIL %s: authconsole snippet --all: %s" % (layout, run.stderr.strip()))
                snippets.append(None)
                continue
            snippets.append(out)
    else:
        snippets = argv
    if not snippets:
        print(__doc__)
        return 2
    passed = failed = 0
    for path in snippets:
        if path is None:
            failed += 1
            continue
        checked, bad = check(path, python)
        passed += checked - bad
        failed += bad
    if tmp:
        tmp.cleanup()
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
