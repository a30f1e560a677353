"""Feeds answer programs that poll them: ETag and Last-Modified, 304 while nothing
changed, and Cache-Control saying how long a copy may be used (atelier/conditional_feeds.py).
"""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.http import parse_http_date

from knowledge.models import Resource
from sessions_app.models import CalendarFeed
from value.models import ValueStory

from .factories import make_event, make_member, make_registration, make_resource, make_story
from .helpers import PUBLIC

pytestmark = pytest.mark.django_db

PUBLIC_FEEDS = {
    "calendar": lambda: reverse("agenda:feed"),
    "library": lambda: reverse("knowledge:feed"),
    "value stories": lambda: reverse("value:feed"),
}
# A change to what each feed shows.
CHANGES = {
    "calendar": lambda: make_event("nieuw-open-huis", kind=PUBLIC, days_ahead=3),
    "library": lambda: make_resource("Een nieuw stuk"),
    "value stories": lambda: make_story(make_member("verteller@example.org"), "public"),
}


@pytest.mark.parametrize("feed", PUBLIC_FEEDS)
def test_a_public_feed_gives_validators_and_may_be_kept_for_an_hour(client, feed):
    response = client.get(PUBLIC_FEEDS[feed]())
    assert response.status_code == 200
    assert response["ETag"]
    assert response["Last-Modified"]
    assert response["Cache-Control"] == "max-age=3600, public"


@pytest.mark.parametrize("feed", PUBLIC_FEEDS)
def test_a_public_feed_answers_304_while_nothing_changed(client, feed):
    url = PUBLIC_FEEDS[feed]()
    first = client.get(url)
    by_tag = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    by_date = client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert (by_tag.status_code, by_date.status_code) == (304, 304)
    assert by_tag.content == b""
    assert by_tag["Cache-Control"] == "max-age=3600, public"


@pytest.mark.parametrize("feed", ["library", "value stories"])
def test_last_modified_is_when_the_feed_was_first_given_out_not_its_newest_entry(client, feed):
    # Django's feeds date themselves by their newest entry. Sent back as If-Modified-Since,
    # that date is older than the moment the validator was first given out, so a feed
    # whose newest entry was a second older than its first request never answered 304 to
    # it (a test that made an item and asked at once failed now and then).
    CHANGES[feed]()
    an_hour_ago = timezone.now() - timedelta(hours=1)
    Resource.objects.update(published_at=an_hour_ago, updated_at=an_hour_ago)
    ValueStory.objects.update(created_at=an_hour_ago, updated_at=an_hour_ago)
    url = PUBLIC_FEEDS[feed]()
    first = client.get(url)
    assert parse_http_date(first["Last-Modified"]) > an_hour_ago.timestamp() + 60
    by_date = client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert by_date.status_code == 304


@pytest.mark.parametrize("feed", PUBLIC_FEEDS)
def test_a_public_feed_answers_in_full_again_after_a_change(client, feed):
    url = PUBLIC_FEEDS[feed]()
    first = client.get(url)
    CHANGES[feed]()
    again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 200
    assert again["ETag"] != first["ETag"]
    assert again.content != first.content


def test_a_personal_feed_is_kept_only_by_its_program_and_answers_304(client):
    feed = CalendarFeed.objects.create(user=make_member())
    url = reverse("agenda:personal_feed", args=[feed.token])
    first = client.get(url)
    assert first["Cache-Control"] == "max-age=3600, private"
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304


def test_a_personal_feed_answers_in_full_after_a_registration(client):
    member = make_member()
    feed = CalendarFeed.objects.create(user=member)
    url = reverse("agenda:personal_feed", args=[feed.token])
    first = client.get(url)
    make_registration(make_event("intervisie", days_ahead=5), member)
    again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 200
    assert b"intervisie" in again.content


def test_one_members_validator_never_answers_for_anothers_feed(client):
    mine = CalendarFeed.objects.create(user=make_member("een@example.org"))
    theirs = CalendarFeed.objects.create(user=make_member("ander@example.org"))
    first = client.get(reverse("agenda:personal_feed", args=[mine.token]))
    other = client.get(
        reverse("agenda:personal_feed", args=[theirs.token]), HTTP_IF_NONE_MATCH=first["ETag"]
    )
    assert other.status_code == 200


def test_a_renewed_address_answers_404_not_304(client):
    feed = CalendarFeed.objects.create(user=make_member())
    url = reverse("agenda:personal_feed", args=[feed.token])
    first = client.get(url)
    feed.renew()
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 404
