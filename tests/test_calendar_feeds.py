"""iCalendar: the event download, the public feed, the personal feed and the attachments of
mails.
"""

from datetime import datetime, timedelta

import icalendar
import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse

from members.models import MembershipStatus
from sessions_app import registration as rules
from sessions_app.models import CalendarFeed, EventStatus

from .factories import make_event, make_event_at, make_member
from .helpers import (
    FUTURE_YEAR,
    MEETING,
    ONLINE_LINK,
    PUBLIC,
    ics_attachments,
    local,
    parse_calendar,
    vevent_text,
    vevents,
)

pytestmark = pytest.mark.django_db


def by_uid(raw: bytes) -> dict:
    return {str(vevent["UID"]): vevent for vevent in vevents(raw)}


def assert_valid_calendar(raw: bytes) -> icalendar.Calendar:
    """The parts of RFC 5545 a calendar program relies on."""
    assert raw.startswith(b"BEGIN:VCALENDAR\r\n")
    assert raw.endswith(b"END:VCALENDAR\r\n")
    lines = raw.split(b"\r\n")
    assert all(len(line) <= 75 for line in lines), "content lines are folded at 75 octets"
    assert b"\n" not in raw.replace(b"\r\n", b"")
    calendar = parse_calendar(raw)
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["PRODID"]).startswith("-//")
    timezones = [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")]
    assert timezones == ["Europe/Amsterdam"]
    for vevent in calendar.walk("VEVENT"):
        for required in ("UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY"):
            assert required in vevent
        assert vevent.decoded("DTSTAMP").utcoffset() == timedelta(0)
        assert vevent["DTSTART"].params["TZID"] == "Europe/Amsterdam"
        assert vevent["DTEND"].params["TZID"] == "Europe/Amsterdam"
    return calendar


@pytest.mark.parametrize("month", [2, 8])
def test_event_ics_is_valid_with_amsterdam_time(client, month):
    start = local(FUTURE_YEAR, month, 10, 14, 0)
    event = make_event_at("open-dag", start, hours=3, kind=PUBLIC, title="Open dag")

    response = client.get(reverse("agenda:ics", args=[event.slug]))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = assert_valid_calendar(response.content)
    (vevent,) = calendar.walk("VEVENT")
    assert str(vevent["SUMMARY"]) == "Open dag"
    assert vevent.decoded("DTSTART") == event.start
    assert vevent.decoded("DTEND") == event.end
    assert vevent.decoded("DTSTART").replace(tzinfo=None) == datetime(FUTURE_YEAR, month, 10, 14)
    assert str(vevent["URL"]) == settings.SITE_URL + event.get_absolute_url()


def test_the_uid_is_stable_across_downloads_and_edits(client):
    event = make_event("open-dag", kind=PUBLIC, title="Open dag")
    url = reverse("agenda:ics", args=[event.slug])
    first = vevents(client.get(url).content)[0]
    second = vevents(client.get(url).content)[0]

    event.title = "Open dag (nieuwe tijd)"
    event.start += timedelta(hours=1)
    event.end += timedelta(hours=1)
    event.save()
    edited = vevents(client.get(url).content)[0]

    assert str(first["UID"]) == str(second["UID"]) == str(edited["UID"])
    assert str(edited["SUMMARY"]) == "Open dag (nieuwe tijd)"
    assert int(edited["SEQUENCE"]) >= int(first["SEQUENCE"])
    other = make_event("andere-dag", kind=PUBLIC)
    other_vevent = vevents(client.get(reverse("agenda:ics", args=[other.slug])).content)[0]
    assert str(other_vevent["UID"]) != str(first["UID"])


def test_public_feed_holds_public_events_only(client, agenda):
    cancelled = make_event(
        "afgelast", kind=PUBLIC, title="Afgelast", status=EventStatus.CANCELLED,
        online_link=ONLINE_LINK,
    )  # fmt: skip

    response = client.get(reverse("agenda:feed"))

    assert response.status_code == 200
    calendar = assert_valid_calendar(response.content)
    events = by_uid(response.content)
    expected = [agenda["public"], agenda["past"], cancelled]
    assert set(events) == {event.calendar_uid for event in expected}
    assert str(events[cancelled.calendar_uid]["STATUS"]) == "CANCELLED"
    assert ONLINE_LINK.encode() not in response.content.replace(b"\r\n ", b"")
    assert "Ledenbijeenkomst" not in str(calendar.to_ical())


def test_public_feed_never_holds_meetings_even_for_a_logged_in_member(client, member, agenda):
    client.force_login(member)
    events = by_uid(client.get(reverse("agenda:feed")).content)
    assert agenda["meeting"].calendar_uid not in events
    assert agenda["draft"].calendar_uid not in events


def make_registered_member_with_feed():
    person = make_member()
    meeting = make_event(
        "ledenbijeenkomst", kind=MEETING, capacity=1, online_link=ONLINE_LINK + "-leden"
    )
    full_public = make_event("webinar", kind=PUBLIC, capacity=1, online_link=ONLINE_LINK)
    rules.register_member(full_public, make_member("eerder@example.org"))
    mine = {
        "meeting": rules.register_member(meeting, person),  # confirmed
        "public": rules.register_member(full_public, person),  # waitlisted
    }
    other = make_event("niet-voor-mij", kind=PUBLIC)
    cancelled = make_event("afgezegd", kind=PUBLIC)
    rules.cancel_registration(rules.register_member(cancelled, person))
    feed = CalendarFeed.objects.create(user=person)
    return person, mine, feed, (other, cancelled)


def test_personal_feed_holds_my_registrations_with_the_link_only_where_i_have_a_place(client):
    person, mine, feed, not_mine = make_registered_member_with_feed()

    response = client.get(reverse("agenda:personal_feed", args=[feed.token]))  # no login

    assert response.status_code == 200
    assert_valid_calendar(response.content)
    events = by_uid(response.content)
    assert set(events) == {r.event.calendar_uid for r in mine.values()}
    meeting = events[mine["meeting"].event.calendar_uid]
    public = events[mine["public"].event.calendar_uid]
    assert ONLINE_LINK + "-leden" in vevent_text(meeting)
    assert ONLINE_LINK not in vevent_text(public)
    assert all(event.calendar_uid not in events for event in not_mine)
    # A place is CONFIRMED; a place in line is only TENTATIVE, and says so.
    assert str(meeting["STATUS"]) == "CONFIRMED"
    assert "wachtlijst" not in str(meeting["SUMMARY"])
    assert str(public["STATUS"]) == "TENTATIVE"
    assert str(public["SUMMARY"]) == "Webinar (wachtlijst)"
    assert "wachtlijst" in str(public["DESCRIPTION"])


def test_a_paused_members_feed_leaves_out_meetings(client):
    person, mine, feed, _not_mine = make_registered_member_with_feed()
    person.profile.status = MembershipStatus.PAUSED
    person.profile.save()

    response = client.get(reverse("agenda:personal_feed", args=[feed.token]))

    events = by_uid(response.content)
    assert mine["meeting"].event.calendar_uid not in events
    assert mine["public"].event.calendar_uid in events
    assert b"-leden" not in response.content.replace(b"\r\n ", b"")


def test_an_unknown_feed_token_gives_404(client):
    assert client.get(reverse("agenda:personal_feed", args=["geraden"])).status_code == 404


def test_an_ics_attachment_parses_back_to_the_event():
    start = local(FUTURE_YEAR, 10, 30, 20, 0)  # the night summer time ends is near
    event = make_event_at("avond", start, kind=PUBLIC, title="Avond")
    rules.register_member(event, make_member())

    (message,) = mail.outbox
    raw = ics_attachments(message)[0][1]
    calendar = assert_valid_calendar(raw)
    assert str(calendar["METHOD"]) == "PUBLISH"
    (vevent,) = calendar.walk("VEVENT")
    assert vevent.decoded("DTSTART") == event.start
    assert str(vevent["UID"]) == event.calendar_uid


def test_the_waiting_list_mail_carries_the_event_as_tentative():
    event = make_event("open-dag", kind=PUBLIC, capacity=1, title="Open dag")
    rules.register_member(event, make_member())
    rules.register_member(event, make_member("tweede@example.org"))

    placed, queued = mail.outbox
    (placed_vevent,) = vevents(ics_attachments(placed)[0][1])
    (queued_vevent,) = vevents(ics_attachments(queued)[0][1])
    assert str(placed_vevent["STATUS"]) == "CONFIRMED"
    assert str(queued_vevent["STATUS"]) == "TENTATIVE"
    assert str(queued_vevent["SUMMARY"]) == "Open dag (wachtlijst)"
