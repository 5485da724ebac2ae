#!/usr/bin/env python3
"""Second opinion on the oracle: recompute <name>.expected.json from
<name>.sqlite3 with hand-written SQL (Python stdlib sqlite3 only, no Django)
and report every difference.

    python3 crosscheck.py DIR       (DIR holds the *.sqlite3 / *.expected.json)

This produces no expected values; the ORM output of make_fixtures.py is the
truth. A difference means either the oracle or this SQL is wrong, and it
usually shows a semantic trap the Swift console must also get right. The SQL
here is a reasonable model for the console's own queries.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
import sys

SORTS = {
    "id": "sa.id", "user_id": "sa.user_id", "username": "u.username", "email": "u.email",
    "provider": "sa.provider", "uid": "sa.uid", "date_joined": "sa.date_joined",
    "last_login": "sa.last_login",
}


def iso(text):
    """Django's SQLite datetime text (UTC) -> the oracle's ISO form."""
    if text is None:
        return None
    return text.replace(" ", "T") + "Z"


def db_text(d):
    """ISO instant -> Django's SQLite storage form (microseconds only if != 0)."""
    return str(d.astimezone(dt.timezone.utc).replace(tzinfo=None))


def like_escape(s):
    return "%" + s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def check(dirpath, name):
    with open(os.path.join(dirpath, name + ".expected.json"), encoding="ascii") as f:
        exp = json.load(f)
    con = sqlite3.connect(f"file:{os.path.join(dirpath, name + '.sqlite3')}?mode=ro", uri=True)
    q = lambda sql, *a: con.execute(sql, a).fetchall()  # noqa: E731
    one = lambda sql, *a: q(sql, *a)[0][0]  # noqa: E731
    T = exp["user_table"]
    cols = {r[1] for r in q(f'PRAGMA table_info("{T}")')}
    tables = {r[0] for r in q("SELECT name FROM sqlite_master WHERE type='table'")}
    has_allauth = "socialaccount_socialaccount" in tables
    now = dt.datetime.fromisoformat(exp["now"].replace("Z", "+00:00"))
    since7, since30 = db_text(now - dt.timedelta(days=7)), db_text(now - dt.timedelta(days=30))
    errors = []

    def same(label, got, want):
        if got != want:
            errors.append(f"{name}: {label}: sql={got!r} oracle={want!r}")

    st = exp["stats"]
    same("has_allauth", has_allauth, exp["has_allauth"])
    same("total_users", one(f'SELECT count(*) FROM "{T}"'), st["total_users"])
    same("new_7d", one(f'SELECT count(*) FROM "{T}" WHERE date_joined >= ?', since7), st["new_7d"])
    same("staff", one(f'SELECT count(*) FROM "{T}" WHERE is_staff') if "is_staff" in cols else None, st["staff"])
    same("superusers", one(f'SELECT count(*) FROM "{T}" WHERE is_superuser') if "is_superuser" in cols else None, st["superusers"])
    same("active", one(f'SELECT count(*) FROM "{T}" WHERE is_active'), st["active"])
    for n in (30, 90):
        first = now.date() - dt.timedelta(days=n - 1)
        counts = dict(q(f'SELECT substr(date_joined, 1, 10), count(*) FROM "{T}" GROUP BY 1'))
        got = [{"date": (first + dt.timedelta(days=i)).isoformat(),
                "count": counts.get((first + dt.timedelta(days=i)).isoformat(), 0)} for i in range(n)]
        same(f"signups_per_day_{n}", got, st[f"signups_per_day_{n}"])
    if has_allauth:
        same("oauth_users", one("SELECT count(DISTINCT user_id) FROM socialaccount_socialaccount"), st["oauth_users"])
        configured = {pid or prov for prov, pid in q("SELECT provider, provider_id FROM socialaccount_socialapp")}
        configured |= {p for (p,) in q("SELECT DISTINCT provider FROM socialaccount_socialaccount")}
        same("providers_configured", len(configured), st["providers_configured"])
        prov = {}
        for (p,) in q("SELECT DISTINCT provider FROM socialaccount_socialaccount ORDER BY 1"):
            prov[p] = {
                "account_count": one("SELECT count(*) FROM socialaccount_socialaccount WHERE provider = ?", p),
                "active_users_30d": one(
                    f'SELECT count(DISTINCT u.id) FROM socialaccount_socialaccount sa JOIN "{T}" u ON u.id = sa.user_id'
                    " WHERE sa.provider = ? AND u.last_login >= ?", p, since30),
                "provider_logins_30d": one(
                    "SELECT count(DISTINCT user_id) FROM socialaccount_socialaccount"
                    " WHERE provider = ? AND last_login >= ?", p, since30),
                "last_linked": iso(one("SELECT max(date_joined) FROM socialaccount_socialaccount WHERE provider = ?", p)),
            }
        same("providers", prov, st["providers"])
    else:
        same("oauth_users", 0, st["oauth_users"])
        same("providers", {}, st["providers"])

    for i, aq in enumerate(exp["account_queries"]):
        where, args = [], []
        if aq["search"] is not None:
            pat = like_escape(aq["search"])
            parts = ["u.email LIKE ? ESCAPE '\\'", "sa.uid LIKE ? ESCAPE '\\'"]
            if "username" in cols:
                parts.append("u.username LIKE ? ESCAPE '\\'")
            where.append("(" + " OR ".join(parts) + ")")
            args += [pat] * len(parts)
        if aq["provider"] is not None:
            where.append("sa.provider = ?")
            args.append(aq["provider"])
        w = (" WHERE " + " AND ".join(where)) if where else ""
        frm = f' FROM socialaccount_socialaccount sa JOIN "{T}" u ON u.id = sa.user_id'
        count = one("SELECT count(*)" + frm + w, *args)
        size = aq["page_size"]
        pages = max(1, -(-count // size))
        d = "DESC" if aq["sort"].startswith("-") else "ASC"
        col = SORTS[aq["sort"].lstrip("-")]
        order = f" ORDER BY {col} {d}" + ("" if col == "sa.id" else f", sa.id {d}")
        ids = [r[0] for r in q("SELECT sa.id" + frm + w + order + " LIMIT ? OFFSET ?",
                               *args, size, (aq["page"] - 1) * size)]
        same(f"account_queries[{i}] {aq['search']!r}/{aq['provider']}/{aq['sort']}",
             (count, pages, ids), (aq["count"], aq["num_pages"], aq["ids"]))

    all_perms = sorted(f"{a}.{c}" for a, c in q(
        "SELECT ct.app_label, p.codename FROM auth_permission p"
        " JOIN django_content_type ct ON ct.id = p.content_type_id"))
    m2m_user = {"auth_user": "auth_user", "people_person": "people_person"}[T]
    for ue in exp["users"]:
        uid = ue["id"]
        row = dict(zip(
            ["email", "is_active", "is_superuser", "date_joined", "last_login"],
            q(f'SELECT email, is_active, is_superuser, date_joined, last_login FROM "{T}" WHERE id = ?', uid)[0]))
        groups = sorted(n for (n,) in q(
            f"SELECT g.name FROM auth_group g JOIN {m2m_user}_groups ug ON ug.group_id = g.id"
            f" WHERE ug.{'user' if T == 'auth_user' else 'person'}_id = ?", uid))
        if not row["is_active"]:
            perms = []
        elif row["is_superuser"]:
            perms = all_perms
        else:
            fk = "user" if T == "auth_user" else "person"
            perms = sorted({f"{a}.{c}" for a, c in q(
                "SELECT ct.app_label, p.codename FROM auth_permission p"
                " JOIN django_content_type ct ON ct.id = p.content_type_id"
                f" WHERE p.id IN (SELECT permission_id FROM {m2m_user}_user_permissions WHERE {fk}_id = ?)"
                " OR p.id IN (SELECT gp.permission_id FROM auth_group_permissions gp"
                f" JOIN {m2m_user}_groups ug ON ug.group_id = gp.group_id WHERE ug.{fk}_id = ?)", uid, uid)})
        got = {
            "id": uid,
            "username": one(f'SELECT username FROM "{T}" WHERE id = ?', uid) if "username" in cols else None,
            "email": row["email"],
            "is_active": bool(row["is_active"]),
            "is_staff": bool(one(f'SELECT is_staff FROM "{T}" WHERE id = ?', uid)) if "is_staff" in cols else None,
            "is_superuser": bool(row["is_superuser"]),
            "date_joined": iso(row["date_joined"]),
            "last_login": iso(row["last_login"]),
            "groups": groups,
            "permissions": perms,
            "social_accounts": [
                {"id": a, "provider": p, "uid": u, "date_joined": iso(j), "last_login": iso(ll)}
                for a, p, u, j, ll in q("SELECT id, provider, uid, date_joined, last_login"
                                        " FROM socialaccount_socialaccount WHERE user_id = ? ORDER BY id", uid)
            ] if has_allauth else [],
            "emails": [
                {"email": e, "verified": bool(v), "primary": bool(p)}
                for e, v, p in q('SELECT email, verified, "primary" FROM account_emailaddress'
                                 " WHERE user_id = ? ORDER BY id", uid)
            ] if has_allauth else [],
        }
        same(f"user {uid}", got, ue)
    con.close()
    return errors


def main():
    d = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "db")
    errors = []
    for name in ("default", "custom", "noallauth"):
        errors += check(d, name)
    for e in errors:
        print(e)
    print(f"crosscheck: {len(errors)} difference(s)")
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
