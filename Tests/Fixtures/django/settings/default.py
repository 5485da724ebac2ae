"""Stock Django user (auth_user) + django.contrib.sites + django-allauth."""
from ._base import *  # noqa: F401,F403
from ._base import DJANGO_CORE_APPS, MIDDLEWARE

INSTALLED_APPS = DJANGO_CORE_APPS + [
    "django.contrib.sites",
    "allauth",
    "allauth.account",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.github",
    "allauth.socialaccount.providers.google",
    "allauth.socialaccount.providers.gitlab",
    "allauth.socialaccount.providers.openid_connect",
]
MIDDLEWARE = MIDDLEWARE + ["allauth.account.middleware.AccountMiddleware"]
SITE_ID = 1
