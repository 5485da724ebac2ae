"""Custom user model people.Person (email login, no username, no is_staff)
+ django.contrib.sites + django-allauth."""
from ._base import *  # noqa: F401,F403
from ._base import DJANGO_CORE_APPS, MIDDLEWARE

INSTALLED_APPS = DJANGO_CORE_APPS + [
    "django.contrib.sites",
    "people",
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
AUTH_USER_MODEL = "people.Person"

ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
