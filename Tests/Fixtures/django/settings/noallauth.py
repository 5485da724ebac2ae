"""Plain Django: auth, contenttypes, sessions, admin (+messages, which admin
needs). No django.contrib.sites, no allauth."""
from ._base import *  # noqa: F401,F403
from ._base import DJANGO_CORE_APPS

INSTALLED_APPS = list(DJANGO_CORE_APPS)
