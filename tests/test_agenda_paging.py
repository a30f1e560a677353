"""The agenda in pages: queries that do not grow with the number of events, twenty a page."""

import pytest
from django.urls import reverse

from sessions_app.models import EventKind

from .factories import make_event, make_member, make_registration
from .helpers import CONFIRMED, MEETING, PUBLIC, count_queries, text

pytestmark = pytest.mark.django_db


def populate(count: int, start_index: int = 0) -> None:
    """`count` events of every sort, each with a few registrations."""
    people = [make_member(f"q{start_index}-{n}@example.org") for n in range(3)]
    for n in range(start_index, start_index + count):
        kind = PUBLIC if n % 4 < 2 else MEETING
        days = -3 - n if n % 2 else 3 + n  # alternately upcoming and past
        event = make_event(f"event-{n}", kind=kind, days_ahead=days, capacity=2 + n % 3)
        for person in people[: n % 4]:
            make_registration(event=event, user=person, status=CONFIRMED)


QUERY_PAGES = {
    "upcoming": lambda: reverse("agenda:upcoming"),
    "archive": lambda: reverse("agenda:archive"),
    "detail": lambda: reverse("agenda:detail", args=["event-0"]),
    "feed": lambda: reverse("agenda:feed"),
    "home": lambda: reverse("home"),
}


# Pinned query budgets: (visitor, member).
QUERY_BUDGET = {
    "upcoming": (3, 5),  # + the count for the pages
    "archive": (4, 6),  # + the reports of each event, in one prefetch
    # + the event's reports from the library, the questions on its agenda, the value stories
    # about it
    "detail": (5, 8),
    "feed": (2, 2),  # the window: the latest past events, the coming ones
    "home": (6, 9),  # + the newest public library items, value stories, answered questions
}


@pytest.mark.usefixtures("page_cache_off")
@pytest.mark.parametrize("page", QUERY_PAGES)
@pytest.mark.parametrize("as_member", [False, True], ids=["visitor", "member"])
def test_queries_do_not_grow_with_the_number_of_events(
    client, django_assert_num_queries, page, as_member
):
    if as_member:
        client.force_login(make_member("kijker@example.org"))
    url = QUERY_PAGES[page]()
    populate(3)
    client.get(url)  # warm caches (site settings, session)
    with_3 = count_queries(client, url)

    populate(27, start_index=3)
    with_30 = count_queries(client, url)

    assert with_3 == with_30
    with django_assert_num_queries(QUERY_BUDGET[page][as_member]):
        client.get(url)


def test_the_agenda_comes_in_pages_of_twenty(client):
    for number in range(25):
        make_event(
            f"open-avond-{number:02d}",
            kind=EventKind.PUBLIC,
            days_ahead=1 + number,
            title=f"Open avond {number:02d}",
        )
    first = text(client.get(reverse("agenda:upcoming")))
    assert "Open avond 00" in first and "Open avond 19" in first
    assert "Open avond 20" not in first
    assert 'rel="next"' in first
    second = text(client.get(reverse("agenda:upcoming"), {"pagina": 2}))
    assert "Open avond 20" in second and "Open avond 24" in second
    assert "Open avond 19" not in second
    assert 'rel="prev"' in second
    # Nonsense page numbers give a page, never an error.
    assert client.get(reverse("agenda:upcoming"), {"pagina": "x"}).status_code == 200
    assert client.get(reverse("agenda:upcoming"), {"pagina": "999"}).status_code == 200
