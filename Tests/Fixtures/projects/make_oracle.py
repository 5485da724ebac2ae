#!/usr/bin/env python3
"""Oracle for the static project reader: what real Django + django-allauth say
about each project folder under Tests/Fixtures/projects/.

    python make_oracle.py OUTDIR [--only LAYOUT ...] [--write-dbs]

Run it with the oracle venv (see regenerate.sh). For every layout it

1. copies the project folder to a temporary directory, so nothing is written
   into the committed tree;
2. builds that copy's SQLite database with Django's real `migrate` (a child
   process). Layouts listed in DB_LAYOUTS also get their SocialApp and Site
   rows; the others get an empty, freshly migrated database, which is what a
   new deployment has. With --write-dbs the built database of a DB layout is
   copied back to `<layout>/db.sqlite3` (the committed copy the console reads);
   without it, a committed copy that differs from the fresh build is reported
   (fatal only with PROJECTS_DB_STRICT=1). The fresh database is always also
   written to OUTDIR/<layout>.db.sqlite3;
3. starts a second child process with that project's settings (Django
   settings can be configured only once per process), after loading the
   project's `.env` (beside manage.py) into os.environ, and writes
   OUTDIR/<layout>.expected.json.

Every value in the JSON is computed by Django/allauth code; nothing is typed by
hand. The JSON schema is documented in README.md beside this file. No secret
value may appear in the output: the run fails if "CANARY" shows up.
"""
from __future__ import annotations

import argparse
import ast
import datetime
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import warnings

HERE = os.path.dirname(os.path.abspath(__file__))

LAYOUTS = [
    "app_form",
    "apps_oidc",
    "split_settings",
    "custom_prefix",
    "empty_oidc_prefix",
    "db_apps",
    "misconfigured",
    "misconfigured_runnable",
    "namespaced_include",
    "namespaced_include_tuple",
    "socialaccount_only",
    "all_providers",
]

# Layouts whose committed db.sqlite3 holds rows the console must read.
DB_LAYOUTS = ["db_apps", "misconfigured", "misconfigured_runnable"]

BASE_URL = "https://console.example.test"
BASE_HOST = "console.example.test"

# Fixed so that two runs build byte-identical databases (stored as
# "2025-11-07 12:00:00", like the fixtures in ../db).
MIGRATIONS_APPLIED_AT = datetime.datetime(2025, 11, 7, 12, 0, 0, tzinfo=datetime.timezone.utc)

# Stand-in ids for the all_providers layout (providers keyed by an app field).
ALL_PROVIDERS_OIDC_ID = "example-oidc"
ALL_PROVIDERS_SAML_SLUG = "example-org"


# --------------------------------------------------------------------------
# helpers shared by parent and children


def settings_module_of(projdir):
    """The module named by manage.py's os.environ.setdefault("DJANGO_SETTINGS_MODULE", ...)."""
    with open(os.path.join(projdir, "manage.py"), encoding="utf-8") as f:
        tree = ast.parse(f.read())
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "setdefault"
            and len(node.args) == 2
            and isinstance(node.args[0], ast.Constant)
            and node.args[0].value == "DJANGO_SETTINGS_MODULE"
            and isinstance(node.args[1], ast.Constant)
        ):
            return node.args[1].value
    raise SystemExit(f"{projdir}/manage.py: no DJANGO_SETTINGS_MODULE setdefault")


def child_env():
    """A small, fixed environment: the caller's own GITHUB_CLIENT_ID and the
    like must not leak into the oracle."""
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": os.environ.get("HOME", "/tmp"),
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "PYTHONHASHSEED": "0",
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    return env


def enter_project(projdir):
    """Make the copied project importable and load its .env, as the console does."""
    os.chdir(projdir)
    sys.path.insert(0, projdir)
    loaded = []
    env_file = os.path.join(projdir, ".env")
    if os.path.exists(env_file):
        import environ  # django-environ: the same parser split_settings uses

        before = dict(os.environ)
        environ.Env.read_env(env_file, overwrite=True)
        loaded = sorted(k for k in os.environ if os.environ[k] != before.get(k))
    module = settings_module_of(projdir)
    os.environ["DJANGO_SETTINGS_MODULE"] = module
    return module, loaded


def kind_of(cls):
    """oauth2, oauth, openid_connect, saml, openid (OpenID 2.0) or other."""
    from allauth.socialaccount.providers.oauth.provider import OAuthProvider
    from allauth.socialaccount.providers.oauth2.provider import OAuth2Provider
    from allauth.socialaccount.providers.openid.provider import OpenIDProvider

    if cls.id in ("openid_connect", "saml"):
        return cls.id
    if issubclass(cls, OAuth2Provider):
        return "oauth2"
    if issubclass(cls, OAuthProvider):
        return "oauth"
    if issubclass(cls, OpenIDProvider):
        return "openid"
    return "other"


def fmt_exc(e):
    return f"{type(e).__name__}: {e}"


# --------------------------------------------------------------------------
# child 1: build the database


def child_build_db(layout, projdir):
    enter_project(projdir)
    db_path = os.path.join(projdir, "db.sqlite3")
    for p in (db_path, db_path + "-journal"):
        if os.path.exists(p):
            os.remove(p)

    from django.conf import settings

    if layout == "misconfigured":
        # This layout's settings stop django.setup() (AccountMiddleware is
        # missing). Only to be able to run `migrate` and insert its rows, the
        # database is built with the middleware added; the oracle itself then
        # runs the settings unchanged.
        settings.MIDDLEWARE = list(settings.MIDDLEWARE) + [
            "allauth.account.middleware.AccountMiddleware"
        ]

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.db.migrations.recorder import MigrationRecorder

    call_command("migrate", interactive=False, verbosity=0)
    MigrationRecorder(connection).migration_qs.update(applied=MIGRATIONS_APPLIED_AT)
    with transaction.atomic():
        DB_BUILDERS.get(layout, lambda: None)()
    with connection.cursor() as cur:
        cur.execute("VACUUM")
    connection.close()


def _app(provider, name, client_id, secret, sites, provider_id="", settings=None):
    from allauth.socialaccount.models import SocialApp

    app = SocialApp.objects.create(
        provider=provider,
        provider_id=provider_id,
        name=name,
        client_id=client_id,
        secret=secret,
        key="",
        settings=settings or {},
    )
    app.sites.set(sites)
    return app


def build_db_apps():
    from django.contrib.sites.models import Site

    # Row 1 ("example.com") is created by migrate and left unchanged.
    site1 = Site.objects.get(pk=1)
    site2 = Site.objects.create(pk=2, domain="staging.example.org", name="Staging")
    _app("github", "GitHub", "Iv1.community0000001", "CANARY-SECRET-db-github-0101", [site1])
    _app(
        "google",
        "Google",
        "987654321-community.apps.googleusercontent.com",
        "CANARY-SECRET-db-google-0102",
        [],  # linked to no site: invisible to allauth
    )
    _app("gitlab", "GitLab (staging)", "community-staging-gitlab", "CANARY-SECRET-db-gitlab-0103", [site2])
    _app("discord", "Discord", "1100000000000000001", "CANARY-SECRET-db-discord-0104", [site1])
    _app("discord", "Discord (old bot)", "1100000000000000002", "CANARY-SECRET-db-discord-0105", [site1])
    _app(
        "openid_connect",
        "Corp SSO",
        "community-web",
        "CANARY-SECRET-db-corp-sso-0106",
        [site1],
        provider_id="corp-sso",
        settings={"server_url": "https://sso.community.example.com/realms/main"},
    )


def build_misconfigured():
    from django.contrib.sites.models import Site

    # github is also configured in settings (APP): two apps on SITE_ID.
    _app("github", "GitHub (admin)", "Iv1.brokensite-db-01", "CANARY-SECRET-db-github-0201", [Site.objects.get(pk=1)])


DB_BUILDERS = {
    "db_apps": build_db_apps,
    "misconfigured": build_misconfigured,
    "misconfigured_runnable": build_misconfigured,
}


# --------------------------------------------------------------------------
# child 2: the oracle


class Oracle:
    def __init__(self, layout, projdir, module, env_keys):
        self.layout = layout
        self.projdir = projdir
        self.module = module
        self.env_keys = env_keys
        self.py_warnings = []

    def clean(self, s):
        """Strip machine-specific paths from a message."""
        if s is None:
            return None
        s = str(s).replace(self.projdir, "<project>")
        s = s.replace(sys.prefix, "<venv>")
        return s

    def run(self):
        import django

        out = {
            "layout": self.layout,
            "django_version": django.get_version(),
            "allauth_version": None,
            "settings_module": self.module,
            "env_file_keys": self.env_keys,
            "base_url": BASE_URL,
        }
        try:
            import allauth

            out["allauth_version"] = allauth.__version__
        except Exception as e:  # pragma: no cover
            out["allauth_version"] = "error: " + fmt_exc(e)

        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                django.setup()
            except Exception as e:
                out["django_setup"] = self.clean(fmt_exc(e))
                out["django_check"] = self.clean(fmt_exc(e))
                out["check_issues"] = None
                out["allauth_prefix"] = None
                out["allauth_prefix_error"] = self.clean(fmt_exc(e))
                out["providers"] = None
                out["python_warnings"] = self.warnings_of(caught)
                return out
            out["django_setup"] = "ok"
            out["django_check"], out["check_issues"] = self.check()
            out.update(self.allauth_prefix())
            out.update(self.site_info())
            if self.layout == "all_providers":
                out["providers"] = self.all_providers()
            else:
                out["providers"] = self.configured_providers()
            out["python_warnings"] = self.warnings_of(caught)
        return out

    def warnings_of(self, caught):
        seen = []
        for w in caught:
            item = {"category": w.category.__name__, "message": self.clean(w.message)}
            if item not in seen:
                seen.append(item)
        return sorted(seen, key=lambda d: (d["category"], d["message"]))

    # -- Django checks ------------------------------------------------------

    def check(self):
        import io

        from django.core import checks
        from django.core.management import call_command

        try:
            call_command("check", stdout=io.StringIO(), stderr=io.StringIO())
            verdict = "ok"
        except Exception as e:
            verdict = self.clean(fmt_exc(e))
        try:
            issues = [
                {
                    "id": m.id,
                    "level": {10: "DEBUG", 20: "INFO", 30: "WARNING", 40: "ERROR", 50: "CRITICAL"}.get(
                        m.level, str(m.level)
                    ),
                    "msg": self.clean(m.msg),
                }
                for m in checks.run_checks()
            ]
        except Exception as e:
            issues = [{"id": None, "level": "EXCEPTION", "msg": self.clean(fmt_exc(e))}]
        return verdict, issues

    def allauth_prefix(self):
        from django.urls import reverse

        try:
            login = reverse("account_login")
        except Exception as e:
            return {"allauth_prefix": None, "allauth_prefix_error": self.clean(fmt_exc(e))}
        assert login.endswith("login/"), login
        return {"allauth_prefix": login[: -len("login/")]}

    def site_info(self):
        from django.conf import settings

        info = {"site_id": getattr(settings, "SITE_ID", None)}
        try:
            from django.contrib.sites.models import Site

            info["site_domain"] = Site.objects.get_current().domain
        except Exception as e:
            info["site_domain"] = None
            info["site_error"] = self.clean(fmt_exc(e))
        return info

    # -- requests -----------------------------------------------------------

    def request(self, secure=True):
        from django.contrib.auth.models import AnonymousUser
        from django.contrib.sessions.backends.base import SessionBase
        from django.test import RequestFactory

        req = RequestFactory().get("/", secure=secure, HTTP_HOST=BASE_HOST)
        req.user = AnonymousUser()
        req.session = SessionBase()
        return req

    # -- URLs ---------------------------------------------------------------

    def url_names(self, cls):
        """(callback name, callback kwargs, login name, login kwargs) for a class."""
        if cls.id == "openid_connect":
            return "openid_connect_callback", "provider_id", "openid_connect_login", "provider_id"
        if cls.id == "saml":
            return "saml_acs", "organization_slug", "saml_login", "organization_slug"
        return f"{cls.id}_callback", None, f"{cls.id}_login", None

    def urls(self, entry, cls, provider_obj, key_value):
        """Fill callback_url / login_url (+ errors) for one entry."""
        from django.urls import resolve, reverse

        from allauth.socialaccount.providers.oauth2.provider import OAuth2Provider

        if cls is None:
            # Not installed: allauth has no pattern for it; show what reverse says.
            names = (f"{entry['provider']}_callback", f"{entry['provider']}_login")
            for field, name in zip(("callback", "login"), names):
                try:
                    entry[f"{field}_url"] = BASE_URL + reverse(name)
                except Exception as e:
                    entry[f"{field}_url"] = None
                    entry[f"{field}_error"] = self.clean(fmt_exc(e))
            return

        cb_name, cb_kw, login_name, login_kw = self.url_names(cls)
        try:
            path = reverse(cb_name, kwargs={cb_kw: key_value} if cb_kw else None)
            entry["callback_url"] = BASE_URL + path
            try:
                entry["callback_resolves_to"] = resolve(path).view_name
            except Exception as e:
                entry["callback_resolves_to"] = None
                entry["callback_resolve_error"] = self.clean(fmt_exc(e))
        except Exception as e:
            path = None
            entry["callback_url"] = None
            entry["callback_error"] = self.clean(fmt_exc(e))

        try:
            rule = reverse(login_name, kwargs={login_kw: key_value} if login_kw else None)
            own = provider_obj.get_login_url(self.request())
            if own != rule:
                raise AssertionError(f"{cls.id}: get_login_url {own!r} != reverse {rule!r}")
            entry["login_url"] = BASE_URL + own
            try:
                entry["login_resolves_to"] = resolve(own).view_name
            except Exception as e:
                entry["login_resolves_to"] = None
                entry["login_resolve_error"] = self.clean(fmt_exc(e))
        except AssertionError:
            raise
        except Exception as e:
            entry["login_url"] = None
            entry["login_error"] = self.clean(fmt_exc(e))

        # The redirect_uri allauth's own OAuth2 adapter sends, for an HTTPS
        # request (must equal callback_url) and for a plain-HTTP request
        # (TLS ended at a proxy that Django is not told about).
        if path is not None and isinstance(provider_obj, OAuth2Provider):
            if hasattr(provider_obj, "get_callback_url"):
                assert provider_obj.get_callback_url() == path, (cls.id, path)
            try:
                req = self.request(secure=True)
                uri = provider_obj.get_oauth2_adapter(req).get_callback_url(req, provider_obj.app)
                if uri != entry["callback_url"]:
                    entry["redirect_uri_https_request"] = uri
                req = self.request(secure=False)
                entry["redirect_uri_if_request_is_http"] = provider_obj.get_oauth2_adapter(
                    req
                ).get_callback_url(req, provider_obj.app)
            except Exception as e:
                entry["redirect_uri_error"] = self.clean(fmt_exc(e))

    # -- all_providers ------------------------------------------------------

    def all_providers(self):
        from allauth.socialaccount.models import SocialApp
        from allauth.socialaccount.providers import registry

        ret = []
        for cls in sorted(registry.get_class_list(), key=lambda c: c.id):
            if cls.id == "openid_connect":
                sid, app = ALL_PROVIDERS_OIDC_ID, SocialApp(provider=cls.id, provider_id=ALL_PROVIDERS_OIDC_ID)
                key_value = sid
            elif cls.id == "saml":
                sid, app = ALL_PROVIDERS_SAML_SLUG, SocialApp(provider=cls.id, client_id=ALL_PROVIDERS_SAML_SLUG)
                key_value = sid
            else:
                sid, app, key_value = cls.id, SocialApp(provider=cls.id), None
            entry = {
                "id": sid,
                "provider": cls.id,
                "kind": kind_of(cls),
                "slug": cls.get_slug(),
                "package": cls.get_package(),
                "uses_apps": cls.uses_apps,
            }
            obj = cls(self.request(), app=app if cls.uses_apps else None)
            self.urls(entry, cls, obj, key_value)
            ret.append(entry)
        return ret

    # -- configured providers ----------------------------------------------

    def candidates(self):
        """(stored id, provider class id) pairs: settings apps, provider-level
        settings without apps, DB apps on any site, and installed providers."""
        from allauth.socialaccount import app_settings
        from allauth.socialaccount.providers import registry

        keys = []

        def add(k):
            if k not in keys:
                keys.append(k)

        for p, cfg in app_settings.PROVIDERS.items():
            app_cfgs = cfg.get("APPS")
            if app_cfgs is None:
                app_cfgs = [cfg["APP"]] if cfg.get("APP") is not None else []
            for c in app_cfgs:
                add((c.get("provider_id") or p, p))
            if not app_cfgs:
                add((p, p))
        for pid, p in self.db_apps_all().values_list("provider_id", "provider"):
            add((pid or p, p))
        for cls in registry.get_class_list():
            if cls.id in ("openid_connect", "saml"):
                continue  # these need a provider_id / organization slug
            add((cls.id, cls.id))
        return sorted(keys)

    def db_apps_all(self):
        from allauth.socialaccount.models import SocialApp

        return SocialApp.objects.all().order_by("id")

    def secret_state(self, value):
        if value is None:
            return {"state": "none"}
        if value == "":
            return {"state": "empty"}
        return {"state": "set", "length": len(value)}

    def describe_app(self, app, request=None):
        d = {
            "source": "database" if app.pk else "settings",
            "db_id": app.pk,
            "provider": app.provider,
            "provider_id": app.provider_id,
            "name": app.name,
            "client_id": app.client_id,
            "secret": self.secret_state(app.secret),
            "settings_keys": sorted(app.settings) if isinstance(app.settings, dict) else None,
        }
        if request is not None:
            # The scope this app alone would send (its provider class's
            # get_scope()), even when get_app() fails because of duplicates.
            from allauth.socialaccount.providers import registry

            cls = registry.get_class(app.provider)
            d["scopes"] = None
            if cls is not None and hasattr(cls, "get_scope"):
                try:
                    d["scopes"] = list(cls(request, app=app).get_scope())
                except Exception as e:
                    d["scopes_error"] = self.clean(fmt_exc(e))
        return d

    def configured_providers(self):
        from django.core.exceptions import MultipleObjectsReturned
        from django.db.models import Q

        from allauth.socialaccount.adapter import get_adapter
        from allauth.socialaccount.models import SocialApp
        from allauth.socialaccount.providers import registry

        adapter = get_adapter()
        try:
            keys = self.candidates()
        except Exception as e:
            return [{"error": self.clean(fmt_exc(e))}]

        ret = []
        for sid, p in keys:
            cls = registry.get_class(p)
            entry = {"id": sid, "provider": p, "installed": cls is not None}

            # What allauth sees on SITE_ID (DB apps on the site + settings apps).
            req = self.request()
            try:
                entry["apps"] = [self.describe_app(a, req) for a in adapter.list_apps(req, provider=sid)]
            except Exception as e:
                entry["apps"] = None
                entry["apps_error"] = self.clean(fmt_exc(e))
            # Every DB app for this id, whatever its sites.
            try:
                rows = self.db_apps_all().filter(Q(provider=sid) | Q(provider_id=sid))
                entry["database_apps"] = [
                    {
                        "db_id": a.pk,
                        "provider": a.provider,
                        "provider_id": a.provider_id,
                        "sites": sorted(a.sites.values_list("domain", flat=True)),
                    }
                    for a in rows
                ]
            except Exception as e:
                entry["database_apps"] = None
                entry["database_apps_error"] = self.clean(fmt_exc(e))

            app = None
            try:
                app = adapter.get_app(req, provider=sid)
                entry["app_lookup"] = "ok"
                entry["resolved_app"] = {
                    k: v
                    for k, v in self.describe_app(app).items()
                    if k in ("source", "db_id", "provider", "provider_id", "client_id")
                }
            except SocialApp.DoesNotExist:
                entry["app_lookup"] = "DoesNotExist"
            except MultipleObjectsReturned:
                entry["app_lookup"] = "MultipleObjectsReturned"
            except Exception as e:
                entry["app_lookup"] = "error: " + self.clean(fmt_exc(e))

            provider_obj = None
            try:
                provider_obj = adapter.get_provider(req, provider=sid)
                entry["provider_lookup"] = "ok"
                entry["resolved_provider_class"] = provider_obj.id
            except SocialApp.DoesNotExist:
                entry["provider_lookup"] = "DoesNotExist"
            except MultipleObjectsReturned:
                entry["provider_lookup"] = "MultipleObjectsReturned"
            except Exception as e:
                entry["provider_lookup"] = "error: " + self.clean(fmt_exc(e))

            entry["scopes"] = None
            if provider_obj is not None and hasattr(provider_obj, "get_scope"):
                try:
                    entry["scopes"] = list(provider_obj.get_scope())
                except Exception as e:
                    entry["scopes_error"] = self.clean(fmt_exc(e))

            # URLs are those of this entry's own class (`p`); the object used
            # for get_login_url carries the resolved app when it belongs to
            # that class, else a bare in-memory app with the same ids.
            if cls is not None:
                if app is not None and app.provider == p:
                    url_app = app
                else:
                    url_app = SocialApp(
                        provider=p,
                        provider_id=sid if p != sid else "",
                        client_id=(app.client_id if app is not None else "") or "",
                    )
                if cls.id == "saml":
                    key_value = url_app.client_id
                elif cls.id == "openid_connect":
                    key_value = sid
                else:
                    key_value = None
                obj = cls(req, app=url_app if cls.uses_apps else None)
            else:
                obj, key_value = None, None
            self.urls(entry, cls, obj, key_value)
            ret.append(entry)
        return ret


def child_oracle(layout, projdir, out_json):
    module, env_keys = enter_project(projdir)
    oracle = Oracle(layout, projdir, module, env_keys)
    result = oracle.run()
    text = json.dumps(result, indent=1, ensure_ascii=True) + "\n"
    if "CANARY" in text:
        raise SystemExit(f"{layout}: a secret (CANARY) would be written to the expected JSON")
    with open(out_json + ".tmp", "w", encoding="ascii", newline="\n") as f:
        f.write(text)
    os.replace(out_json + ".tmp", out_json)


# --------------------------------------------------------------------------
# parent process


def same_db(a, b):
    if not (os.path.exists(a) and os.path.exists(b)):
        return False
    with open(a, "rb") as fa, open(b, "rb") as fb:
        return fa.read() == fb.read()


def run_all(outdir, only, write_dbs):
    outdir = os.path.abspath(outdir)
    os.makedirs(outdir, exist_ok=True)
    stale = []
    for layout in only or LAYOUTS:
        t0 = time.monotonic()
        src = os.path.join(HERE, layout)
        with tempfile.TemporaryDirectory(prefix="authconsole-oracle-") as tmp:
            projdir = os.path.join(tmp, layout)
            shutil.copytree(src, projdir, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
            me = os.path.abspath(__file__)
            subprocess.run(
                [sys.executable, me, "--child-build-db", layout, projdir],
                env=child_env(),
                cwd=projdir,
                check=True,
            )
            if layout in DB_LAYOUTS:
                built = os.path.join(projdir, "db.sqlite3")
                committed = os.path.join(src, "db.sqlite3")
                shutil.copyfile(built, os.path.join(outdir, layout + ".db.sqlite3.tmp"))
                os.replace(
                    os.path.join(outdir, layout + ".db.sqlite3.tmp"),
                    os.path.join(outdir, layout + ".db.sqlite3"),
                )
                if write_dbs:
                    shutil.copyfile(built, committed + ".tmp")
                    os.replace(committed + ".tmp", committed)
                elif not same_db(built, committed):
                    stale.append(layout)
                # The oracle reads the database just built (identical to the
                # committed one unless reported stale).
            out_json = os.path.join(outdir, layout + ".expected.json")
            subprocess.run(
                [sys.executable, me, "--child-oracle", layout, projdir, out_json],
                env=child_env(),
                cwd=projdir,
                check=True,
            )
        with open(out_json, encoding="ascii") as f:
            res = json.load(f)
        n = len(res["providers"]) if res["providers"] is not None else "-"
        print(
            f"{layout}: check={res['django_check'][:70]!r} providers={n} "
            f"({time.monotonic() - t0:.1f}s)",
            flush=True,
        )
    if stale:
        print(
            "WARNING: the committed db.sqlite3 differs from a fresh build for: "
            + ", ".join(stale)
            + " (new Django/allauth?). The fresh ones are in OUTDIR/<layout>.db.sqlite3;"
            " rerun with --write-dbs to refresh the committed copies.",
            file=sys.stderr,
        )
        if os.environ.get("PROJECTS_DB_STRICT") == "1":
            return 1
    return 0


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("outdir", nargs="?")
    ap.add_argument("--only", action="append", choices=LAYOUTS)
    ap.add_argument("--write-dbs", action="store_true", help="refresh the committed <layout>/db.sqlite3 files")
    ap.add_argument("--child-build-db", nargs=2, metavar=("LAYOUT", "PROJDIR"), help=argparse.SUPPRESS)
    ap.add_argument("--child-oracle", nargs=3, metavar=("LAYOUT", "PROJDIR", "OUT"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child_build_db:
        child_build_db(*args.child_build_db)
    elif args.child_oracle:
        child_oracle(*args.child_oracle)
    else:
        if not args.outdir:
            ap.error("OUTDIR is required")
        sys.exit(run_all(args.outdir, args.only, args.write_dbs))


if __name__ == "__main__":
    main()
