"""Settings with the mistakes most often seen in real allauth projects.

Every mistake here is deliberate; see Tests/Fixtures/projects/README.md.
"""
import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

SECRET_KEY = "django-insecure-brokensite-fixture"
DEBUG = False
ALLOWED_HOSTS = ["console.example.test"]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "allauth",
    "allauth.account",
    "allauth.socialaccount",
    # sites after socialaccount
    "django.contrib.sites",
    "allauth.socialaccount.providers.github",
    "allauth.socialaccount.providers.google",
    "allauth.socialaccount.providers.microsoft",
    # facebook is configured below but never installed
]
SITE_ID = 1

# allauth.account.middleware.AccountMiddleware is missing
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
]

ROOT_URLCONF = "brokensite.urls"

# No "django.template.context_processors.request"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": BASE_DIR / "db.sqlite3",
    }
}

# No AUTHENTICATION_BACKENDS: allauth's backend is not enabled.

# Behind a TLS-terminating proxy, but allauth is told to use http.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http"

SOCIALACCOUNT_PROVIDERS = {
    "github": {
        # Placeholder credentials copied from the allauth documentation, and
        # SCOPE inside APP (allauth ignores it there).
        # A SocialApp row for github also exists in the database.
        "APP": {
            "client_id": "123",
            "secret": "456",
            "key": "",
            "SCOPE": ["user:email", "read:org"],
        },
    },
    "google": {
        "APP": {
            "client_id": os.environ.get("GOOGLE_CLIENT_ID", ""),
            "secret": os.environ.get("GOOGLE_CLIENT_SECRET", ""),
        },
        "SCOPE": ["profile", "email"],
    },
    "microsoft": {
        # "tenant" belongs in APP["settings"]; here it is an unknown APP key.
        "APP": {
            "client_id": os.environ.get("MICROSOFT_CLIENT_ID", ""),
            "secret": os.environ.get("MICROSOFT_CLIENT_SECRET", ""),
            "tenant": "contoso.onmicrosoft.com",
        },
    },
    "facebook": {
        "METHOD": "oauth2",
        "SCOPE": ["email", "public_profile"],
        "APP": {
            "client_id": os.environ.get("FACEBOOK_APP_ID", ""),
            "secret": os.environ.get("FACEBOOK_APP_SECRET", ""),
        },
    },
    # The keycloak provider was removed in allauth 0.56.
    "keycloak": {
        "KEYCLOAK_URL": "https://keycloak.brokensite.example.com",
        "KEYCLOAK_REALM": "main",
        "APP": {
            "client_id": "brokensite",
            "secret": os.environ.get("KEYCLOAK_SECRET", ""),
        },
    },
}

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True
STATIC_URL = "static/"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
