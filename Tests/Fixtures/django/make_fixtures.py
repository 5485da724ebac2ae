#!/usr/bin/env python3
"""Build the authconsole SQLite fixtures and their expected figures.

    python make_fixtures.py OUTDIR [--only NAME ...]
    python make_fixtures.py --postgres OUTDIR [--only NAME ...]

For each settings module (default, custom, noallauth) this runs a child
process (Django settings can be configured only once per process) that:

  1. migrates a fresh SQLite file with Django's real `migrate`,
  2. fills it deterministically (random.Random(fixed seed), fixed NOW, fixed
     password hash strings) through the ORM,
  3. computes every expected figure with the ORM on that database,
  4. writes OUTDIR/<name>.sqlite3 and OUTDIR/<name>.expected.json.

With --postgres the same data goes into the PostgreSQL databases
$AUTHCONSOLE_FIXTURE_PG_PREFIX<name> (default prefix "authconsole_"; each must
exist and be empty; the server and role come from libpq's PGHOST, PGPORT,
PGUSER, PGPASSWORD), and only OUTDIR/<name>.expected.json is written: the
figures Django's ORM computes on PostgreSQL, which is the truth for PostgreSQL
(its collation and UPPER() differ from SQLite's). Two values differ from the
SQLite data because PostgreSQL refuses them: the one uid with a NUL byte gets
U+0001 instead, and the long custom user's full_name is cut to its
max_length (200). The SQLite output is unchanged by this mode.

The JSON schema is documented in Tests/Fixtures/README.md.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import subprocess
import sys
import time
import uuid

HERE = os.path.dirname(os.path.abspath(__file__))
NAMES = ("default", "custom", "noallauth")
UTC = dt.timezone.utc
NOW = dt.datetime(2026, 6, 15, 12, 0, 0, tzinfo=UTC)
# django_migrations.applied is rewritten to this fixed instant so that the
# database file does not depend on the wall clock.
MIGRATIONS_APPLIED_AT = NOW - dt.timedelta(days=220)
BULK_IMPORT_AT = dt.datetime(2026, 3, 1, 0, 0, 0, tzinfo=UTC)
SEEDS = {"default": 20260615, "custom": 20260616, "noallauth": 20260617}
SIZES = {"default": 290, "custom": 160, "noallauth": 10}  # regular users

DAY = dt.timedelta(days=1)
US = dt.timedelta(microseconds=1)

FIRST = [
    "alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi",
    "ivan", "judy", "mallory", "niaj", "olivia", "peggy", "rupert", "sybil",
    "trent", "victor", "walter", "yvonne", "zoe", "anna", "ben", "brigitte",
    "gitte", "chen", "dmitri", "fatima", "hiro", "ingrid", "jamal", "kofi",
    "lars", "maria", "nora", "omar", "priya", "quinn", "rosa", "sanjay",
    "tomas", "ulla", "wei", "xavier", "yusuf",
]
LAST = [
    "smith", "jones", "garcia", "miller", "davis", "lopez", "wilson",
    "anderson", "thomas", "taylor", "moore", "martin", "lee", "clark",
    "lewis", "walker", "hall", "young", "king", "wright", "digital",
    "nakamura", "okafor", "petrov", "schmidt",
]
DOMAINS = ["example.com", "example.org", "corp.example.net", "mail.test"]
DOMAIN_WEIGHTS = [60, 20, 10, 10]
PROVIDERS = ["github", "google", "gitlab", "corp-sso"]
PROVIDER_WEIGHTS = [40, 30, 15, 15]

# Hostile strings. Each is used as a username (auth_user fixtures) or inside an
# email (custom fixture). Keys are stable names used to pick "interesting"
# users for the expected JSON.
HOSTILE = [
    ("esc_clear", "\x1b[2J\x1b[Hclear-screen"),
    ("osc_title", "\x1b]0;pwned\x07title"),
    ("osc52", "osc52\x1b]52;c;ZXZpbA==\x07clip"),
    ("csi8", "\x9b31mcsi-8bit"),
    ("bidi_override", "bidi\u202egnp.exe"),
    ("bidi_isolate", "\u2066isolate\u2069-user"),
    ("cjk", "\u5c71\u7530\u592a\u90ce"),  # 山田太郎 (wide)
    ("emoji", "\U0001f469\u200d\U0001f4bbdev\U0001f389"),  # 👩‍💻dev🎉
    ("combining", "re\u0301sume\u0301"),  # e + COMBINING ACUTE
    ("arabic", "\u0645\u0633\u062a\u062e\u062f\u0645.\u0639\u0631\u0628\u064a"),
    ("hebrew", "\u05de\u05e9\u05ea\u05de\u05e9"),
    ("percent_underscore", "100%_off"),
    ("backslash", "back\\slash\\user"),
    ("quote_single", "o'brien"),
    ("quote_double", 'say "hi"'),
    ("controls", "tab\there\nnewline\rcr"),
    ("c1_del", "del\x7fnel\x85zw\u200bsp"),
]
# Not hostile but useful for non-ASCII case-folding traps in SQLite LIKE:
# "é" matches only the precomposed lower-case form; "ü" does not match "Ü".
ACCENTED = [
    ("acc_jose", "jos\u00e9.garc\u00eda"),
    ("acc_emile", "\u00c9MILE.zola"),
    ("acc_muller", "j\u00fcrgen.m\u00fcller"),
    ("acc_MULLER", "J\u00dcRGEN.M\u00dcLLER"),
    ("acc_zoe", "zo\u00eb.b\u00e4r"),
]


def iso(value):
    """UTC ISO 8601 with 'Z'; fraction only when microsecond != 0."""
    if value is None:
        return None
    s = value.astimezone(UTC).isoformat()
    assert s.endswith("+00:00"), s
    return s[:-6] + "Z"


def rand_dt(rng, lo, hi, whole_second_prob=0.5):
    """A datetime in [lo, hi]; about half have microsecond == 0."""
    if hi <= lo:
        return lo
    span = int((hi - lo).total_seconds())
    d = lo + dt.timedelta(seconds=rng.randrange(0, span + 1) if span > 0 else 0)
    if rng.random() < whole_second_prob:
        d = d.replace(microsecond=0)
    else:
        d = d.replace(microsecond=rng.randrange(1, 1_000_000))
    if d > hi:
        d = hi
    if d < lo:
        d = lo
    return d


# --------------------------------------------------------------------------
# parent process


def run_all(outdir, only, postgres=False):
    outdir = os.path.abspath(outdir)
    os.makedirs(outdir, exist_ok=True)
    for name in only or NAMES:
        t0 = time.monotonic()
        env = dict(os.environ)
        env["PYTHONHASHSEED"] = "0"
        env["DJANGO_SETTINGS_MODULE"] = "settings." + name
        env["PYTHONPATH"] = HERE + os.pathsep + env.get("PYTHONPATH", "")
        extra = []
        if postgres:
            env["AUTHCONSOLE_FIXTURE_PG_DB"] = pg_database(name)
            extra = ["--postgres"]
        subprocess.run(
            [sys.executable, os.path.abspath(__file__), "--child", name, outdir] + extra,
            env=env,
            cwd=HERE,
            check=True,
        )
        print(f"{name}: done in {time.monotonic() - t0:.1f}s", flush=True)


def pg_database(name):
    return os.environ.get("AUTHCONSOLE_FIXTURE_PG_PREFIX", "authconsole_") + name


# --------------------------------------------------------------------------
# child process


def child(name, outdir):
    final_db = os.path.join(outdir, name + ".sqlite3")
    tmp_db = final_db + ".tmp"
    for p in (tmp_db, tmp_db + "-journal", tmp_db + "-wal", tmp_db + "-shm"):
        if os.path.exists(p):
            os.remove(p)
    os.environ["AUTHCONSOLE_FIXTURE_DB"] = tmp_db
    os.environ["DJANGO_SETTINGS_MODULE"] = "settings." + name
    if HERE not in sys.path:
        sys.path.insert(0, HERE)

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.db.migrations.recorder import MigrationRecorder

    call_command("migrate", interactive=False, verbosity=0)
    MigrationRecorder(connection).migration_qs.update(applied=MIGRATIONS_APPLIED_AT)

    try:
        builder = Builder(name, random.Random(SEEDS[name]))
        with transaction.atomic():
            builder.populate()
        expected = Oracle(name, builder).compute()
        with connection.cursor() as cur:
            cur.execute("VACUUM")
        connection.close()
    except BaseException:
        connection.close()
        os.remove(tmp_db)
        raise
    os.replace(tmp_db, final_db)
    write_expected(name, outdir, expected)


def child_postgres(name, outdir):
    """The same data and oracle in the (empty) PostgreSQL database that
    $AUTHCONSOLE_FIXTURE_PG_DB names; writes only OUTDIR/<name>.expected.json."""
    os.environ["DJANGO_SETTINGS_MODULE"] = "settings." + name
    if HERE not in sys.path:
        sys.path.insert(0, HERE)

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.db.migrations.recorder import MigrationRecorder

    assert connection.vendor == "postgresql", connection.vendor
    call_command("migrate", interactive=False, verbosity=0)
    MigrationRecorder(connection).migration_qs.update(applied=MIGRATIONS_APPLIED_AT)
    try:
        builder = Builder(name, random.Random(SEEDS[name]))
        with transaction.atomic():
            builder.populate()
        with connection.cursor() as cur:
            cur.execute("ANALYZE")
            cur.execute("SELECT datcollate, datctype FROM pg_database WHERE datname = current_database()")
            collate, ctype = cur.fetchone()
            if connection.pg_version >= 150000:
                # An ICU cluster sorts by its ICU locale, whatever datcollate says.
                cur.execute("SELECT datlocprovider, daticulocale FROM pg_database WHERE datname = current_database()")
                provider, icu = cur.fetchone()
                if provider == "i":
                    collate = ctype = "icu:" + icu
        expected = Oracle(name, builder).compute()
        expected["database"] = {
            "vendor": "postgresql",
            "server_version": connection.pg_version,
            "name": connection.settings_dict["NAME"],
            "collate": collate,
            "ctype": ctype,
        }
    finally:
        connection.close()
    write_expected(name, outdir, expected)


def write_expected(name, outdir, expected):
    out_json = os.path.join(outdir, name + ".expected.json")
    with open(out_json + ".tmp", "w", encoding="ascii", newline="\n") as f:
        json.dump(expected, f, indent=1, ensure_ascii=True)
        f.write("\n")
    os.replace(out_json + ".tmp", out_json)
    s = expected["stats"]
    print(
        f"{name}: users={s['total_users']} social_accounts="
        f"{sum(p['account_count'] for p in s['providers'].values())} "
        f"oauth_users={s['oauth_users']} queries={len(expected['account_queries'])} "
        f"django={expected['django_version']} allauth={expected['allauth_version']}",
        flush=True,
    )


class Builder:
    """Fills one database through the ORM."""

    def __init__(self, name, rng):
        from django.apps import apps
        from django.contrib.auth import get_user_model

        self.name = name
        self.rng = rng
        self.User = get_user_model()
        self.has_allauth = apps.is_installed("allauth.socialaccount")
        self.has_username = self.name != "custom"
        self.interesting = []  # user pks for the "users" section, in order
        self.uids = {}  # provider -> set of uids, to keep (provider, uid) unique
        self.token_seq = 0
        self.verified_emails = set()
        from django.db import connection

        # PostgreSQL text cannot hold NUL: the one NUL uid gets U+0001 there.
        self.nul_stand_in = "\x01" if connection.vendor == "postgresql" else None

    # ---- passwords: fixed strings, never a random salt
    def passwords(self):
        from django.contrib.auth.hashers import make_password

        usable = make_password("fixture-password", salt="authconsolefixture1")
        unusable = "!" + "FIXTURE-UNUSABLE-PASSWORD".ljust(40, "0")
        return usable, unusable

    # ---- user specs
    def user_spec(self, key, text, **kw):
        """text is the username (auth_user) or the email local part (custom)."""
        rng = self.rng
        spec = dict(key=key, text=text)
        spec["date_joined"] = kw.pop(
            "date_joined", rand_dt(rng, NOW - 200 * DAY, NOW - dt.timedelta(hours=2))
        )
        if "last_login" in kw:
            spec["last_login"] = kw.pop("last_login")
        elif rng.random() < 0.2:
            spec["last_login"] = None
        else:
            spec["last_login"] = rand_dt(rng, spec["date_joined"], NOW)
        if spec["last_login"] is not None and spec["date_joined"] > spec["last_login"]:
            # an explicit last_login must not precede date_joined
            spec["date_joined"] = rand_dt(rng, spec["last_login"] - 60 * DAY, spec["last_login"])
        spec["is_active"] = kw.pop("is_active", rng.random() < 0.92)
        spec["is_staff"] = kw.pop("is_staff", rng.random() < 0.04)
        spec["is_superuser"] = kw.pop("is_superuser", False)
        spec.update(kw)
        return spec

    def regular_text(self, used):
        rng = self.rng
        while True:
            t = f"{rng.choice(FIRST)}.{rng.choice(LAST)}"
            if rng.random() < 0.5:
                t += str(rng.randrange(1, 1000))
            if t not in used:
                used.add(t)
                return t

    def make_email(self, text):
        rng = self.rng
        domain = rng.choices(DOMAINS, DOMAIN_WEIGHTS)[0]
        local = text
        if rng.random() < 0.08:
            local = local.capitalize()
            domain = domain.upper()
        return f"{local}@{domain}"

    def specs(self):
        rng = self.rng
        used = set()
        head = []  # created first, in this order
        rest = []  # shuffled

        head.append(self.user_spec(
            "superuser", "admin", is_superuser=True, is_staff=True, is_active=True,
            date_joined=NOW - 200 * DAY, last_login=NOW - dt.timedelta(hours=1, microseconds=250),
            accounts=[], email="admin@example.com", emails=[("admin@example.com", True, True)],
        ))
        head.append(self.user_spec(
            "inactive_superuser", "root-disabled", is_superuser=True, is_staff=True,
            is_active=False, date_joined=(NOW - 199 * DAY).replace(microsecond=0),
            last_login=NOW - 120 * DAY, accounts=[],
        ))
        rest.append(self.user_spec(
            "staff", "staff.only", is_staff=True, is_active=True, groups=["Support"],
            last_login=NOW - 2 * DAY,
        ))
        rest.append(self.user_spec(
            "group_member", "editor.perms", is_staff=False, is_active=True,
            groups=["Editors", "Auditors"], perms=["direct1", "direct_dup"],
            last_login=NOW - 3 * DAY,
        ))
        rest.append(self.user_spec(
            "inactive_with_perms", "inactive.perms", is_active=False,
            groups=["Editors"], perms=["direct1"],
        ))
        rest.append(self.user_spec(
            "no_accounts", "no.accounts", is_active=True, accounts=[],
        ))
        rest.append(self.user_spec(
            "no_emails", "no.emails", is_active=True, emails=[], blank_email=True,
            accounts=[{"provider": "github"}] if self.has_allauth else [],
        ))
        if self.has_allauth:
            rest.append(self.user_spec(
                "three_accounts", "tri.account", is_active=True,
                last_login=NOW - 30 * DAY,  # exactly the 30-day boundary (counts)
                accounts=[
                    {"provider": "github", "token": True},
                    {"provider": "google", "token": True,
                     "last_login": NOW - 30 * DAY},  # boundary (counts)
                    {"provider": "corp-sso", "token": True},
                ],
            ))
            rest.append(self.user_spec(
                "boundary_login_before", "login.before30d", is_active=True,
                last_login=NOW - 30 * DAY - US,  # does not count
                accounts=[{"provider": "gitlab", "last_login": NOW - 30 * DAY - US}],
            ))
            rest.append(self.user_spec(
                "keycloak_only", "keycloak.orphan", is_active=True,
                accounts=[{"provider": "keycloak", "token": True}],
            ))
        # date_joined boundaries
        today = NOW.replace(hour=0, minute=0, second=0, microsecond=0)
        boundaries = [
            ("b_7d", "boundary.7d", NOW - 7 * DAY),
            ("b_7d_minus_1us", "boundary.7d-1us", NOW - 7 * DAY - US),
            ("b_30d", "boundary.30d", NOW - 30 * DAY),
            ("b_30d_minus_1us", "boundary.30d-1us", NOW - 30 * DAY - US),
            ("b_window30_first", "boundary.w30.first", today - 29 * DAY),
            ("b_window30_before", "boundary.w30.before", today - 29 * DAY - US),
            ("b_window90_first", "boundary.w90.first", today - 89 * DAY),
            ("b_window90_before", "boundary.w90.before", today - 89 * DAY - US),
            ("b_today_midnight", "boundary.today", today),
            ("b_now", "boundary.now", NOW),
            ("future_1m", "future.1m", NOW + dt.timedelta(minutes=1)),
            ("future_7m", "future.7m", NOW + dt.timedelta(minutes=7, seconds=30, microseconds=500000)),
            ("future_59m", "future.59m", NOW + dt.timedelta(minutes=59)),
        ]
        for key, text, when in boundaries:
            rest.append(self.user_spec(key, text, date_joined=when, last_login=None))
        for key, text in HOSTILE + ACCENTED:
            extra = {}
            if key == "esc_clear":
                extra["is_staff"] = True
            rest.append(self.user_spec(key, text, **extra))
        # 150-character username (auth_user max_length) / 254-char email
        if self.has_username:
            long_text = ("long-" + "x" * 200)[:150]
        else:
            long_text = ("long-" + "x" * 300)[: 254 - len("@example.com")]
        rest.append(self.user_spec(
            "long", long_text, accounts=[{"provider": "github"}] if self.has_allauth else [],
        ))
        if self.has_allauth:
            # ties: same uid on two providers; two users sharing one email
            rest.append(self.user_spec(
                "same_uid", "same.uid",
                accounts=[{"provider": "github", "uid": "31337"},
                          {"provider": "gitlab", "uid": "31337"}],
            ))
        for i in (1, 2):
            rest.append(self.user_spec(
                f"shared_email{i}", f"shared.email{i}",
                # people_person.email is UNIQUE (case-sensitive in SQLite)
                email="shared@example.com" if self.has_username or i == 1 else "SHARED@example.com",
                emails=[("shared@example.com", i == 1, True)],
                accounts=[{"provider": "google"}] if self.has_allauth else [],
            ))
        # a few users whose text contains "git" in various cases
        for t in ("gitfan", "GITHUB.lover", "legit.user"):
            rest.append(self.user_spec("git_" + t, t))
        for s in rest + head:
            used.add(s["text"])
        n = SIZES[self.name]
        for i in range(n):
            rest.append(self.user_spec(f"regular{i}", self.regular_text(used)))
        rng.shuffle(rest)
        return head + rest

    # ---- population
    def populate(self):
        rng = self.rng
        usable, unusable = self.passwords()
        groups = self.make_groups()
        perms = self.direct_perms()

        specs = self.specs()
        users = []
        for spec in specs:
            text = spec["text"]
            if "email" in spec:
                email = spec["email"]
            elif self.has_username:
                if spec.get("blank_email"):
                    email = ""
                elif spec["key"].startswith("regular") and rng.random() < 0.03:
                    email = ""
                elif spec["key"] in dict(HOSTILE) and spec["key"] in (
                    "esc_clear", "osc52", "bidi_override", "cjk", "quote_double",
                ):
                    email = f"{text}@example.com"
                else:
                    email = self.make_email(_ascii_local(text, spec["key"]))
            else:
                email = (
                    f"{text}@example.com"
                    if not spec["key"].startswith("regular")
                    else self.make_email(text)
                )
                if spec["key"] == "cjk":
                    email = f"{text}@\u4f8b\u3048.jp"
                elif spec["key"] == "arabic":
                    email = f"{text}@\u0645\u062b\u0627\u0644.\u0634\u0628\u0643\u0629"
            fields = dict(
                email=email,
                is_active=spec["is_active"],
                is_superuser=spec["is_superuser"],
                date_joined=spec["date_joined"],
                last_login=spec["last_login"],
            )
            if self.has_username:
                fields["username"] = text
                fields["is_staff"] = spec["is_staff"]
                fields["first_name"] = text.split(".")[0][:150] if spec["key"].startswith("regular") else ""
            else:
                fields["full_name"] = text if not spec["key"].startswith("regular") else text.replace(".", " ").title()
                if self.nul_stand_in is not None:
                    # PostgreSQL enforces max_length (200), which SQLite ignores: the long user's
                    # full_name is cut there.
                    fields["full_name"] = fields["full_name"][:200]
            # About a third of social-only users have no usable password.
            fields["password"] = unusable if rng.random() < 0.25 else usable
            user = self.User(**fields)
            user.save()
            spec["pk"] = user.pk
            spec["email"] = email
            users.append((spec, user))

            g = spec.get("groups")
            if g is None:
                g = []
                if spec["key"].startswith("regular") and rng.random() < 0.1:
                    g = [rng.choice(["Editors", "Support", "Auditors", "Empty group"])]
            if g:
                user.groups.set([groups[x] for x in g])
            p = spec.get("perms")
            if p is None:
                p = []
                if spec["key"].startswith("regular") and rng.random() < 0.03:
                    p = ["direct1"]
            if p:
                user.user_permissions.set([perms[x] for x in p])

        if self.has_allauth:
            self.make_apps()
            for spec, user in users:
                self.make_accounts(spec, user)
            # orphaned keycloak accounts on random users
            pool = [u for s, u in users if s["key"].startswith("regular")]
            for user in rng.sample(pool, 5):
                self.add_account(user, {"provider": "keycloak"})
            for spec, user in users:
                self.make_emails(spec, user)

        interesting_keys = [
            "superuser", "inactive_superuser", "staff", "group_member",
            "inactive_with_perms", "three_accounts", "no_accounts", "no_emails",
            "keycloak_only", "boundary_login_before", "b_7d", "b_7d_minus_1us",
            "future_1m", "long", "same_uid", "shared_email1", "shared_email2",
        ] + [k for k, _ in HOSTILE] + ["acc_jose", "acc_MULLER"]
        by_key = {s["key"]: s for s in specs}
        self.interesting = [by_key[k]["pk"] for k in interesting_keys if k in by_key]

    def make_groups(self):
        from django.contrib.auth.models import Group, Permission

        def perm(label):
            app_label, codename = label.split(".")
            return Permission.objects.get(content_type__app_label=app_label, codename=codename)

        user_app = self.User._meta.app_label
        user_model = self.User._meta.model_name
        plan = {
            "Editors": [f"{user_app}.view_{user_model}", f"{user_app}.change_{user_model}"],
            "Support": [f"{user_app}.view_{user_model}"],
            "Auditors": ["admin.view_logentry", "auth.view_group", "sessions.view_session"],
            "Empty group": [],
        }
        if self.has_allauth:
            plan["Editors"] += ["account.view_emailaddress", "account.change_emailaddress"]
            plan["Support"] += [
                "socialaccount.view_socialaccount",
                "socialaccount.delete_socialaccount",
                "account.view_emailaddress",
            ]
        groups = {}
        for name, labels in plan.items():
            g = Group.objects.create(name=name)
            g.permissions.set([perm(x) for x in labels])
            groups[name] = g
        return groups

    def direct_perms(self):
        from django.contrib.auth.models import Permission

        user_app = self.User._meta.app_label
        user_model = self.User._meta.model_name
        return {
            "direct1": Permission.objects.get(
                content_type__app_label="auth", codename="add_group"
            ),
            # also granted through the Editors group: must appear once
            "direct_dup": Permission.objects.get(
                content_type__app_label=user_app, codename=f"view_{user_model}"
            ),
        }

    def make_apps(self):
        from allauth.socialaccount.models import SocialApp
        from django.contrib.sites.models import Site

        site = Site.objects.get(pk=1)
        self.apps = {}
        gh = SocialApp.objects.create(
            provider="github", name="GitHub", client_id="Iv1.fixture0github01",
            secret="CANARY-APP-SECRET-github", settings={},
        )
        gh.sites.add(site)
        go = SocialApp.objects.create(
            provider="google", name="Google",
            client_id="123456789012-fixture.apps.googleusercontent.com",
            secret="CANARY-APP-SECRET-google", settings={"scope": ["profile", "email"]},
        )
        go.sites.add(site)
        oidc = SocialApp.objects.create(
            provider="openid_connect", provider_id="corp-sso", name="Corp SSO",
            client_id="authconsole-fixture", secret="CANARY-APP-SECRET-corp-sso",
            settings={"server_url": "https://sso.corp.example/realms/main"},
        )
        oidc.sites.add(site)
        gl = SocialApp.objects.create(
            provider="gitlab", name="GitLab (not on any site)",
            client_id="fixture-gitlab-app", secret="CANARY-APP-SECRET-gitlab",
            settings={"gitlab_url": "https://gitlab.example"},
        )  # deliberately linked to no site
        self.apps = {"github": gh, "google": go, "corp-sso": oidc, "gitlab": gl}

    def new_uid(self, provider):
        rng = self.rng
        taken = self.uids.setdefault(provider, set())
        while True:
            if provider == "github":
                uid = str(rng.randrange(1_000_000, 99_999_999))
            elif provider == "google":
                uid = str(rng.randrange(10**20, 10**21))
            elif provider == "gitlab":
                uid = str(rng.randrange(1000, 9_999_999))
            else:
                uid = str(uuid.UUID(int=rng.getrandbits(128), version=4))
            if uid not in taken:
                taken.add(uid)
                return uid

    def make_accounts(self, spec, user):
        rng = self.rng
        accounts = spec.get("accounts")
        if accounts is None:
            accounts = []
            if rng.random() < 0.62:
                k = rng.choices([1, 2, 3], [75, 18, 7])[0]
                chosen = []
                while len(chosen) < k:
                    p = rng.choices(PROVIDERS, PROVIDER_WEIGHTS)[0]
                    if p not in chosen:
                        chosen.append(p)
                accounts = [{"provider": p} for p in chosen]
            # hostile uids / extra_data for the hostile users
            hk = spec["key"]
            if hk in HOSTILE_ACCOUNTS:
                accounts = [dict(a) for a in HOSTILE_ACCOUNTS[hk]]
                for acc in accounts:
                    if self.name != "default" and acc.get("extra_data") is _huge_extra:
                        # the ~300 KB document lives in the default fixture only
                        acc["extra_data"] = {"login": "not-huge-here"}
            elif hk.startswith("acc_"):
                accounts = [{"provider": "github"}]
        for a in accounts:
            self.add_account(user, a)

    def add_account(self, user, a):
        from allauth.socialaccount.models import SocialAccount, SocialToken

        rng = self.rng
        provider = a["provider"]
        uid = a.get("uid") or self.new_uid(provider)
        if self.nul_stand_in is not None:
            uid = uid.replace("\x00", self.nul_stand_in)
        self.uids.setdefault(provider, set()).add(uid)
        extra = a["extra_data"] if "extra_data" in a else self.default_extra(provider, uid, user)
        if callable(extra):
            extra = extra()
        if "last_login" not in a and user.date_joined <= BULK_IMPORT_AT and rng.random() < 0.08:
            # a batch linked in one transaction: identical timestamps (sort ties)
            joined = last = BULK_IMPORT_AT
        elif "last_login" in a:
            last = a["last_login"]
            joined = rand_dt(rng, min(user.date_joined, last), last)
        else:
            joined = rand_dt(rng, user.date_joined, max(NOW, user.date_joined))
            last = rand_dt(rng, joined, max(NOW, joined))
        acc = SocialAccount.objects.create(user=user, provider=provider, uid=uid, extra_data=extra)
        # date_joined is auto_now_add and last_login auto_now: set them with
        # update(), which bypasses pre_save.
        SocialAccount.objects.filter(pk=acc.pk).update(date_joined=joined, last_login=last)
        want_token = a.get("token", rng.random() < 0.3)
        if want_token:
            self.token_seq += 1
            n = self.token_seq
            app = self.apps.get(provider)
            if app is not None and rng.random() < 0.15:
                app = None  # settings-configured app: app_id NULL
            r = rng.random()
            expires = None if r < 0.3 else rand_dt(rng, NOW - 10 * DAY, NOW + 10 * DAY)
            SocialToken.objects.create(
                app=app, account=acc, token=f"CANARY-TOKEN-{n:04d}",
                token_secret=f"CANARY-REFRESH-{n:04d}" if rng.random() < 0.6 else "",
                expires_at=expires,
            )
        return acc

    def default_extra(self, provider, uid, user):
        name = getattr(user, "username", None) or user.email.split("@")[0]
        num = int(uid) if uid.isascii() and uid.isdigit() else uid
        if provider == "github":
            return {"id": num, "login": name, "avatar_url": f"https://avatars.example/u/{uid}",
                    "html_url": f"https://github.example/{uid}", "name": name}
        if provider == "google":
            return {"sub": uid, "email": user.email, "email_verified": True, "name": name,
                    "picture": f"https://lh3.example/{uid}.png"}
        if provider == "gitlab":
            return {"id": num, "username": name, "web_url": f"https://gitlab.example/{uid}"}
        return {"userinfo": {"sub": uid, "preferred_username": name, "email": user.email},
                "id_token": {"sub": uid, "iss": "https://sso.corp.example/realms/main"}}

    def make_emails(self, spec, user):
        from allauth.account.models import EmailAddress

        rng = self.rng
        plan = spec.get("emails")
        if plan is None:
            plan = []
            if user.email and rng.random() < 0.85:
                verified = rng.random() < 0.75
                primary = rng.random() < 0.9
                plan.append((user.email.lower(), verified, primary))
                if rng.random() < 0.12:
                    local = "alt" + str(spec["pk"])
                    plan.append((f"{local}@example.net", rng.random() < 0.5, False))
        for email, verified, primary in plan:
            if verified and email in self.verified_emails:
                verified = False  # unique_verified_email: one verified row per address
            if verified:
                self.verified_emails.add(email)
            EmailAddress.objects.create(user=user, email=email, verified=verified, primary=primary)


def _ascii_local(text, key):
    """Email local part for auth_user fixtures (hostile text mostly lives in
    the username there; a few hostile users carry it in the email too)."""
    if key in dict(HOSTILE):
        return "user." + key.replace("_", "-")
    if key == "long":
        return "long.user"
    return text


def _huge_extra():
    # ~300 KB, deterministic
    repos = [
        {"id": i, "name": f"repo-{i:05d}", "description": "lorem ipsum " * 16,
         "topics": ["fixture", "huge", f"t{i % 7}"]}
        for i in range(1100)
    ]
    return {"login": "huge", "repos": repos}


def _deep_extra(depth=200):
    node = {"leaf": "bottom"}
    for i in range(depth - 1):
        node = {"level": depth - 1 - i, "child": node} if i % 2 else [node]
    return node


def _json_null():
    from django.db.models import JSONField, Value

    return Value(None, output_field=JSONField())


HOSTILE_ACCOUNTS = {
    "esc_clear": [{"provider": "github", "uid": "uid-\x1b[2J-clear",
                   "extra_data": {"name": "\x1b[2J\x1b[H", "login": "\x1b[31mred"}}],
    "osc_title": [{"provider": "github", "uid": "7001001", "extra_data": _huge_extra},
                  {"provider": "google", "uid": "osc\x1b]0;pwned\x07uid"}],
    "osc52": [{"provider": "gitlab", "uid": "osc52\x1b]52;c;ZXZpbA==\x07",
               "extra_data": {"name": "\x1b]52;c;ZXZpbA==\x07",
                              "avatar_url": "https://evil.example/\x1b[2J.png",
                              "html_url": "javascript:alert(1)"}}],
    "csi8": [{"provider": "google", "uid": "\x9b31m-csi8", "extra_data": [1, "two", {"three": 3}, None]}],
    "bidi_override": [{"provider": "corp-sso", "uid": "\u202euid-rtl-override", "extra_data": "just a string \x1b[31m"}],
    "bidi_isolate": [{"provider": "github", "uid": "\u2066iso\u2069-uid", "extra_data": _json_null}],
    "cjk": [{"provider": "github", "uid": "\u5c71\u7530-4242"}, {"provider": "gitlab"}],
    "emoji": [{"provider": "google", "uid": "\U0001f600-uid", "extra_data": _deep_extra}],
    "combining": [{"provider": "corp-sso", "uid": "caf\u0065\u0301-uid"}],
    "arabic": [{"provider": "corp-sso", "uid": "\u0645\u0633\u062a\u062e\u062f\u0645-uid"}],
    "hebrew": [],
    "percent_underscore": [{"provider": "github", "uid": "100%_uid"}],
    "backslash": [{"provider": "gitlab", "uid": "back\\slash\\uid"}],
    "quote_single": [{"provider": "google", "uid": "o'uid"}],
    "quote_double": [{"provider": "google", "uid": 'q"uid"'}],
    "controls": [{"provider": "keycloak", "uid": "nul\x00after-nul", "extra_data": {}},
                 {"provider": "github", "uid": "tab\tuid\nnl"}],
    "c1_del": [{"provider": "gitlab", "uid": "del\x7fuid\x85"}],
}


# --------------------------------------------------------------------------
# expected figures, all from the ORM


class Oracle:
    def __init__(self, name, builder):
        from django.apps import apps
        from django.contrib.auth import get_user_model

        self.name = name
        self.builder = builder
        self.User = get_user_model()
        self.has_allauth = apps.is_installed("allauth.socialaccount")
        field_names = {f.name for f in self.User._meta.concrete_fields}
        self.has_username = "username" in field_names
        self.has_staff = "is_staff" in field_names
        self.has_superuser = "is_superuser" in field_names

    def compute(self):
        import django

        allauth_version = None
        if self.has_allauth:
            import allauth

            allauth_version = allauth.__version__
        return {
            "django_version": django.get_version(),
            "allauth_version": allauth_version,
            "now": iso(NOW),
            "user_table": self.User._meta.db_table,
            "has_allauth": self.has_allauth,
            "stats": self.stats(),
            "account_queries": self.account_queries() if self.has_allauth else [],
            "users": [self.user_entry(pk) for pk in self.builder.interesting],
        }

    def stats(self):
        from django.db.models import Count, Max
        from django.db.models.functions import TruncDate

        U = self.User
        since7 = NOW - 7 * DAY
        since30 = NOW - 30 * DAY
        out = {
            "total_users": U.objects.count(),
            "new_7d": U.objects.filter(date_joined__gte=since7).count(),
            "staff": U.objects.filter(is_staff=True).count() if self.has_staff else None,
            "superusers": U.objects.filter(is_superuser=True).count() if self.has_superuser else None,
            "active": U.objects.filter(is_active=True).count(),
        }
        if self.has_allauth:
            from allauth.socialaccount.models import SocialAccount, SocialApp

            out["oauth_users"] = U.objects.filter(socialaccount__isnull=False).distinct().count()
            configured = {
                (pid if pid else prov)
                for prov, pid in SocialApp.objects.values_list("provider", "provider_id")
            }
            configured |= set(
                SocialAccount.objects.values_list("provider", flat=True).distinct()
            )
            out["providers_configured"] = len(configured)
        else:
            out["oauth_users"] = 0
            out["providers_configured"] = 0

        for n in (30, 90):
            first = NOW.date() - (n - 1) * DAY
            rows = (
                U.objects.annotate(day=TruncDate("date_joined", tzinfo=UTC))
                .filter(day__gte=first, day__lte=NOW.date())
                .values("day")
                .annotate(c=Count("pk"))
                .order_by("day")
            )
            by_day = {r["day"]: r["c"] for r in rows}
            out[f"signups_per_day_{n}"] = [
                {"date": (first + i * DAY).isoformat(), "count": by_day.get(first + i * DAY, 0)}
                for i in range(n)
            ]

        providers = {}
        if self.has_allauth:
            from allauth.socialaccount.models import SocialAccount

            names = (
                SocialAccount.objects.order_by("provider")
                .values_list("provider", flat=True)
                .distinct()
            )
            for p in names:
                qs = SocialAccount.objects.filter(provider=p)
                providers[p] = {
                    "account_count": qs.count(),
                    "active_users_30d": U.objects.filter(
                        socialaccount__provider=p, last_login__gte=since30
                    ).distinct().count(),
                    "provider_logins_30d": U.objects.filter(
                        socialaccount__provider=p, socialaccount__last_login__gte=since30
                    ).distinct().count(),
                    "last_linked": iso(qs.aggregate(m=Max("date_joined"))["m"]),
                }
        out["providers"] = providers
        return out

    # ---- account list queries
    SORT_FIELDS = {
        "id": "id",
        "user_id": "user_id",
        "username": "user__username",
        "email": "user__email",
        "provider": "provider",
        "uid": "uid",
        "date_joined": "date_joined",
        "last_login": "last_login",
    }

    def query_plan(self):
        sorts = [s for s in self.SORT_FIELDS if self.has_username or s != "username"]
        plan = []
        for s in sorts:
            for d in ("", "-"):
                plan.append(dict(sort=d + s))
        plan += [
            dict(page=2),
            dict(page="last"),
            dict(page_size=10),
            dict(page_size=10, page=3),
            dict(page_size=10, page="last"),
            dict(page_size=100),
            dict(page_size=100, page="last"),
        ]
        searches = [
            "a", "GIT", "%", "_", "\\", "'", '"', "\u00e9", "\u00fc", "\u00dc", "e\u0301",
            "@example", "@EXAMPLE.COM", "42", "zzz-no-such-thing-zzz", "\x1b", "\x1b]52",
            "\u202e", "\u5c71\u7530", "\U0001f469", "\U0001f600", "nul", "after-nul",
            "\t", "\n", "\x9b", "long-xxxxx", "SMITH", "31337", "shared@",
        ]
        for s in searches:
            plan.append(dict(search=s))
        plan += [
            dict(search="a", page=2),
            dict(search="a", sort="email"),
            dict(search="a", sort="-email"),
            dict(search="a", sort="uid", page_size=10, page=2),
        ]
        if self.has_username:
            plan.append(dict(search="a", sort="username"))
            plan.append(dict(search="GIT", sort="-username"))
        for p in ("github", "google", "gitlab", "corp-sso", "keycloak", "openid_connect", "facebook"):
            plan.append(dict(provider=p))
        plan += [
            dict(provider="github", search="a"),
            dict(provider="gitlab", search="GIT"),
            dict(provider="google", search="@example", page_size=10, page=2),
            dict(provider="github", search="42", sort="uid"),
            dict(provider="corp-sso", sort="-last_login", page_size=10, page=2),
            dict(provider="keycloak", search="nul"),
            dict(provider="facebook", search="a"),
        ]
        return plan

    def account_queries(self):
        from allauth.socialaccount.models import SocialAccount
        from django.core.paginator import Paginator
        from django.db.models import Q

        out = []
        for q in self.query_plan():
            search = q.get("search")
            provider = q.get("provider")
            sort = q.get("sort", "-date_joined")
            page_size = q.get("page_size", 25)
            qs = SocialAccount.objects.select_related("user")
            if search is not None:
                cond = Q(user__email__icontains=search) | Q(uid__icontains=search)
                if self.has_username:
                    cond |= Q(user__username__icontains=search)
                qs = qs.filter(cond)
            if provider is not None:
                qs = qs.filter(provider=provider)
            desc = sort.startswith("-")
            field = self.SORT_FIELDS[sort.lstrip("-")]
            pre = "-" if desc else ""
            order = [pre + field] + ([] if field == "id" else [pre + "id"])
            qs = qs.order_by(*order)
            paginator = Paginator(qs, page_size)
            page_no = q.get("page", 1)
            if page_no == "last":
                page_no = paginator.num_pages
            page = paginator.page(page_no)
            out.append({
                "search": search,
                "provider": provider,
                "sort": sort,
                "page": page_no,
                "page_size": page_size,
                "count": paginator.count,
                "num_pages": paginator.num_pages,
                "ids": [a.id for a in page.object_list],
            })
        return out

    # ---- user detail
    def user_entry(self, pk):
        from django.contrib.auth.backends import ModelBackend

        user = self.User.objects.get(pk=pk)
        entry = {
            "id": user.pk,
            "username": user.username if self.has_username else None,
            "email": user.email,
            "is_active": user.is_active,
            "is_staff": user.is_staff if self.has_staff else None,
            "is_superuser": user.is_superuser if self.has_superuser else None,
            "date_joined": iso(user.date_joined),
            "last_login": iso(user.last_login),
            "groups": sorted(user.groups.values_list("name", flat=True)),
            "permissions": sorted(ModelBackend().get_all_permissions(user)),
            "social_accounts": [],
            "emails": [],
        }
        if self.has_allauth:
            from allauth.account.models import EmailAddress
            from allauth.socialaccount.models import SocialAccount

            entry["social_accounts"] = [
                {"id": a.id, "provider": a.provider, "uid": a.uid,
                 "date_joined": iso(a.date_joined), "last_login": iso(a.last_login)}
                for a in SocialAccount.objects.filter(user=user).order_by("id")
            ]
            entry["emails"] = [
                {"email": e.email, "verified": e.verified, "primary": e.primary}
                for e in EmailAddress.objects.filter(user=user).order_by("id")
            ]
        return entry


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("outdir")
    ap.add_argument("--only", action="append", choices=NAMES)
    ap.add_argument("--child", choices=NAMES, help=argparse.SUPPRESS)
    ap.add_argument("--postgres", action="store_true",
                    help="build in PostgreSQL ($AUTHCONSOLE_FIXTURE_PG_PREFIX<name>) and write only the expected JSON")
    args = ap.parse_args()
    if args.child and args.postgres:
        child_postgres(args.child, os.path.abspath(args.outdir))
    elif args.child:
        child(args.child, os.path.abspath(args.outdir))
    else:
        run_all(args.outdir, args.only, postgres=args.postgres)


if __name__ == "__main__":
    main()
