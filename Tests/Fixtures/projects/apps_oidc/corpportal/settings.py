"""Settings for the corporate portal: sign-in only through OpenID Connect."""
import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

SECRET_KEY = os.environ.get("SECRET_KEY", "django-insecure-corpportal-fixture")
DEBUG = False
ALLOWED_HOSTS = os.environ.get("ALLOWED_HOSTS", "console.example.test").split(",")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "allauth",
    "allauth.account",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
]
SITE_ID = 1

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "corpportal.urls"

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
    },
]

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": BASE_DIR / "db.sqlite3",
    }
}

AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]

USE_X_FORWARDED_HOST = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https"
SOCIALACCOUNT_ONLY = True
ACCOUNT_EMAIL_VERIFICATION = "none"
SOCIALACCOUNT_EMAIL_VERIFICATION = "none"

SOCIALACCOUNT_PROVIDERS = {
    "openid_connect": {
        # Provider-level default; an app's settings["scope"] replaces it.
        "SCOPE": ["openid", "profile", "email", "groups"],
        "OAUTH_PKCE_ENABLED": True,
        "APPS": [
            {
                "provider_id": "corp-sso",
                "name": "Corporate SSO",
                "client_id": os.getenv("CORP_SSO_CLIENT_ID", ""),
                "secret": os.getenv("CORP_SSO_CLIENT_SECRET", ""),
                "settings": {
                    "server_url": "https://sso.corp.example.com/realms/staff",
                    "token_auth_method": "client_secret_basic",
                },
            },
        ],
    },
}

# The partner identity provider is enabled only where its credentials exist.
if os.getenv("PARTNER_IDP_CLIENT_ID"):
    SOCIALACCOUNT_PROVIDERS["openid_connect"]["APPS"].append(
        {
            "provider_id": "partner-idp",
            "name": "Partner login",
            "client_id": os.getenv("PARTNER_IDP_CLIENT_ID"),
            "secret": os.getenv("PARTNER_IDP_CLIENT_SECRET"),
            "settings": {
                "server_url": "https://idp.partner.example.net/.well-known/openid-configuration",
                "scope": ["openid", "email"],
            },
        }
    )

LANGUAGE_CODE = "en-us"
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True
STATIC_URL = "static/"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
