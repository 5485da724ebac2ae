"""Settings of an app that moved from the removed `keycloak` provider to
`openid_connect` and kept its old callback URLs (no `oidc/` URL prefix)."""
import os

BASE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

SECRET_KEY = os.environ.get("SECRET_KEY", "django-insecure-legacyapp-fixture")
DEBUG = False
ALLOWED_HOSTS = ["console.example.test"]

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
    "allauth.socialaccount.providers.gitlab",
    "allauth.socialaccount.providers.openid_connect",
]
SITE_ID = 1

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
]

ROOT_URLCONF = "legacyapp.urls"

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
        "NAME": os.path.join(BASE_DIR, "db.sqlite3"),
    }
}

AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]

ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https"

# Keep the pre-0.60 URL layout: /accounts/<provider_id>/login/callback/
SOCIALACCOUNT_OPENID_CONNECT_URL_PREFIX = ""

# Legacy "SERVERS" format, as written for allauth < 0.55.
SOCIALACCOUNT_PROVIDERS = {
    "openid_connect": {
        "SCOPE": ["openid", "profile", "email", "roles"],
        "SERVERS": [
            {
                "id": "keycloak",
                "name": "Keycloak",
                "server_url": "https://id.legacyapp.example.com/realms/main/.well-known/openid-configuration",
                "token_auth_method": "client_secret_post",
                "APP": {
                    "client_id": os.environ.get("KEYCLOAK_CLIENT_ID", "legacyapp"),
                    "secret": os.environ.get("KEYCLOAK_CLIENT_SECRET", ""),
                },
            },
            {
                # Self-hosted GitLab used as a plain OIDC issuer. Its id is also
                # the slug of the (still installed) gitlab provider.
                "id": "gitlab",
                "name": "GitLab (OIDC)",
                "server_url": "https://git.legacyapp.example.com",
                "APP": {
                    "client_id": os.environ.get("GITLAB_OIDC_CLIENT_ID", ""),
                    "secret": os.environ.get("GITLAB_OIDC_CLIENT_SECRET", ""),
                },
            },
        ],
    },
}

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True
STATIC_URL = "/static/"
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"
