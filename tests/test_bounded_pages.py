"""Pages whose work does not grow with the data: counts that stop at a limit, the
public calendar feed as a window, tag counts kept until tags change."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from atelier import bounded_paging
from sessions_app import feed_window

from .factories import make_event, make_member, make_resource
from .helpers import PUBLIC, vevents

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_off")]


@pytest.fixture
def counted_up_to_three(monkeypatch):
    monkeypatch.setattr(bounded_paging, "MAX_COUNTED", 3)


@pytest.mark.usefixtures("counted_up_to_three")
def test_a_long_list_says_more_than_and_counts_no_further(client):
    for number in range(5):
        make_resource(f"Werkvorm {number}", kind="tool")
    with CaptureQueriesContext(connection) as queries:
        page = client.get(reverse("knowledge:library"), {"soort": "tool"})
    assert "Meer dan 3 items gevonden" in page.content.decode()
    counts = [q["sql"] for q in queries if q["sql"].startswith("SELECT COUNT(*) FROM (SELECT")]
    assert counts and all("LIMIT 4" in sql for sql in counts)
    # Counted in no order, so the count stops at its bound instead of sorting every row.
    assert all("ORDER BY" not in sql for sql in counts)


@pytest.mark.usefixtures("counted_up_to_three")
def test_a_short_list_says_how_many_exactly(client):
    for number in range(3):
        make_resource(f"Werkvorm {number}", kind="tool")
    page = client.get(reverse("knowledge:library"), {"soort": "tool"})
    assert "3 items gevonden" in page.content.decode()
    assert "Meer dan" not in page.content.decode()


@pytest.mark.usefixtures("counted_up_to_three")
def test_the_directory_counts_no_further_than_the_limit(client):
    viewer = make_member("kijker@example.org")
    for number in range(5):
        make_member(f"lid{number}@example.org", display_name=f"Lid {number}")
    client.force_login(viewer)
    page = client.get(reverse("members:directory"))
    assert "Meer dan 3 leden" in page.content.decode()


def test_pages_past_the_counted_rows_are_not_offered(client, monkeypatch):
    monkeypatch.setattr(bounded_paging, "MAX_COUNTED", 20)
    now = timezone.now()
    for number in range(25):
        make_resource(f"Stuk {number:02d}", published_at=now - timedelta(days=number))
    page = client.get(reverse("knowledge:library"), {"pagina": "2"})
    assert page.context["page"].number == 1  # page 2 would lie past the counted 20
    assert not page.context["page"].has_next()


def test_the_archive_reads_a_bounded_number_of_events(client):
    for number in range(3):
        make_event(f"terugblik-{number}", kind=PUBLIC, days_ahead=-10 - number)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("agenda:archive")).status_code == 200
    events = [q["sql"] for q in queries if 'FROM "sessions_app_event"' in q["sql"]]
    assert events and all("LIMIT" in sql for sql in events)
    # Registrations counted per event in subqueries, not grouped over every past event.
    assert not any('GROUP BY "sessions_app_event"."id"' in sql for sql in events)


def test_the_public_feed_holds_a_window_with_a_maximum(client, monkeypatch):
    monkeypatch.setattr(feed_window, "COMING_MAX", 2)
    monkeypatch.setattr(feed_window, "PAST_MAX", 1)
    for days in (3, 1, 2):
        make_event(f"komend-{days}", kind=PUBLIC, days_ahead=days)
    make_event("net-geweest", kind=PUBLIC, days_ahead=-5)
    make_event("eerder-geweest", kind=PUBLIC, days_ahead=-6)
    make_event("lang-geleden", kind=PUBLIC, days_ahead=-feed_window.PAST_DAYS - 5)
    urls = [str(event["url"]) for event in vevents(client.get(reverse("agenda:feed")).content)]
    assert [url.rstrip("/").rsplit("/", 1)[-1] for url in urls] == [
        "net-geweest",
        "komend-1",
        "komend-2",
    ]


def test_the_tag_cloud_is_counted_once_until_tags_change(client):
    make_resource("Buurtwerk", tags=["buurt"])
    client.get(reverse("knowledge:library"))
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("knowledge:library"))
    assert not any('COUNT("knowledge_taggedresource"."id")' in q["sql"] for q in queries)
    make_resource("Nog meer buurtwerk", tags=["buurt", "wonen"])
    cloud = {
        tag.name: tag.uses for tag in client.get(reverse("knowledge:library")).context["tag_counts"]
    }
    assert cloud == {"buurt": 2, "wonen": 1}


def test_the_agenda_says_what_the_calendar_feed_holds(client):
    page = client.get(reverse("agenda:upcoming")).content.decode()
    assert (
        f"de afgelopen {feed_window.PAST_DAYS} dagen (hoogstens {feed_window.PAST_MAX}) "
        f"en de komende {feed_window.COMING_MAX}"
    ) in page
