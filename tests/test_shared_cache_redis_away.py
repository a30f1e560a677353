"""Redis stopped: every page is still served, built afresh (no 5xx), and nothing it held
before comes back stale when it returns (atelier/shared_cache.py).

The hard case is a Redis that comes back with what it held: a generation that could not
be bumped while it was away, or a session that could not be deleted at logout. Here the
test's Redis saves its data when stopped and loads it when started again, so only the
site's own care keeps those old values from being used.
"""

import pytest
from django.contrib.auth import SESSION_KEY
from django.core.cache import caches
from django.urls import reverse

from sessions_app.models import EventKind

from .factories import make_event, make_member
from .helpers import count_queries
from .redis_server import server_settings

pytestmark = pytest.mark.django_db


def page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_a_stopped_redis_reads_as_an_empty_cache_that_keeps_nothing(shared_redis):
    cache = caches["default"]
    cache.set("kept", 1)
    shared_redis.stop()

    assert cache.get("kept") is None
    assert cache.get("kept", "default") == "default"
    assert cache.get_many(["kept", "other"]) == {}
    assert "kept" not in cache
    assert cache.set_many({"kept": 2, "other": 3}) == ["kept", "other"]
    assert cache.delete("kept") is False
    # allauth's lock around a rate limit goes ahead: the attempt is not counted.
    assert cache.add("lock", True) is True
    with pytest.raises(ValueError):
        cache.incr("kept")


def test_a_value_that_could_not_be_changed_is_gone_when_redis_is_back(shared_redis):
    cache = caches["default"]
    cache.set_many({"generation": "old", "session": "signed in", "untouched": "same"})
    shared_redis.stop(save=True)
    cache.set("generation", "new")
    cache.delete("session")

    shared_redis.start()  # with what it held

    assert cache.get_many(["generation", "session", "untouched"]) == {"untouched": "same"}


def test_pages_are_served_and_built_afresh_while_redis_is_away(client, shared_redis):
    make_event("open-avond", kind=EventKind.PUBLIC, title="Open avond in Heerlen")
    agenda = reverse("agenda:upcoming")
    shared_redis.stop()

    for url in (agenda, reverse("home"), reverse("knowledge:library")):
        page(client, url)
    # Built each time: a page kept under a generation no other server knows would never
    # be found again.
    assert count_queries(client, agenda) > 0
    assert count_queries(client, agenda) > 0


def test_a_member_stays_signed_in_while_redis_is_away(client, shared_redis):
    member = make_member()
    client.force_login(member)
    shared_redis.stop()

    assert client.get(reverse("agenda:mine")).status_code == 200
    assert client.session[SESSION_KEY] == str(member.pk)


def test_logging_in_works_while_redis_is_away(client, shared_redis):
    """Rate limits count nothing while Redis is away, rather than refusing everyone."""
    make_member("lid@example.org")
    shared_redis.stop()
    response = client.post(
        reverse("account_login"), {"login": "lid@example.org", "password": "wrong"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors  # "wrong password", not "too many attempts"


def test_a_change_made_while_redis_was_away_is_served_when_it_is_back(
    client, settings, shared_redis
):
    event = make_event("open-avond", kind=EventKind.PUBLIC, title="Open avond in Heerlen")
    agenda = reverse("agenda:upcoming")
    for server in ("a", "b"):  # both keep the page, under the generations in Redis
        server_settings(settings, shared_redis.url, server)
        assert "Open avond in Heerlen" in page(client, agenda)
    shared_redis.stop(save=True)

    event.title = "Open avond in Sittard"
    event.save()  # the bump fails: Redis is away
    assert "Open avond in Sittard" in page(client, agenda)

    shared_redis.start()  # with the old generations; both servers still keep the old page
    assert "Open avond in Sittard" in page(client, agenda)
    server_settings(settings, shared_redis.url, "a")
    assert "Open avond in Sittard" in page(client, agenda)


def test_pages_are_kept_again_once_redis_is_back(client, shared_redis):
    make_event("open-avond", kind=EventKind.PUBLIC)
    agenda = reverse("agenda:upcoming")
    shared_redis.stop(save=True)
    page(client, agenda)
    shared_redis.start()

    page(client, agenda)
    assert count_queries(client, agenda) == 0


def test_a_session_ended_while_redis_was_away_does_not_come_back(client, shared_redis):
    client.force_login(make_member())
    page(client, reverse("agenda:mine"))  # the session is now in Redis too
    old_session = client.cookies["sessionid"].value
    shared_redis.stop(save=True)

    assert client.post(reverse("account_logout")).status_code == 302
    shared_redis.start()  # still holding the session

    client.cookies["sessionid"] = old_session
    response = client.get(reverse("agenda:mine"))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]
