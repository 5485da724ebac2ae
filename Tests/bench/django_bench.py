#!/usr/bin/env python3
"""Django's side of `authconsole bench`: one operation, timed RUNS times with the ORM the way the
original admin plugin does it (the widget's separate counts, Paginator with OFFSET, a
select_related queryset for the list, iterator() for an export).

    python django_bench.py DB OP RUNS RESULT_FILE [SEARCH_MANY SEARCH_NONE USER_ID MAX_SECONDS DEEP_PAGE]

Writes one wall time in seconds per line to RESULT_FILE; Django's import and setup are not timed.
Settings: Tests/Fixtures/django/settings/default.py with the database file from
$AUTHCONSOLE_FIXTURE_DB (set here from DB). When DB is a PostgreSQL URL (postgres://,
postgresql://, pgsql://, postgis://) or a libpq "key=value ..." string, DATABASES['default'] uses
Django's postgresql engine with the parts libpq parses from it (NAME, USER, HOST, PORT, PASSWORD;
the other keywords as OPTIONS); what DB leaves out libpq takes from PGHOST, PGPASSWORD, ~/.pgpass
and so on, as it does for psql. Needs psycopg.
"""
import csv
import datetime as dt
import os
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "Fixtures", "django"))

db, op, runs, result = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
many = sys.argv[5] if len(sys.argv) > 5 else "an"
none = sys.argv[6] if len(sys.argv) > 6 else "zzqx-no-match"
user_id = int(sys.argv[7]) if len(sys.argv) > 7 else 4242
max_seconds = float(sys.argv[8]) if len(sys.argv) > 8 else 20.0
deep = int(sys.argv[9]) if len(sys.argv) > 9 else 20000
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "settings.default")


def postgres_database(spec):
    """DATABASES['default'] for a PostgreSQL URL or libpq keyword string; None for an SQLite path."""
    scheme = spec.split("://", 1)[0].lower() if "://" in spec else None
    if scheme in ("pgsql", "postgis"):
        spec = "postgresql://" + spec.split("://", 1)[1]
    elif scheme not in ("postgres", "postgresql") and (scheme is not None or "=" not in spec or os.path.exists(spec)):
        return None
    from psycopg.conninfo import conninfo_to_dict  # libpq's own parser, as the console and psql use

    params = {k: str(v) for k, v in conninfo_to_dict(spec).items()}
    named = {"dbname": "NAME", "user": "USER", "password": "PASSWORD", "host": "HOST", "port": "PORT"}
    entry = {"ENGINE": "django.db.backends.postgresql", "OPTIONS": {}}
    for key, value in params.items():
        if key in named:
            entry[named[key]] = value
        else:
            entry["OPTIONS"][key] = value
    if "NAME" not in entry and "service" not in entry["OPTIONS"]:
        # Django insists on a NAME; libpq's default is $PGDATABASE, else the user name.
        import getpass

        entry["NAME"] = os.environ.get("PGDATABASE") or entry.get("USER") or os.environ.get("PGUSER") or getpass.getuser()
    return entry


pg = postgres_database(db)
if pg is None:
    os.environ["AUTHCONSOLE_FIXTURE_DB"] = db

import django  # noqa: E402
from django.conf import settings  # noqa: E402

if pg is not None:
    settings.DATABASES = {"default": pg}
django.setup()

from allauth.account.models import EmailAddress  # noqa: E402
from allauth.socialaccount.models import SocialAccount, SocialApp  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.backends import ModelBackend  # noqa: E402
from django.core.paginator import Paginator  # noqa: E402
from django.db.models import Count, Max, Q  # noqa: E402
from django.db.models.functions import TruncDate  # noqa: E402

U = get_user_model()
UTC = dt.timezone.utc
NOW = dt.datetime(2026, 6, 15, 12, 0, 0, tzinfo=UTC)
DAY = dt.timedelta(days=1)


def providers():
    since30 = NOW - 30 * DAY
    out = {}
    for p in SocialAccount.objects.order_by("provider").values_list("provider", flat=True).distinct():
        qs = SocialAccount.objects.filter(provider=p)
        out[p] = (
            qs.count(),
            U.objects.filter(socialaccount__provider=p, last_login__gte=since30).distinct().count(),
            U.objects.filter(socialaccount__provider=p, socialaccount__last_login__gte=since30).distinct().count(),
            qs.aggregate(m=Max("date_joined"))["m"],
        )
    return out


def dashboard():
    since7 = NOW - 7 * DAY
    out = [
        U.objects.count(),
        U.objects.filter(date_joined__gte=since7).count(),
        U.objects.filter(is_staff=True).count(),
        U.objects.filter(is_superuser=True).count(),
        U.objects.filter(is_active=True).count(),
        U.objects.filter(socialaccount__isnull=False).distinct().count(),
        {(pid or prov) for prov, pid in SocialApp.objects.values_list("provider", "provider_id")}
        | set(SocialAccount.objects.values_list("provider", flat=True).distinct()),
    ]
    first = NOW.date() - 89 * DAY
    out.append(list(
        U.objects.annotate(day=TruncDate("date_joined", tzinfo=UTC))
        .filter(day__gte=first, day__lte=NOW.date()).values("day").annotate(c=Count("pk")).order_by("day")))
    out.append(providers())
    return out


def accounts(search=None, order=("-date_joined", "-id")):
    qs = SocialAccount.objects.select_related("user")
    if search is not None:
        qs = qs.filter(Q(user__email__icontains=search) | Q(uid__icontains=search) | Q(user__username__icontains=search))
    return qs.order_by(*order)


def page(number, **kw):
    return [(a.id, a.user.username, a.user.email) for a in Paginator(accounts(**kw), 25).page(number).object_list]


def user():
    u = U.objects.get(pk=user_id)
    return (u.username, sorted(u.groups.values_list("name", flat=True)), sorted(ModelBackend().get_all_permissions(u)),
            list(SocialAccount.objects.filter(user=u).order_by("id").values_list("id", "provider", "uid")),
            list(EmailAddress.objects.filter(user=u).order_by("id").values_list("email", "verified", "primary")))


def export():
    with open(os.devnull, "w", newline="") as f:
        w = csv.writer(f)
        for a in accounts().iterator(chunk_size=2000):
            w.writerow([a.id, a.user_id, a.user.username, a.user.email, a.provider, a.uid, a.date_joined, a.last_login])


OPS = {
    "dashboard": dashboard,
    "providers": providers,
    "first-page": lambda: page(1),
    "deep-page": lambda: page(deep),
    "next-page": lambda: page(deep + 1),
    "previous-page": lambda: page(deep - 1),
    "sort-change": lambda: page(1, order=("user__username", "id")),
    "search-many": lambda: page(1, search=many),
    "search-none": lambda: page(1, search=none),
    "search-count": lambda: Paginator(accounts(search=many), 25).count,
    "open-user": user,
    "export": export,
}

fn = OPS[op]
times = []
started = time.perf_counter()
while len(times) < runs:
    t = time.perf_counter()
    fn()
    times.append(time.perf_counter() - t)
    if time.perf_counter() - started > max_seconds:
        break
# This process's own peak (VmHWM is per address space, so unlike wait4's maxrss it does not
# include the spawning process's memory, which Linux counts in at exec).
peak = next((line.split()[1] for line in open("/proc/self/status") if line.startswith("VmHWM:")), None)
with open(result, "w") as f:
    f.write("".join(f"{t:.6f}\n" for t in times))
    if peak:
        f.write(f"peak_kb {peak}\n")
