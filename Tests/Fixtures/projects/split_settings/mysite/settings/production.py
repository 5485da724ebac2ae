"""Production settings: self-hosted GitLab sign-in, HTTPS behind a proxy."""
from .base import *  # noqa: F401,F403
from .base import SOCIALACCOUNT_PROVIDERS, env

DEBUG = False
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["console.example.test"])

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https"

SOCIALACCOUNT_PROVIDERS["gitlab"] = {
    "SCOPE": ["read_user", "openid", "email"],
    "APP": {
        "client_id": env("GITLAB_CLIENT_ID", default=""),
        "secret": env("GITLAB_SECRET", default=""),
        "settings": {
            "gitlab_url": "https://gitlab.example.org",
        },
    },
}
