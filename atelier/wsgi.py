"""WSGI entry point: `gunicorn atelier.wsgi`."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "atelier.settings")

application = get_wsgi_application()
