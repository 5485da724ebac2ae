"""Development settings (not the module manage.py selects)."""
from .base import *  # noqa: F401,F403
from .base import SOCIALACCOUNT_PROVIDERS

DEBUG = True
ALLOWED_HOSTS = ["localhost", "127.0.0.1"]
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http"

SOCIALACCOUNT_PROVIDERS["gitlab"] = {
    "APP": {
        "client_id": "dev-gitlab-client",
        "secret": "",
        "settings": {"gitlab_url": "http://localhost:8929"},
    },
}
