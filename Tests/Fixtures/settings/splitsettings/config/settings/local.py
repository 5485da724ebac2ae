from .base import *  # noqa
from .base import env

# GENERAL
# ------------------------------------------------------------------------------
DEBUG = True
SECRET_KEY = env(
    "DJANGO_SECRET_KEY",
    default="!!!SET DJANGO_SECRET_KEY!!!",
)
ALLOWED_HOSTS = ["localhost", "0.0.0.0", "127.0.0.1"]

# django-debug-toolbar
INSTALLED_APPS += ["debug_toolbar"]  # noqa F405

SOCIALACCOUNT_PROVIDERS["google"]["AUTH_PARAMS"]["prompt"] = "select_account"  # noqa F405

try:
    from .local_settings import *  # noqa
except ImportError:
    pass
