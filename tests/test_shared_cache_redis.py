"""Several app servers share one Redis (atelier/shared_cache.py): the page cache's
generations, rate limits and sessions hold across servers.

Each "server" here is the site with the same Redis and pages kept in a memory of its own
(tests/redis_server.py), as two gunicorn hosts would have.
"""

import threading

import pytest
from django.contrib.auth import SESSION_KEY
from django.test import RequestFactory
from django.urls import reverse

from atelier import ratelimit
from atelier.page_cache import GENERATION_KEY
from sessions_app.models import EventKind

from .conftest import run_threads
from .factories import make_event, make_member
from .helpers import count_queries
from .redis_server import server_settings

pytestmark = pytest.mark.django_db


def page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def redis_keys(server, pattern: str) -> list[str]:
    return [key.decode() for key in server.client().keys(pattern)]


def test_the_generations_live_in_redis(client, shared_redis):
    make_event("open-avond", kind=EventKind.PUBLIC)
    page(client, reverse("agenda:upcoming"))
    assert any(key.endswith(GENERATION_KEY + "agenda") for key in redis_keys(shared_redis, "*"))


def test_a_change_saved_through_one_server_is_served_by_the_other(client, settings, shared_redis):
    event = make_event("open-avond", kind=EventKind.PUBLIC, title="Open avond in Heerlen")
    agenda = reverse("agenda:upcoming")
    for server in ("a", "b"):  # each keeps the page in its own memory
        server_settings(settings, shared_redis.url, server)
        assert "Open avond in Heerlen" in page(client, agenda)
        assert count_queries(client, agenda) == 0

    server_settings(settings, shared_redis.url, "a")
    event.title = "Open avond in Sittard"
    event.save()

    server_settings(settings, shared_redis.url, "b")
    assert "Open avond in Sittard" in page(client, agenda)


def test_a_members_page_read_again_costs_no_query_the_session_comes_from_redis(
    client, shared_redis
):
    client.force_login(make_member())
    make_event("werkplaats")
    agenda = reverse("agenda:upcoming")
    assert count_queries(client, agenda) > 1
    assert count_queries(client, agenda) == 0
    assert redis_keys(shared_redis, "*django.contrib.sessions.cached_db*")


def test_a_session_started_on_one_server_holds_on_the_other(client, settings, shared_redis):
    member = make_member()
    client.force_login(member)
    server_settings(settings, shared_redis.url, "b")
    assert client.get(reverse("agenda:mine")).status_code == 200
    assert client.session[SESSION_KEY] == str(member.pk)


def test_rate_limits_count_the_attempts_on_every_server(client, settings, shared_redis):
    event = make_event("open-middag", kind=EventKind.PUBLIC)
    url = reverse("agenda:register_guest", args=[event.slug])
    data = {"name": "Gast", "email": "gast@example.org"}
    statuses = []
    for server in ("a", "b", "a", "b"):  # three per address in ten minutes
        server_settings(settings, shared_redis.url, server)
        statuses.append(client.post(url, data).status_code)
    assert statuses == [200, 200, 200, 429]


@pytest.mark.serial
def test_attempts_at_the_same_moment_are_each_counted_once(shared_redis):
    """Ten attempts with one e-mail address at once, from ten connections: the limit of
    three lets exactly three through (allauth counts under a lock taken with SET NX)."""
    start = threading.Barrier(10)
    allowed: list[bool] = []

    def attempt() -> None:
        request = RequestFactory().post("/", REMOTE_ADDR="192.0.2.7")
        start.wait(timeout=30)
        allowed.append(ratelimit.allow(request, "guest_registration", key="gast@example.org"))

    run_threads([threading.Thread(target=attempt) for _ in range(10)], timeout=60)
    assert sorted(allowed) == [False] * 7 + [True] * 3
