"""Settings shared by the three fixture settings modules.

This project exists only to build SQLite fixtures with Django's real `migrate`
and to compute expected figures with the ORM. It is never served.
The database file comes from $AUTHCONSOLE_FIXTURE_DB; with
$AUTHCONSOLE_FIXTURE_PG_DB set, the database is that PostgreSQL database
instead (server, role and password from libpq's PGHOST, PGPORT, PGUSER,
PGPASSWORD), for make_fixtures.py --postgres.
"""
import os

SECRET_KEY = "authconsole-fixture-not-secret"
DEBUG = False
ALLOWED_HOSTS = ["localhost"]
USE_TZ = True
TIME_ZONE = "UTC"
USE_I18N = False
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"
ROOT_URLCONF = None

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": os.environ.get("AUTHCONSOLE_FIXTURE_DB", ":memory:"),
    }
}
if os.environ.get("AUTHCONSOLE_FIXTURE_PG_DB"):
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": os.environ["AUTHCONSOLE_FIXTURE_PG_DB"],
            # HOST, PORT, USER and PASSWORD left empty: libpq takes PGHOST etc.
        }
    }

DJANGO_CORE_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
]

MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
]

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    }
]

# Permissions in the expected JSON are ModelBackend's view of them.
AUTHENTICATION_BACKENDS = ["django.contrib.auth.backends.ModelBackend"]

# Fixed, fast hasher list; the fixture stores precomputed hash strings anyway.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
