# -*- coding: utf-8 -*-
import os

BASE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

SITE_URL = 'http://localhost:8000'
STATIC_URL = '/static/'

DATABASES = {
    'default': {
        'ENGINE': 'django.db.backends.sqlite3',
        'NAME': os.path.join(BASE_DIR, 'db.sqlite3'),
    }
}

SOCIALACCOUNT_PROVIDERS = {
    'persona': {
        'AUDIENCE': SITE_URL,
        'REQUEST_PARAMETERS': {'siteLogo': STATIC_URL + 'img/favicon.png'},
    },
}

try:
    from local_settings import *
except ImportError:
    pass
