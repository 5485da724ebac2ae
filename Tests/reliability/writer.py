#!/usr/bin/env python3
"""A live site's writer, for the reliability tests.

usage: writer.py DB MODE SECONDS [--orm] [--hold SECONDS]

MODE sql: inserts, with python3's sqlite3, a user and one social account (provider "livetest")
in ONE transaction, as fast as it can, for SECONDS. A reader that reads all its figures in one
snapshot always sees as many new livetest accounts as new users; one that reads them in two
snapshots sees them drift apart while this runs.
MODE orm: the same through the real Django ORM (User.objects.create + SocialAccount) in
transaction.atomic(); needs Django and django-allauth importable (the oracle venv's python).
MODE hold: takes an EXCLUSIVE lock (BEGIN EXCLUSIVE plus one insert) and holds it SECONDS, then
rolls back: readers in rollback-journal mode are locked out the whole time.
Prints "ready" once its first transaction has committed (or the lock is held), and the number of
transactions committed at the end.
"""
import sqlite3
import sys
import time

db, mode, seconds = sys.argv[1], sys.argv[2], float(sys.argv[3])
NOW = "2026-06-15 11:00:00"
# Between transactions: a busy site (hundreds of signups a second), yet readers get a turn in
# rollback-journal mode, where each commit locks them out.
PAUSE = 0.002


def sql_writer():
    con = sqlite3.connect(db, timeout=30, isolation_level=None)
    n = 0
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        con.execute("BEGIN IMMEDIATE")
        cur = con.execute(
            "INSERT INTO auth_user (password, last_login, is_superuser, username, last_name, email,"
            " is_staff, is_active, date_joined, first_name) VALUES ('!', ?, 0, ?, '', ?, 0, 1, ?, '')",
            (NOW, "live-%d-%f" % (n, time.time()), "live%d@example.com" % n, NOW),
        )
        uid = cur.lastrowid
        con.execute(
            "INSERT INTO socialaccount_socialaccount (provider, uid, last_login, date_joined, user_id,"
            " extra_data) VALUES ('livetest', ?, ?, ?, ?, '{}')",
            ("uid-%d-%f" % (n, time.time()), NOW, NOW, uid),
        )
        con.execute("COMMIT")
        n += 1
        time.sleep(PAUSE)
        if n == 1:
            print("ready", flush=True)
    print(n, flush=True)


def orm_writer():
    import django
    from django.conf import settings

    settings.configure(
        INSTALLED_APPS=[
            "django.contrib.auth", "django.contrib.contenttypes", "django.contrib.sites",
            "allauth", "allauth.account", "allauth.socialaccount",
        ],
        DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": db,
                               "OPTIONS": {"timeout": 30}}},
        MIDDLEWARE=["allauth.account.middleware.AccountMiddleware"],
        USE_TZ=True, SITE_ID=1,
    )
    django.setup()
    from datetime import datetime, timezone
    from django.contrib.auth import get_user_model
    from django.db import transaction
    from allauth.socialaccount.models import SocialAccount

    User = get_user_model()
    when = datetime(2026, 6, 15, 11, 0, tzinfo=timezone.utc)
    n = 0
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with transaction.atomic():
            u = User.objects.create(username="orm-%d-%f" % (n, time.time()), email="orm%d@example.com" % n,
                                    date_joined=when, last_login=when)
            SocialAccount.objects.create(user=u, provider="livetest", uid="orm-%d-%f" % (n, time.time()),
                                         last_login=when, date_joined=when, extra_data={})
        n += 1
        time.sleep(PAUSE)
        if n == 1:
            print("ready", flush=True)
    print(n, flush=True)


def holder():
    con = sqlite3.connect(db, timeout=30, isolation_level=None)
    con.execute("BEGIN EXCLUSIVE")
    con.execute(
        "INSERT INTO auth_user (password, is_superuser, username, last_name, email, is_staff, is_active,"
        " date_joined, first_name) VALUES ('!', 0, 'held-lock', '', '', 0, 1, ?, '')", (NOW,))
    print("ready", flush=True)
    time.sleep(seconds)
    con.execute("ROLLBACK")
    print(0, flush=True)


{"sql": sql_writer, "orm": orm_writer, "hold": holder}[mode]()
