"""The agenda's pages: upcoming and archive lists, event pages, places left and the online link,
each for the roles of the access table.
"""

import html
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from knowledge.models import ResourceKind, Visibility
from sessions_app import registration as rules

from .factories import ResourceFactory, make_event, make_event_at, make_member, make_role, members
from .helpers import DUTCH_WEEKDAYS, FUTURE_YEAR, ONLINE_LINK, PUBLIC, content, local, text

pytestmark = pytest.mark.django_db


DUTCH_MONTHS = [
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
]  # fmt: skip


LINK_AFTER_REGISTERING = "De link staat hier zodra je bent aangemeld."
FULL = "Vol"


def titles_on(response) -> set[str]:
    events = response.context.get("events")
    if events is None:
        events = response.context["page"].object_list
    return {event.title for event in events}


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("visitor", {"Open dag"}),
        ("applicant", {"Open dag"}),
        ("member_public_events", {"Open dag", "Ledenbijeenkomst"}),
        ("member_online", {"Open dag", "Ledenbijeenkomst"}),
        ("member_meetings", {"Open dag", "Ledenbijeenkomst"}),
        ("coordinator", {"Open dag", "Ledenbijeenkomst", "Concept"}),
    ],
)
def test_upcoming_shows_public_events_to_all_meetings_to_members_drafts_to_coordinator(
    client, agenda, role, expected
):
    person = make_role(role)
    if person:
        client.force_login(person)
    response = client.get(reverse("agenda:upcoming"))

    assert response.status_code == 200
    assert titles_on(response) == expected
    page = content(response)
    for event in agenda.values():
        assert (event.get_absolute_url() in page) == (event.title in expected)


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("visitor", {"Terugblik"}),
        ("member_online", {"Terugblik", "Oud overleg"}),
    ],
)
def test_archive_shows_past_events_only(client, agenda, role, expected):
    person = make_role(role)
    if person:
        client.force_login(person)
    response = client.get(reverse("agenda:archive"))

    assert response.status_code == 200
    assert titles_on(response) == expected


def make_report(title, event, kind=ResourceKind.REPORT, visibility=Visibility.PUBLIC):
    return ResourceFactory(
        kind=kind,
        title=title,
        slug=title.lower().replace(" ", "-"),
        summary="Wat we deden en leerden.",
        body="Het verslag.",
        visibility=visibility,
        published_at=timezone.now(),
        event=event,
    )


def report_links(response) -> set[str]:
    """The titles of the reports linked from the archive's cards."""
    lists = re.findall(r'<ul class="card__reports">(.*?)</ul>', content(response), re.S)
    return {html.unescape(title) for links in lists for title in re.findall(r">([^<]+)</a>", links)}


def test_archive_links_only_reports_the_reader_may_see(client, agenda):
    past = agenda["past"]
    make_report("Openbaar verslag", past)
    make_report("Verslag voor leden", past, visibility=Visibility.MEMBERS)
    make_report("Werkvorm van die dag", past, kind=ResourceKind.TOOL)  # about it, no report

    as_visitor = client.get(reverse("agenda:archive"))
    client.force_login(make_member())
    as_member = client.get(reverse("agenda:archive"))

    assert report_links(as_visitor) == {"Openbaar verslag"}
    assert report_links(as_member) == {"Openbaar verslag", "Verslag voor leden"}


@pytest.mark.parametrize(
    ("role", "slug", "status_code"),
    [
        ("visitor", "open-dag", 200),
        ("visitor", "ledenbijeenkomst", 404),
        ("visitor", "concept", 404),
        ("applicant", "ledenbijeenkomst", 404),
        ("member_public_events", "ledenbijeenkomst", 200),
        ("member_meetings", "concept", 404),
        ("coordinator", "concept", 200),
    ],
)
def test_event_pages_are_shown_only_to_who_may_see_them(client, agenda, role, slug, status_code):
    person = make_role(role)
    if person:
        client.force_login(person)
    assert client.get(reverse("agenda:detail", args=[slug])).status_code == status_code
    assert client.get(reverse("agenda:ics", args=[slug])).status_code == status_code


@pytest.mark.parametrize(("month", "offset"), [(3, "+01:00"), (7, "+02:00")])
def test_event_page_shows_date_and_time_in_dutch_in_amsterdam_time(client, month, offset):
    start = local(FUTURE_YEAR, month, 5, 19, 30)
    event = make_event_at("open-dag", start, kind=PUBLIC, title="Open dag")

    response = client.get(event.get_absolute_url())

    page = text(response)
    weekday = DUTCH_WEEKDAYS[start.weekday()]
    assert f"{weekday} 5 {DUTCH_MONTHS[month - 1]} {FUTURE_YEAR}, 19:30" in page
    assert "21:30" in page
    assert f'datetime="{FUTURE_YEAR}-{month:02d}-05T19:30:00{offset}"' in page
    assert "Zuyd Hogeschool, Heerlen" in page
    assert reverse("agenda:ics", args=["open-dag"]) in page  # add to calendar
    assert response["Content-Language"] == "nl"


def test_event_page_shows_the_places_left(client):
    event = make_event("open-dag", kind=PUBLIC, capacity=3)
    rules.register_member(event, make_member())

    assert "nog 2 van de 3 plaatsen vrij" in text(client.get(event.get_absolute_url()))


def test_a_full_event_says_vol_and_offers_the_waiting_list(client):
    event = make_event("open-dag", kind=PUBLIC, capacity=1)
    rules.register_member(event, make_member())
    client.force_login(make_member("tweede@example.org"))

    response = client.get(event.get_absolute_url())

    assert f"<dd>{FULL}" in content(response)
    assert "Op de wachtlijst zetten" in text(response)
    assert "Vol: wachtlijst" in text(client.get(reverse("agenda:upcoming")))


@pytest.mark.parametrize(
    ("who", "sees_link"),
    [
        ("visitor", False),
        ("member without registration", False),
        ("waitlisted", False),
        ("confirmed", True),
        ("coordinator", True),
    ],
)
def test_the_online_link_is_shown_only_to_those_with_a_place(client, who, sees_link):
    event = make_event(capacity=1, online_link=ONLINE_LINK)
    holder, queued, other = members(3)
    rules.register_member(event, holder)
    rules.register_member(event, queued)
    public = make_event("webinar", kind=PUBLIC, online_link=ONLINE_LINK + "-publiek")
    viewer = {
        "visitor": None,
        "member without registration": other,
        "waitlisted": queued,
        "confirmed": holder,
        "coordinator": make_role("coordinator"),
    }[who]
    if viewer:
        client.force_login(viewer)

    if viewer:  # a visitor does not see the meeting at all
        page = content(client.get(event.get_absolute_url()))
        assert (ONLINE_LINK in page) is sees_link
        assert (LINK_AFTER_REGISTERING in html.unescape(page)) is not sees_link
        ics = client.get(reverse("agenda:ics", args=[event.slug])).content.replace(b"\r\n ", b"")
        assert (ONLINE_LINK.encode() in ics) is (who == "confirmed")
    public_page = content(client.get(public.get_absolute_url()))
    assert (ONLINE_LINK + "-publiek" in public_page) is (who == "coordinator")
