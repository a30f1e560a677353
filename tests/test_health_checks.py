"""/health/ (the process answers) and /health/ready/ (database, shared cache and migrations),
for load balancers and rolling upgrades (atelier/readiness.py)."""

from unittest import mock

import pytest
from django.core.cache.backends.base import BaseCache
from django.db import OperationalError, connection, connections
from django.db.migrations.recorder import MigrationRecorder
from django.test import Client

from atelier.readiness import latest_migrations

from .test_settings import PRODUCTION_SECRET, shell

pytestmark = pytest.mark.django_db
ALL_OK = {"database": "ok", "cache": "ok", "migrations": "ok"}


class UnreachableCache(BaseCache):
    """A shared cache whose server is gone: every call raises, as Redis's client does."""

    def __init__(self, location, params):
        super().__init__(params)

    def _gone(self, *args, **kwargs):
        raise ConnectionError("Connection refused")

    get = set = add = delete = get_many = set_many = touch = incr = clear = has_key = _gone


def test_liveness_answers_ok_and_is_never_cached(client):
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.content == b"ok"
    assert "no-store" in response["Cache-Control"]


def test_ready_when_database_cache_and_migrations_are(client):
    response = client.get("/health/ready/")
    assert response.status_code == 200
    assert response.json() == ALL_OK
    assert "no-store" in response["Cache-Control"]


def test_not_ready_while_a_migration_of_this_code_is_not_applied(client):
    app, name = sorted(latest_migrations())[0]
    MigrationRecorder(connection).migration_qs.filter(app=app, name=name).delete()
    response = client.get("/health/ready/")
    assert response.status_code == 503
    assert response.json() == {**ALL_OK, "migrations": "failed"}


def test_not_ready_when_the_shared_cache_cannot_be_reached(client, settings, caplog):
    settings.CACHES = {
        **settings.CACHES,
        "default": {"BACKEND": "tests.test_health_checks.UnreachableCache"},
    }
    response = client.get("/health/ready/")
    assert response.status_code == 503
    assert response.json() == {**ALL_OK, "cache": "failed"}
    assert "Not ready: cache: ConnectionError: Connection refused" in caplog.text


def test_not_ready_and_not_live_when_the_database_raises():
    # The error an unreachable PostgreSQL gives; answered as the server answers it.
    client = Client(raise_request_exception=False)
    down = OperationalError("could not connect to server")
    with mock.patch.object(connections["default"], "cursor", side_effect=down):
        ready = client.get("/health/ready/")
        live = client.get("/health/")
    assert ready.status_code == 503
    assert ready.json() == {"database": "failed", "cache": "ok", "migrations": "failed"}
    # The database away is a wait, not a fault: the site's 503 page (atelier/views.py).
    assert live.status_code == 503


def test_probes_over_plain_http_are_not_sent_to_https_in_production(tmp_path):
    # A load balancer asks the app server itself, without the proxy's X-Forwarded-Proto.
    # A fresh database without tables: not ready, but answered rather than redirected.
    result = shell(
        "from django.test import Client\n"
        "client = Client(HTTP_HOST='leeratelier.example.org')\n"
        "print(client.get('/health/ready/').status_code, client.get('/over/').status_code)",
        tmp_path,
        PRODUCTION="true",
        SECRET_KEY=PRODUCTION_SECRET,
        ALLOWED_HOSTS="leeratelier.example.org",
        SITE_URL="https://leeratelier.example.org",
    )
    assert result.stdout.split() == ["503", "301"], result.stderr
