#!/usr/bin/env python3
"""Convenience entry point, e.g.
    DJANGO_SETTINGS_MODULE=settings.custom python manage.py makemigrations people
"""
import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "settings.default")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
