"""The agenda: events, registration rules, e-mails, pages, iCalendar, reminders, the admin.

The rules come from docs/design.md ("Rules that must hold", the access table) and the agenda issue,
not from what the code happens to do. Dutch texts asserted here are in
locale/nl/LC_MESSAGES/django.po (or Django's own Dutch catalogue); where an agenda string has
no Dutch text yet, the tests check structure, status and data instead.
"""

import csv
import html
import io
import json
import re
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.staticfiles import finders
from django.core import mail
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from knowledge.models import Resource, ResourceKind, ResourceStatus, Visibility
from members.models import MembershipStatus, ParticipationLevel, User
from sessions_app import registration as rules
from sessions_app.models import (
    CalendarFeed,
    Event,
    EventKind,
    EventStatus,
    Registration,
    RegistrationStatus,
)
from sessions_app.reminders import send_due_reminders

from .conftest import make_event, make_member, make_role

pytestmark = pytest.mark.django_db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
PUBLIC = EventKind.PUBLIC
MEETING = EventKind.MEETING
CONFIRMED = RegistrationStatus.CONFIRMED
WAITLISTED = RegistrationStatus.WAITLISTED
PENDING = RegistrationStatus.PENDING
CANCELLED = RegistrationStatus.CANCELLED
ONLINE_LINK = "https://meet.example.org/atelier-geheim"

DUTCH_WEEKDAYS = ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"]
DUTCH_MONTHS = [
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
]  # fmt: skip

# Messages of this project (locale/nl/LC_MESSAGES/django.po) and of Django (nl).
SUBJECT_REGISTERED = "Je bent aangemeld: "
SUBJECT_WAITLISTED = "Op de wachtlijst: "
SUBJECT_CONFIRM = "Bevestig je aanmelding: "
SUBJECT_PROMOTED = "Er is een plaats voor je vrijgekomen: "
SUBJECT_CANCELLED_REGISTRATION = "Aanmelding geannuleerd: "
SUBJECT_EVENT_CANCELLED = "Geannuleerd: "
REGISTERED_MESSAGE = "Je bent aangemeld. We hebben je een e-mail gestuurd."
ALREADY_REGISTERED = "Je bent al aangemeld voor deze activiteit."
MEETINGS_ONLY = "Alleen leden die deelnemen aan bijeenkomsten kunnen zich aanmelden."
ERROR_SUMMARY_TITLE = "Er is een probleem"
LINK_AFTER_REGISTERING = "De link staat hier zodra je bent aangemeld."
FULL = "Vol"
CHECK_YOUR_EMAIL = "Kijk in je mail"
CONFIRM_BUTTON = "Aanmelding bevestigen"
CANCEL_BUTTON = "Mijn aanmelding annuleren"
FEED_RENEWED = "Je agenda-adres is vernieuwd; het oude werkt niet meer."
NEXT_MEETINGS = "Volgende bijeenkomsten"
ADDRESS_ALREADY_REGISTERED = "Met dit e-mailadres is al iemand aangemeld voor deze activiteit."
ALREADY_REGISTERED_AS_GUEST = "Je bent al als gast aangemeld voor deze activiteit"
REGISTRATION_CLOSED = "Aanmelden voor deze activiteit is gesloten."
ALREADY_STARTED = (
    "Deze activiteit is al begonnen; aanmeldingen kunnen niet meer worden geannuleerd."
)


# --- helpers ---------------------------------------------------------------------------------


def local(year, month, day, hour=0, minute=0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=AMSTERDAM)


FUTURE_YEAR = timezone.now().year + 2


def make_event_at(slug, start, hours=2, **fields) -> Event:
    """An event at a fixed moment (whole seconds, so it survives a round trip via iCalendar)."""
    return make_event(slug, start=start, end=start + timedelta(hours=hours), **fields)


def soon(hours: float) -> datetime:
    return timezone.now().replace(microsecond=0) + timedelta(hours=hours)


def statuses(*registrations) -> list[str]:
    return [Registration.objects.get(pk=r.pk).status for r in registrations]


def members(count: int, level=ParticipationLevel.MEETINGS, prefix="lid") -> list:
    return [make_member(f"{prefix}{n}@example.org", level) for n in range(count)]


def ics_attachments(message) -> list:
    """(filename, content as bytes, mimetype) of each calendar attachment."""
    return [
        (name, data.encode() if isinstance(data, str) else data, mimetype)
        for name, data, mimetype in message.attachments
        if mimetype.startswith("text/calendar")
    ]


def parse_calendar(raw: bytes) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(raw)


def vevents(raw: bytes) -> list:
    return list(parse_calendar(raw).walk("VEVENT"))


def by_uid(raw: bytes) -> dict:
    return {str(vevent["UID"]): vevent for vevent in vevents(raw)}


def vevent_text(vevent) -> str:
    return " ".join(str(vevent.get(key, "")) for key in ("DESCRIPTION", "LOCATION", "URL"))


def cancel_url(registration) -> str:
    return settings.SITE_URL + reverse("agenda:cancel", args=[registration.token])


def json_ld(page: str) -> list:
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    return [json.loads(block) for block in blocks]


def content(response) -> str:
    return response.content.decode()


def text(response) -> str:
    """The page's text with entities decoded, for matching Dutch sentences."""
    return html.unescape(content(response))


def titles_on(response) -> set[str]:
    events = response.context.get("events")
    if events is None:
        events = response.context["page"].object_list
    return {event.title for event in events}


def admin_post_action(client, model: str, action: str, pks, **extra):
    url = reverse(f"admin:sessions_app_{model}_changelist")
    data = {"action": action, "_selected_action": [str(pk) for pk in pks], **extra}
    return client.post(url, data)


# --- registration rules, at function level ------------------------------------------------


def test_places_are_confirmed_up_to_capacity_then_people_queue_in_order():
    event = make_event(capacity=2)
    people = members(5)
    registrations = [rules.register_member(event, person) for person in people]

    assert statuses(*registrations) == [CONFIRMED, CONFIRMED, WAITLISTED, WAITLISTED, WAITLISTED]
    assert event.registrations.confirmed().count() == 2
    assert list(event.registrations.waitlisted()) == registrations[2:]
    assert event.seats_left() == 0
    assert event.is_full


def test_each_registrant_gets_a_mail_saying_place_or_waiting_list():
    event = make_event(capacity=1, title="Buurtwerk en beleid")
    first, second = members(2)
    rules.register_member(event, first)
    rules.register_member(event, second)

    assert [(m.to, m.subject) for m in mail.outbox] == [
        ([first.email], SUBJECT_REGISTERED + "Buurtwerk en beleid"),
        ([second.email], SUBJECT_WAITLISTED + "Buurtwerk en beleid"),
    ]


def test_cancelling_a_place_moves_the_first_in_line_up_at_once_and_mails_them():
    event = make_event(capacity=1, title="Praktijkdag", online_link=ONLINE_LINK)
    holder, first_in_line, second_in_line = members(3)
    place = rules.register_member(event, holder)
    queued_first = rules.register_member(event, first_in_line)
    queued_second = rules.register_member(event, second_in_line)
    mail.outbox.clear()

    promoted = rules.cancel_registration(place)

    assert promoted == [queued_first]
    assert statuses(place, queued_first, queued_second) == [CANCELLED, CONFIRMED, WAITLISTED]
    assert event.registrations.confirmed().count() == 1
    told = [m for m in mail.outbox if m.to == [first_in_line.email]]
    assert len(told) == 1
    assert told[0].subject == SUBJECT_PROMOTED + "Praktijkdag"
    (attachment,) = ics_attachments(told[0])
    filename, ics, mimetype = attachment
    assert filename == f"{event.slug}.ics"
    assert mimetype.split(";")[0] == "text/calendar"
    (vevent,) = vevents(ics)
    assert ONLINE_LINK in vevent_text(vevent)  # now confirmed: the link is theirs
    assert not [m for m in mail.outbox if m.to == [second_in_line.email]]


def test_cancelling_a_waiting_list_place_promotes_nobody():
    event = make_event(capacity=1)
    holder, queued, behind = members(3)
    rules.register_member(event, holder)
    queued_registration = rules.register_member(event, queued)
    behind_registration = rules.register_member(event, behind)

    assert rules.cancel_registration(queued_registration) == []
    assert statuses(behind_registration) == [WAITLISTED]
    assert event.registrations.confirmed().count() == 1


def test_cancelling_twice_changes_nothing_the_second_time():
    event = make_event(capacity=1)
    holder, queued = members(2)
    place = rules.register_member(event, holder)
    rules.register_member(event, queued)
    rules.cancel_registration(place)
    mail.outbox.clear()

    assert rules.cancel_registration(place) == []
    assert mail.outbox == []
    assert event.registrations.confirmed().count() == 1


def test_without_capacity_everyone_gets_a_place():
    event = make_event(capacity=None)
    registrations = [rules.register_member(event, person) for person in members(12)]

    assert set(statuses(*registrations)) == {CONFIRMED}
    assert event.seats_left() is None
    assert not event.is_full


def test_a_second_registration_of_the_same_person_is_refused():
    event = make_event(capacity=10)
    person = make_member()
    rules.register_member(event, person)

    with pytest.raises(rules.RegistrationError) as refused:
        rules.register_member(event, person)

    assert str(refused.value.message) == ALREADY_REGISTERED
    assert event.registrations.filter(user=person).count() == 1


def test_the_database_refuses_a_second_active_registration_of_a_member():
    event = make_event()
    person = make_member()
    Registration.objects.create(event=event, user=person, status=CONFIRMED)

    with pytest.raises(IntegrityError), transaction.atomic():
        Registration.objects.create(event=event, user=person, status=WAITLISTED)

    # A cancelled one does not count: it is history, not a place.
    Registration.objects.filter(event=event, user=person).update(status=CANCELLED)
    Registration.objects.create(event=event, user=person, status=CONFIRMED)


def test_the_database_refuses_a_second_active_registration_of_a_guest():
    event = make_event("open-dag", kind=PUBLIC)
    Registration.objects.create(
        event=event, guest_name="Ans", guest_email="ans@example.org", status=PENDING
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Registration.objects.create(
            event=event, guest_name="Ans", guest_email="ans@example.org", status=CONFIRMED
        )


def test_registering_again_after_cancelling_works():
    event = make_event(capacity=3)
    person = make_member()
    first = rules.register_member(event, person)
    rules.cancel_registration(first)

    again = rules.register_member(event, person)

    assert again.pk != first.pk
    assert statuses(first, again) == [CANCELLED, CONFIRMED]


def test_registration_closes_at_the_deadline():
    event = make_event(
        "open-dag", kind=PUBLIC, registration_deadline=timezone.now() - timedelta(minutes=1)
    )
    with pytest.raises(rules.RegistrationError):
        rules.register_member(event, make_member())
    with pytest.raises(rules.RegistrationError):
        rules.register_guest(event, "Ans", "ans@example.org")
    assert not event.registrations.exists()
    assert mail.outbox == []


def test_registration_is_open_until_the_deadline():
    event = make_event(capacity=5, registration_deadline=timezone.now() + timedelta(hours=1))
    assert rules.register_member(event, make_member()).status == CONFIRMED


def test_registration_closes_at_the_start():
    start = timezone.now() - timedelta(minutes=5)
    event = make_event("open-dag", kind=PUBLIC, start=start, end=start + timedelta(hours=2))
    with pytest.raises(rules.RegistrationError):
        rules.register_member(event, make_member())
    with pytest.raises(rules.RegistrationError):
        rules.register_guest(event, "Ans", "ans@example.org")
    assert not event.registrations.exists()


@pytest.mark.parametrize("status", [EventStatus.CANCELLED, EventStatus.DRAFT])
def test_a_cancelled_or_draft_event_refuses_registrations(status):
    event = make_event("open-dag", kind=PUBLIC, status=status)
    with pytest.raises(rules.RegistrationError):
        rules.register_member(event, make_member())
    with pytest.raises(rules.RegistrationError):
        rules.register_guest(event, "Ans", "ans@example.org")
    assert not event.registrations.exists()


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        ("visitor", False),
        ("applicant", False),
        ("member_public_events", False),
        ("member_online", False),
        ("member_meetings", True),
        ("coordinator", True),
    ],
)
def test_only_meeting_participants_and_the_coordinator_register_for_meetings(role, allowed):
    event = make_event(capacity=5)
    person = make_role(role) or AnonymousUser()

    if allowed:
        assert rules.register_member(event, person).status == CONFIRMED
    else:
        with pytest.raises(rules.RegistrationError):
            rules.register_member(event, person)
        assert not event.registrations.exists()


def test_a_paused_member_cannot_register_for_a_meeting():
    person = make_member()
    person.profile.status = MembershipStatus.PAUSED
    person.profile.save()
    with pytest.raises(rules.RegistrationError):
        rules.register_member(make_event(), person)


@pytest.mark.parametrize("role", ["applicant", "member_public_events", "member_online"])
def test_anyone_with_an_account_registers_for_a_public_event(role):
    event = make_event("open-dag", kind=PUBLIC)
    assert rules.register_member(event, make_role(role)).status == CONFIRMED


def test_a_guest_takes_no_place_until_confirming_by_the_link():
    event = make_event("open-dag", kind=PUBLIC, capacity=1, title="Open dag")

    guest = rules.register_guest(event, "Ans de Vries", "ans@example.org")

    assert guest.status == PENDING
    assert event.seats_left() == 1
    (message,) = mail.outbox
    assert message.to == ["ans@example.org"]
    assert message.subject == SUBJECT_CONFIRM + "Open dag"
    confirm_url = settings.SITE_URL + reverse("agenda:confirm", args=[guest.token])
    assert confirm_url in message.body

    confirmed = rules.confirm_guest(guest)

    assert confirmed.status == CONFIRMED
    assert event.seats_left() == 0
    assert mail.outbox[-1].subject == SUBJECT_REGISTERED + "Open dag"


def test_a_guest_who_confirms_when_the_event_is_full_joins_the_waiting_list():
    event = make_event("open-dag", kind=PUBLIC, capacity=1)
    guest = rules.register_guest(event, "Ans de Vries", "ans@example.org")
    member = rules.register_member(event, make_member())  # takes the free place first

    confirmed = rules.confirm_guest(guest)

    assert member.status == CONFIRMED
    assert confirmed.status == WAITLISTED
    assert event.registrations.confirmed().count() == 1


def test_confirming_twice_does_not_change_the_registration():
    event = make_event("open-dag", kind=PUBLIC, capacity=3)
    guest = rules.confirm_guest(rules.register_guest(event, "Ans", "ans@example.org"))
    sent = len(mail.outbox)

    assert rules.confirm_guest(guest).status == CONFIRMED
    assert len(mail.outbox) == sent
    assert event.registrations.count() == 1


def test_a_guest_cannot_register_for_a_meeting():
    event = make_event(kind=MEETING)
    with pytest.raises(rules.RegistrationError):
        rules.register_guest(event, "Ans", "ans@example.org")
    assert not event.registrations.exists()
    assert mail.outbox == []


def test_the_same_guest_address_twice_gets_no_second_place_but_the_link_again():
    event = make_event("open-dag", kind=PUBLIC)
    first = rules.register_guest(event, "Ans", "Ans@Example.org")

    again = rules.register_guest(event, "Ans de Vries", "ans@example.ORG")

    assert again == first
    assert event.registrations.count() == 1
    assert first.guest_email == "ans@example.org"
    assert [m.subject.split(":")[0] for m in mail.outbox] == ["Bevestig je aanmelding"] * 2
    assert all(reverse("agenda:confirm", args=[first.token]) in m.body for m in mail.outbox)


def test_a_guest_cannot_confirm_after_the_registration_deadline():
    event = make_event("open-dag", kind=PUBLIC, capacity=5)
    guest = rules.register_guest(event, "Ans", "ans@example.org")
    # The deadline passes between asking and confirming (the event itself is days away).
    Event.objects.filter(pk=event.pk).update(
        registration_deadline=timezone.now() - timedelta(minutes=1)
    )

    with pytest.raises(rules.RegistrationError) as refused:
        rules.confirm_guest(guest)

    assert refused.value.message == REGISTRATION_CLOSED
    assert statuses(guest) == [PENDING]
    assert event.seats_left() == 5


def test_a_guest_registration_with_a_registered_members_address_adds_nothing():
    event = make_event("open-dag", kind=PUBLIC, capacity=5)
    member = make_member("Piet.Jansen@Example.org")
    rules.register_member(event, member)
    mail.outbox.clear()

    existing = rules.register_guest(event, "Piet", "piet.jansen@example.ORG")  # other case

    assert existing.user == member
    assert event.registrations.active().count() == 1
    # Nothing is said to whoever typed the address; the address itself hears it again.
    (message,) = mail.outbox
    assert message.to == [member.email]
    assert cancel_url(member.registrations.get()) in message.body


def test_the_refusal_is_the_same_for_a_guests_and_a_members_address():
    event = make_event("open-dag", kind=PUBLIC)
    rules.register_member(event, make_member("lid@example.org"))
    rules.register_guest(event, "Ans", "ans@example.org")

    for email in ("lid@example.org", "ans@example.org"):
        rules.register_guest(event, "Iemand", email)  # no error: nothing to tell apart

    assert event.registrations.active().count() == 2


def test_a_members_address_without_a_registration_may_register_as_guest():
    event = make_event("open-dag", kind=PUBLIC)
    make_member("lid@example.org")
    other = make_event("andere-dag", kind=PUBLIC)
    rules.register_member(other, User.objects.get(email="lid@example.org"))  # another event

    assert rules.register_guest(event, "Lid", "lid@example.org").status == PENDING


def test_a_member_already_registered_as_guest_with_the_same_address_is_refused():
    event = make_event("open-dag", kind=PUBLIC, capacity=5)
    rules.register_guest(event, "Piet", "piet@example.org")
    member = make_member("Piet@Example.org")

    with pytest.raises(rules.RegistrationError) as refused:
        rules.register_member(event, member)

    assert refused.value.message.startswith(ALREADY_REGISTERED_AS_GUEST)
    assert event.registrations.active().count() == 1


@pytest.mark.parametrize("hours_since_start", [0.5, 48], ids=["under-way", "over"])
def test_a_registration_cannot_be_cancelled_once_the_event_has_started(hours_since_start):
    start = soon(-hours_since_start)
    event = make_event(
        "open-dag", kind=PUBLIC, capacity=1, start=start, end=start + timedelta(hours=1)
    )
    came = Registration.objects.create(event=event, user=make_member(), status=CONFIRMED)
    queued = Registration.objects.create(
        event=event, user=make_member("tweede@example.org"), status=WAITLISTED
    )

    with pytest.raises(rules.RegistrationError) as refused:
        rules.cancel_registration(came)

    assert refused.value.message == ALREADY_STARTED
    assert statuses(came, queued) == [CONFIRMED, WAITLISTED]
    assert mail.outbox == []


def test_cancel_event_cancels_it_and_tells_everyone_registered():
    event = make_event("open-dag", kind=PUBLIC, capacity=1, title="Open dag")
    holder, queued, gone = members(3)
    rules.register_member(event, holder)
    rules.register_member(event, queued)
    rules.cancel_registration(rules.register_member(event, gone))
    mail.outbox.clear()

    told = rules.cancel_event(event)

    event.refresh_from_db()
    assert event.status == EventStatus.CANCELLED
    assert told == 2
    assert sorted(m.to[0] for m in mail.outbox) == sorted([holder.email, queued.email])
    for message in mail.outbox:
        assert message.subject == SUBJECT_EVENT_CANCELLED + "Open dag"
        (attachment,) = ics_attachments(message)
        (vevent,) = vevents(attachment[1])
        assert str(vevent["STATUS"]) == "CANCELLED"  # removes it from their calendar
    with pytest.raises(rules.RegistrationError):
        rules.register_member(event, make_member("laat@example.org"))


def test_a_guest_who_confirms_after_the_event_was_cancelled_gets_no_place():
    event = make_event("open-dag", kind=PUBLIC)
    guest = rules.register_guest(event, "Ans", "ans@example.org")
    rules.cancel_event(event)

    with pytest.raises(rules.RegistrationError):
        rules.confirm_guest(guest)
    assert statuses(guest) == [PENDING]


def test_more_places_fill_from_the_waiting_list_in_order():
    event = make_event(capacity=1)
    registrations = [rules.register_member(event, person) for person in members(4)]
    mail.outbox.clear()

    event.capacity = 3
    event.save()
    promoted = rules.promote_from_waitlist(event)

    assert promoted == registrations[1:3]
    assert statuses(*registrations) == [CONFIRMED, CONFIRMED, CONFIRMED, WAITLISTED]
    assert sorted(m.to[0] for m in mail.outbox) == sorted(r.user.email for r in promoted)
    assert all(m.subject.startswith(SUBJECT_PROMOTED) for m in mail.outbox)


def test_removing_the_limit_gives_everyone_on_the_waiting_list_a_place():
    event = make_event(capacity=1)
    registrations = [rules.register_member(event, person) for person in members(3)]
    event.capacity = None
    event.save()

    assert len(rules.promote_from_waitlist(event)) == 2
    assert set(statuses(*registrations)) == {CONFIRMED}


def test_nobody_moves_up_when_there_is_no_free_place():
    event = make_event(capacity=1)
    for person in members(2):
        rules.register_member(event, person)
    mail.outbox.clear()

    assert rules.promote_from_waitlist(event) == []
    assert mail.outbox == []


# --- e-mails ---------------------------------------------------------------------------------


def test_every_registration_mail_carries_a_cancel_link_and_the_event_as_ics():
    event = make_event("open-dag", kind=PUBLIC, capacity=1, start=soon(5), end=soon(7))
    holder, queued = members(2)
    place = rules.register_member(event, holder)  # confirmed
    queued_registration = rules.register_member(event, queued)  # waitlisted
    guest = rules.register_guest(event, "Ans", "ans@example.org")  # guest confirmation
    rules.cancel_registration(place)  # cancellation (no .ics) + promotion
    send_due_reminders()  # reminder
    registrations = {r.email: r for r in (place, queued_registration, guest)}

    kinds = [m.subject.split(":")[0] for m in mail.outbox]
    # Five hours ahead is later today or tomorrow in Amsterdam, by the clock's hour.
    same_day = timezone.localdate(event.start) == timezone.localdate()
    assert sorted(kinds) == sorted([
        "Je bent aangemeld", "Op de wachtlijst", "Bevestig je aanmelding",
        "Aanmelding geannuleerd", "Er is een plaats voor je vrijgekomen",
        "Vandaag" if same_day else "Morgen",
    ])  # fmt: skip
    for message in mail.outbox:
        (recipient,) = message.to
        registration = registrations[recipient]
        if message.subject.startswith(SUBJECT_CANCELLED_REGISTRATION):
            assert ics_attachments(message) == []
            continue
        assert cancel_url(registration) in message.body, message.subject
        (attachment,) = ics_attachments(message)
        assert attachment[0] == "open-dag.ics"
        (vevent,) = vevents(attachment[1])
        assert str(vevent["UID"]) == event.calendar_uid


def test_mails_are_in_dutch_with_the_date_in_dutch():
    start = local(FUTURE_YEAR, 3, 5, 19, 30)
    event = make_event_at("open-dag", start, kind=PUBLIC, title="Open dag")
    rules.register_member(event, make_member())

    (message,) = mail.outbox
    assert message.body.startswith("Beste ")
    weekday = DUTCH_WEEKDAYS[start.weekday()]
    assert f"{weekday} 5 maart {FUTURE_YEAR}, 19:30" in message.body


def test_an_ampersand_in_the_title_reaches_the_subject_unescaped():
    event = make_event("open-dag", kind=PUBLIC, title="Buurt & beleid <samen>")
    rules.register_member(event, make_member())

    (message,) = mail.outbox
    assert message.subject == SUBJECT_REGISTERED + "Buurt & beleid <samen>"


def test_the_online_link_is_mailed_only_to_those_with_a_place():
    event = make_event(capacity=1, online_link=ONLINE_LINK)
    holder, queued = members(2)
    rules.register_member(event, holder)
    rules.register_member(event, queued)

    to_holder, to_queued = mail.outbox
    assert ONLINE_LINK in to_holder.body
    assert ONLINE_LINK.encode() in ics_attachments(to_holder)[0][1].replace(b"\r\n ", b"")
    assert ONLINE_LINK not in to_queued.body
    assert ONLINE_LINK.encode() not in ics_attachments(to_queued)[0][1].replace(b"\r\n ", b"")


# --- agenda pages ----------------------------------------------------------------------------


@pytest.fixture
def agenda():
    """A public event, a members' meeting, a draft and a past public event."""
    return {
        "public": make_event("open-dag", kind=PUBLIC, title="Open dag", days_ahead=3),
        "meeting": make_event("ledenbijeenkomst", kind=MEETING, title="Ledenbijeenkomst"),
        "draft": make_event("concept", kind=PUBLIC, title="Concept", status=EventStatus.DRAFT),
        "past": make_event("terugblik", kind=PUBLIC, title="Terugblik", days_ahead=-14),
        "past_meeting": make_event("oud-overleg", title="Oud overleg", days_ahead=-30),
    }


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
    return Resource.objects.create(
        kind=kind,
        title=title,
        slug=title.lower().replace(" ", "-"),
        summary="Wat we deden en leerden.",
        body="Het verslag.",
        visibility=visibility,
        status=ResourceStatus.PUBLISHED,
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


def test_public_event_page_has_open_graph_and_schema_org_event(client):
    start = local(FUTURE_YEAR, 7, 2, 10, 0)
    event = make_event_at(
        "open-dag", start, kind=PUBLIC, title="Open dag", summary="Kom kennismaken."
    )

    page = content(client.get(event.get_absolute_url()))

    absolute_url = settings.SITE_URL + event.get_absolute_url()
    assert '<meta property="og:title" content="Open dag">' in page
    assert '<meta property="og:description" content="Kom kennismaken.">' in page
    assert f'<meta property="og:url" content="{absolute_url}">' in page
    image_url = settings.SITE_URL + settings.STATIC_URL + "img/leeratelier-delen.png"
    assert f'<meta property="og:image" content="{image_url}">' in page
    assert '<meta name="twitter:card" content="summary_large_image">' in page
    (data,) = json_ld(page)
    assert data["image"] == [image_url]
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Event"
    assert data["name"] == "Open dag"
    assert data["startDate"] == f"{FUTURE_YEAR}-07-02T10:00:00+02:00"
    assert data["endDate"] == f"{FUTURE_YEAR}-07-02T12:00:00+02:00"
    assert data["url"] == absolute_url
    assert data["location"]["name"] == "Zuyd Hogeschool, Heerlen"
    assert datetime.fromisoformat(data["startDate"]) == event.start


def test_json_ld_gives_the_address_offers_and_organiser_url(client):
    event = make_event(
        "open-dag",
        kind=PUBLIC,
        capacity=1,
        place="Zuyd Hogeschool, Nieuw Eyckholt 300, 6419 DJ Heerlen",
    )
    absolute_url = settings.SITE_URL + event.get_absolute_url()

    (data,) = json_ld(content(client.get(event.get_absolute_url())))

    assert data["location"] == {
        "@type": "Place",
        "name": "Zuyd Hogeschool",
        "address": {
            "@type": "PostalAddress",
            "streetAddress": "Nieuw Eyckholt 300",
            "postalCode": "6419 DJ",
            "addressLocality": "Heerlen",
            "addressCountry": "NL",
        },
    }
    assert data["offers"] == {
        "@type": "Offer",
        "price": 0,
        "priceCurrency": "EUR",
        "availability": "https://schema.org/InStock",
        "url": absolute_url + "#register-heading",
    }
    assert 'id="register-heading"' in content(client.get(event.get_absolute_url()))
    assert data["organizer"]["url"] == settings.SITE_URL + "/"
    rules.register_member(event, make_member())
    (full,) = json_ld(content(client.get(event.get_absolute_url())))
    assert full["offers"]["availability"] == "https://schema.org/SoldOut"


@pytest.mark.parametrize(
    ("place", "name", "address"),
    [
        (
            "Zuyd Hogeschool, Brusselseweg 150, Maastricht",
            "Zuyd Hogeschool",
            {"streetAddress": "Brusselseweg 150", "addressLocality": "Maastricht"},
        ),
        (
            "Nieuw Eyckholt 300a, 6419DJ Heerlen",
            "Nieuw Eyckholt 300a",
            {
                "streetAddress": "Nieuw Eyckholt 300a",
                "postalCode": "6419DJ",
                "addressLocality": "Heerlen",
            },
        ),
        ("Zuyd Hogeschool, Heerlen", None, None),
        ("Lokaal 2.14", None, None),
    ],
)
def test_a_place_gives_a_postal_address_only_when_written_as_one(place, name, address):
    from sessions_app.structured_data import postal_address

    found = postal_address(place)
    if address is None:
        assert found is None
    else:
        assert found == (name, {"@type": "PostalAddress", **address, "addressCountry": "NL"})


def test_the_share_image_is_a_small_png_of_the_size_link_previews_ask():
    path = finders.find("img/leeratelier-delen.png")
    assert path is not None
    with Image.open(path) as image:
        assert (image.format, image.size) == ("PNG", (1200, 630))
    assert Path(path).stat().st_size < 30_000


def test_winter_event_has_a_plus_one_hour_offset_in_json_ld(client):
    event = make_event_at("open-dag", local(FUTURE_YEAR, 1, 14, 9, 0), kind=PUBLIC)
    (data,) = json_ld(content(client.get(event.get_absolute_url())))
    assert data["startDate"] == f"{FUTURE_YEAR}-01-14T09:00:00+01:00"


def test_a_title_cannot_break_out_of_the_json_ld_script(client):
    title = 'Open </script><script>alert(1)</script> & "dag"'
    event = make_event("open-dag", kind=PUBLIC, title=title)

    page = content(client.get(event.get_absolute_url()))

    assert "<script>alert(1)" not in page
    assert page.count("<script") == page.count("</script>")
    (data,) = json_ld(page)
    assert data["name"] == title
    assert 'content="Open &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;' in page


def test_the_online_link_is_not_in_the_json_ld(client):
    event = make_event("webinar", kind=PUBLIC, place="", online_link=ONLINE_LINK)
    page = content(client.get(event.get_absolute_url()))
    (data,) = json_ld(page)
    assert data["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert ONLINE_LINK not in page


def test_meetings_have_no_open_graph_or_json_ld(client, member):
    event = make_event(kind=MEETING)
    client.force_login(member)

    page = content(client.get(event.get_absolute_url()))

    assert json_ld(page) == []
    assert "application/ld+json" not in page
    assert "og:title" not in page


def test_a_member_registers_for_a_meeting_in_one_click(client, member):
    event = make_event(capacity=5, title="Ledenbijeenkomst")
    client.force_login(member)

    response = client.post(reverse("agenda:register", args=[event.slug]), follow=True)

    assert response.redirect_chain[-1][0] == event.get_absolute_url()
    registration = event.registrations.get()
    assert (registration.user, registration.status) == (member, CONFIRMED)
    assert REGISTERED_MESSAGE in text(response)
    assert [m.to for m in mail.outbox] == [[member.email]]
    assert cancel_url(registration).removeprefix(settings.SITE_URL) in content(response)


def test_clicking_register_twice_keeps_one_registration(client, member):
    event = make_event(capacity=5)
    client.force_login(member)
    client.post(reverse("agenda:register", args=[event.slug]))

    response = client.post(reverse("agenda:register", args=[event.slug]), follow=True)

    assert event.registrations.count() == 1
    assert ALREADY_REGISTERED in text(response)


def test_a_member_who_does_not_attend_meetings_is_refused_with_a_message(client):
    event = make_event(capacity=5)
    client.force_login(make_member("online@example.org", ParticipationLevel.ONLINE))

    response = client.post(reverse("agenda:register", args=[event.slug]), follow=True)

    assert response.status_code == 200
    assert MEETINGS_ONLY in text(response)
    assert not event.registrations.exists()


def test_a_visitor_posting_register_is_sent_to_the_login_page(client):
    event = make_event("open-dag", kind=PUBLIC)
    response = client.post(reverse("agenda:register", args=[event.slug]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert not event.registrations.exists()


def test_register_by_get_is_not_allowed(client, member):
    event = make_event()
    client.force_login(member)
    assert client.get(reverse("agenda:register", args=[event.slug])).status_code == 405
    assert not event.registrations.exists()


BAD_GUEST_INPUT = {
    "empty": {"name": "", "email": ""},
    "blanks": {"name": "   ", "email": "   "},
    "invalid e-mail": {"name": "Ans de Vries", "email": "ans-at-example"},
    "very long name": {"name": "A" * 10_000, "email": "ans@example.org"},
    "very long e-mail": {"name": "Ans", "email": "a" * 10_000 + "@example.org"},
    "control characters only": {"name": "\x07\x08\x1b", "email": "ans@example.org"},
    "control character in e-mail": {"name": "Ans", "email": "ans\x07@example.org"},
    "null byte": {"name": "Ans\x00de Vries", "email": "ans@example.org"},
    "script as e-mail": {"name": "<script>alert(1)</script>", "email": "<script>@x.nl"},
}


@pytest.mark.parametrize("data", BAD_GUEST_INPUT.values(), ids=BAD_GUEST_INPUT.keys())
def test_bad_guest_input_gets_the_form_back_with_an_error_summary(client, data):
    event = make_event("open-dag", kind=PUBLIC)

    response = client.post(reverse("agenda:register_guest", args=[event.slug]), data)

    assert response.status_code == 200
    page = content(response)
    assert 'class="error-summary"' in page
    assert ERROR_SUMMARY_TITLE in page
    assert re.search(r"<title>\s*Fout:", page)
    errors = response.context["form"].errors
    assert errors
    for field in errors:  # the summary links to the field, the message sits next to it
        assert f'href="#id_{field}"' in page
        assert f'id="id_{field}_error"' in page
    assert "<script>alert(1)" not in page
    assert not Registration.objects.exists()
    assert mail.outbox == []


def test_empty_guest_form_says_in_dutch_what_is_missing(client):
    event = make_event("open-dag", kind=PUBLIC)
    response = client.post(reverse("agenda:register_guest", args=[event.slug]), {})
    page = text(response)
    assert "Vul je naam in." in page
    assert "Vul je e-mailadres in." in page or "Vul een e-mailadres in" in page


def test_control_characters_in_a_guest_name_are_removed(client):
    event = make_event("open-dag", kind=PUBLIC)
    data = {"name": " Ans  de\x07 Vries\x1b", "email": "ans@example.org"}

    client.post(reverse("agenda:register_guest", args=[event.slug]), data)

    assert event.registrations.get().guest_name == "Ans de Vries"


def test_a_guest_cannot_register_for_a_meeting_through_the_form(client, agenda):
    response = client.post(
        reverse("agenda:register_guest", args=["ledenbijeenkomst"]),
        {"name": "Ans", "email": "ans@example.org"},
    )
    assert response.status_code == 404
    assert not Registration.objects.exists()


def test_guest_registers_checks_mail_and_confirms_with_a_button(client):
    event = make_event("open-dag", kind=PUBLIC, capacity=2, title="Open dag")

    response = client.post(
        reverse("agenda:register_guest", args=[event.slug]),
        {"name": "Ans de Vries", "email": "ans@example.org"},
    )

    assert response.status_code == 200
    assert CHECK_YOUR_EMAIL in text(response)
    assert "ans@example.org" in text(response)
    registration = event.registrations.get()
    assert (registration.guest_name, registration.status) == ("Ans de Vries", PENDING)
    (message,) = mail.outbox
    confirm_url = re.search(r"https?://\S+/bevestigen/\S+/", message.body).group(0)
    confirm_path = confirm_url.removeprefix(settings.SITE_URL)

    page = client.get(confirm_path)  # a mail scanner following the link changes nothing

    assert page.status_code == 200
    assert CONFIRM_BUTTON in text(page)
    assert '<form method="post"' in content(page)
    assert statuses(registration) == [PENDING]
    assert event.seats_left() == 2

    done = client.post(confirm_path)

    assert done.status_code == 200
    assert statuses(registration) == [CONFIRMED]
    assert event.seats_left() == 1
    assert mail.outbox[-1].subject == SUBJECT_REGISTERED + "Open dag"


def test_the_confirm_link_after_the_deadline_says_so_in_dutch(client):
    event = make_event("open-dag", kind=PUBLIC, capacity=2)
    guest = rules.register_guest(event, "Ans", "ans@example.org")
    path = reverse("agenda:confirm", args=[guest.token])
    Event.objects.filter(pk=event.pk).update(
        registration_deadline=timezone.now() - timedelta(minutes=1)
    )

    page = client.get(path)

    assert page.status_code == 200
    assert REGISTRATION_CLOSED in text(page)
    assert CONFIRM_BUTTON not in text(page)  # no button that can only fail

    done = client.post(path)  # a page opened before the deadline, sent after it

    assert done.status_code == 200
    assert REGISTRATION_CLOSED in text(done)
    assert statuses(guest) == [PENDING]
    assert event.seats_left() == 2


def test_the_guest_form_answers_alike_for_a_registered_and_a_new_address(client):
    event = make_event("open-dag", kind=PUBLIC, capacity=5)
    rules.register_member(event, make_member("piet@example.org"))
    url = reverse("agenda:register_guest", args=[event.slug])

    registered = client.post(url, {"name": "Piet Jansen", "email": "Piet@Example.org"})
    new = client.post(url, {"name": "Ans de Vries", "email": "ans@example.org"})

    assert registered.status_code == new.status_code == 200

    # The same page, but for the address typed: it tells no one who is registered.
    def page(response, email):  # without what differs per request: the CSRF token
        return re.sub(r'value="[A-Za-z0-9]{64}"', "", text(response).replace(email, "<email>"))

    assert page(registered, "Piet@Example.org") == page(new, "ans@example.org")
    assert CHECK_YOUR_EMAIL in text(registered)
    assert ADDRESS_ALREADY_REGISTERED not in text(registered)
    assert event.registrations.count() == 2


def test_the_cancel_link_after_the_start_refuses_and_says_why(client):
    start = soon(-1)
    event = make_event("open-dag", kind=PUBLIC, start=start, end=start + timedelta(hours=3))
    guest = Registration.objects.create(
        event=event, guest_name="Ans", guest_email="ans@example.org", status=CONFIRMED
    )
    path = reverse("agenda:cancel", args=[guest.token])

    page = client.get(path)

    assert page.status_code == 200
    assert ALREADY_STARTED in text(page)
    assert CANCEL_BUTTON not in text(page)

    done = client.post(path)

    assert done.status_code == 200
    assert ALREADY_STARTED in text(done)
    assert statuses(guest) == [CONFIRMED]


def test_my_registrations_refuses_cancelling_a_started_event_with_a_message(client, member):
    start = soon(-1)
    event = make_event(title="Lopende bijeenkomst", start=start, end=start + timedelta(hours=3))
    registration = Registration.objects.create(event=event, user=member, status=CONFIRMED)
    client.force_login(member)

    listed = client.get(reverse("agenda:mine"))

    assert "Lopende bijeenkomst" in text(listed)
    assert reverse("agenda:cancel", args=[registration.token]) not in content(listed)
    assert "Al begonnen" in text(listed)

    response = client.post(reverse("agenda:cancel", args=[registration.token]), follow=True)

    assert response.redirect_chain == [(reverse("agenda:mine"), 302)]
    assert ALREADY_STARTED in text(response)
    assert statuses(registration) == [CONFIRMED]


def test_an_unknown_confirm_or_cancel_token_gives_404(client):
    assert client.get(reverse("agenda:confirm", args=["onbekend"])).status_code == 404
    assert client.post(reverse("agenda:cancel", args=["onbekend"])).status_code == 404


def test_the_cancel_link_asks_first_then_cancels_and_promotes(client):
    event = make_event("open-dag", kind=PUBLIC, capacity=1)
    guest = rules.confirm_guest(rules.register_guest(event, "Ans", "ans@example.org"))
    queued_member = make_member()
    queued = rules.register_member(event, queued_member)
    link = [m for m in mail.outbox if m.to == ["ans@example.org"]][-1]
    path = cancel_url(guest).removeprefix(settings.SITE_URL)
    assert cancel_url(guest) in link.body

    page = client.get(path)

    assert page.status_code == 200
    assert CANCEL_BUTTON in text(page)
    assert statuses(guest, queued) == [CONFIRMED, WAITLISTED]

    done = client.post(path)

    assert done.status_code == 200
    assert statuses(guest, queued) == [CANCELLED, CONFIRMED]
    assert mail.outbox[-1].to == [queued_member.email]
    assert mail.outbox[-1].subject.startswith(SUBJECT_PROMOTED)


def test_a_member_cancels_from_my_registrations(client, member):
    event = make_event(capacity=1)
    registration = rules.register_member(event, member)
    client.force_login(member)

    response = client.post(reverse("agenda:cancel", args=[registration.token]))

    assert response.status_code == 302
    assert response["Location"] == reverse("agenda:mine")
    assert statuses(registration) == [CANCELLED]


def test_my_registrations_lists_mine_only_with_my_feed_address(client, member):
    mine = make_event("mijn-bijeenkomst", title="Mijn bijeenkomst", capacity=5)
    theirs = make_event("hun-bijeenkomst", title="Hun bijeenkomst", capacity=5)
    dropped = make_event("afgezegd", title="Afgezegd", capacity=5)
    rules.register_member(mine, member)
    rules.register_member(theirs, make_member("ander@example.org"))
    rules.cancel_registration(rules.register_member(dropped, member))
    client.force_login(member)

    response = client.get(reverse("agenda:mine"))

    assert response.status_code == 200
    assert [r.event.title for r in response.context["registrations"]] == ["Mijn bijeenkomst"]
    page = text(response)
    assert "Mijn bijeenkomst" in page
    assert "Hun bijeenkomst" not in page
    feed = CalendarFeed.objects.get(user=member)
    feed_url = response.context["feed_url"]
    assert feed_url.endswith(reverse("agenda:personal_feed", args=[feed.token]))
    assert feed_url in page


def test_my_registrations_needs_a_login(client):
    response = client.get(reverse("agenda:mine"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_renewing_the_feed_address_makes_the_old_one_stop_working(client, member):
    client.force_login(member)
    old_url = client.get(reverse("agenda:mine")).context["feed_url"]
    old_path = old_url.removeprefix("http://testserver")
    assert client.get(old_path).status_code == 200

    response = client.post(reverse("agenda:renew_feed"), follow=True)

    assert FEED_RENEWED in text(response)
    new_url = response.context["feed_url"]
    assert new_url != old_url
    assert client.get(old_path).status_code == 404
    assert client.get(new_url.removeprefix("http://testserver")).status_code == 200


def test_renewing_needs_a_post(client, member):
    client.force_login(member)
    assert client.get(reverse("agenda:renew_feed")).status_code == 405


# --- iCalendar -------------------------------------------------------------------------------


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


# --- reminders -------------------------------------------------------------------------------


@pytest.fixture
def reminder_agenda():
    """Who is due for a reminder when the command runs now."""
    due = make_event("morgen", kind=PUBLIC, capacity=2, start=soon(20), end=soon(22))
    confirmed, queued, gone, other = members(4)
    registrations = {
        "confirmed": rules.register_member(due, confirmed),
        "guest": rules.confirm_guest(rules.register_guest(due, "Ans", "ans@example.org")),
        "waitlisted": rules.register_member(due, queued),
        "pending": rules.register_guest(due, "Bob", "bob@example.org"),
    }
    rules.cancel_registration(rules.register_member(due, gone))  # was waitlisted: no promotion
    registrations["cancelled"] = Registration.objects.get(user=gone)
    later = make_event("later", kind=PUBLIC, start=soon(30), end=soon(32))
    started = make_event("bezig", kind=PUBLIC, start=soon(-1), end=soon(1))
    called_off = make_event("afgelast", kind=PUBLIC, start=soon(5), end=soon(6))
    for event in (later, started, called_off):
        Registration.objects.create(event=event, user=other, status=CONFIRMED)
    called_off.status = EventStatus.CANCELLED
    called_off.save()
    mail.outbox.clear()
    return due, registrations


def test_reminders_go_to_confirmed_registrants_of_events_within_a_day(reminder_agenda):
    due, registrations = reminder_agenda
    assert statuses(*registrations.values()) == [
        CONFIRMED, CONFIRMED, WAITLISTED, PENDING, CANCELLED,
    ]  # fmt: skip
    expected = {registrations["confirmed"].email, registrations["guest"].email}

    sent = send_due_reminders()

    assert sent == len(expected) == len(mail.outbox)
    assert {m.to[0] for m in mail.outbox} == expected
    for message in mail.outbox:
        # "Vandaag: " or "Morgen: ", by the clock (tests/test_reminders.py pins which).
        assert message.subject.endswith(": " + due.title)
        assert ics_attachments(message)
        (registration,) = [r for r in due.registrations.all() if r.email == message.to[0]]
        assert cancel_url(registration) in message.body
        assert registration.reminder_sent_at is not None


def test_reminders_are_never_sent_twice(reminder_agenda):
    first = send_due_reminders()
    assert first > 0
    mail.outbox.clear()

    assert send_due_reminders() == 0
    assert send_due_reminders(now=timezone.now() + timedelta(hours=2)) == 0
    assert mail.outbox == []


def test_reminders_follow_the_clock_they_are_given(reminder_agenda):
    due, _registrations = reminder_agenda
    later = Event.objects.get(slug="later")

    # Seven hours from now "later" is within a day and "morgen" has not started yet.
    assert send_due_reminders(now=timezone.now() + timedelta(hours=7)) > 1
    assert {m.subject.split(": ", 1)[1] for m in mail.outbox} == {due.title, later.title}
    # A day later both have started: nothing more to send.
    mail.outbox.clear()
    assert send_due_reminders(now=timezone.now() + timedelta(hours=31)) == 0


def test_a_waitlisted_person_gets_no_reminder(reminder_agenda):
    _due, registrations = reminder_agenda
    send_due_reminders()
    waitlisted = Registration.objects.filter(status=WAITLISTED)
    assert waitlisted.exists()
    assert {m.to[0] for m in mail.outbox}.isdisjoint({r.email for r in waitlisted})
    assert not waitlisted.filter(reminder_sent_at__isnull=False).exists()


def test_the_send_reminders_command_sends_once_and_reports(reminder_agenda):
    out = io.StringIO()
    call_command("send_reminders", stdout=out)
    sent = len(mail.outbox)
    assert sent > 0
    assert str(sent) in out.getvalue()

    again = io.StringIO()
    call_command("send_reminders", stdout=again)
    assert len(mail.outbox) == sent
    assert again.getvalue().startswith("0")


# --- the coordinator's admin -----------------------------------------------------------------


@pytest.fixture
def admin_client(client, coordinator):
    assert not coordinator.is_superuser
    client.force_login(coordinator)
    return client


def test_changelist_shows_fill_rate_and_filters_by_kind_and_time(admin_client, agenda):
    event = agenda["public"]
    event.capacity = 4
    event.save()
    for person in members(3):
        rules.register_member(event, person)
    url = reverse("admin:sessions_app_event_changelist")

    response = admin_client.get(url)

    assert response.status_code == 200
    assert "3 / 4 (75%)" in content(response)
    assert response.context["cl"].date_hierarchy == "start"

    def listed(query):
        page = admin_client.get(url + query)
        assert page.status_code == 200
        return {event.title for event in page.context["cl"].result_list}

    assert listed("?kind__exact=public") == {"Open dag", "Concept", "Terugblik"}
    assert listed("?kind__exact=meeting") == {"Ledenbijeenkomst", "Oud overleg"}
    assert listed("?status__exact=draft") == {"Concept"}
    assert listed("?wanneer=komend") == {"Open dag", "Ledenbijeenkomst", "Concept"}
    assert listed("?wanneer=voorbij") == {"Terugblik", "Oud overleg"}
    assert listed("?wanneer=komend&kind__exact=public") == {"Open dag", "Concept"}


def test_change_form_shows_the_registrations_inline(admin_client):
    event = make_event(capacity=5)
    person = make_member()
    rules.register_member(event, person)

    response = admin_client.get(reverse("admin:sessions_app_event_change", args=[event.pk]))

    assert response.status_code == 200
    assert person.email in content(response)
    assert person.profile.display_name in content(response)


def read_csv(response) -> list[list[str]]:
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")
    return list(csv.reader(io.StringIO(body.removeprefix("\ufeff"))))


def test_export_registrations_as_csv_with_formulas_defused(admin_client):
    event = make_event("open-dag", kind=PUBLIC, capacity=5, title="Open dag")
    person = make_member()
    rules.register_member(event, person)
    rules.register_guest(event, '=HYPERLINK("http://evil.example","klik")', "eve@example.org")
    rules.register_guest(event, "+31 6 1234", "plus@example.org")
    make_event("andere", kind=PUBLIC)  # not selected

    response = admin_post_action(admin_client, "event", "export_registrations", [event.pk])

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith("attachment;")
    header, *rows = read_csv(response)
    assert header[0] == "activiteit"
    assert header[2:4] == ["naam", "e-mailadres"]
    assert len(rows) == 3
    assert all(row[0] == "Open dag" and len(row) == len(header) for row in rows)
    names = {row[2] for row in rows}
    assert '\'=HYPERLINK("http://evil.example","klik")' in names
    assert "'+31 6 1234" in names
    assert person.profile.display_name in names
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)


def test_cancel_action_cancels_and_mails_everyone_registered(admin_client):
    event = make_event("open-dag", kind=PUBLIC, capacity=1, title="Open dag")
    people = members(2)
    for person in people:
        rules.register_member(event, person)
    mail.outbox.clear()

    response = admin_post_action(admin_client, "event", "cancel_events", [event.pk])

    assert response.status_code == 302
    event.refresh_from_db()
    assert event.status == EventStatus.CANCELLED
    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.email for p in people)
    assert all(m.subject == SUBJECT_EVENT_CANCELLED + "Open dag" for m in mail.outbox)

    mail.outbox.clear()
    admin_post_action(admin_client, "event", "cancel_events", [event.pk])
    assert mail.outbox == []  # a cancelled event is not cancelled (and announced) again


def test_plan_series_copies_an_event_to_new_dates_at_a_fixed_interval(admin_client):
    start = local(FUTURE_YEAR, 2, 11, 14, 0)
    original = make_event_at(
        "atelier", start, hours=3, title="Atelier", capacity=12,
        registration_deadline=start - timedelta(days=2), online_link=ONLINE_LINK,
    )  # fmt: skip
    rules.register_member(original, make_member())

    form_page = admin_post_action(admin_client, "event", "plan_series", [original.pk])

    assert form_page.status_code == 200
    assert 'name="first_start"' in content(form_page)
    assert Event.objects.count() == 1

    response = admin_post_action(
        admin_client, "event", "plan_series", [original.pk],
        apply="1", first_start=f"{FUTURE_YEAR}-03-11 14:00", count="3", interval_weeks="4",
    )  # fmt: skip

    assert response.status_code == 302
    copies = list(Event.objects.exclude(pk=original.pk).order_by("start"))
    assert len(copies) == 3
    first = local(FUTURE_YEAR, 3, 11, 14, 0)
    for number, copy in enumerate(copies):
        local_start = timezone.localtime(copy.start)
        # Four weeks apart on the calendar, always at 14:00 Amsterdam time (across summer time).
        assert local_start.date() == (first + timedelta(weeks=4 * number)).date()
        assert (local_start.hour, local_start.minute) == (14, 0)
        assert copy.end - copy.start == timedelta(hours=3)
        assert copy.start - copy.registration_deadline == timedelta(days=2)
        assert copy.status == EventStatus.DRAFT
        assert (copy.title, copy.kind, copy.capacity, copy.place, copy.online_link) == (
            "Atelier", MEETING, 12, original.place, ONLINE_LINK,
        )  # fmt: skip
        assert copy.slug != original.slug
        assert not copy.registrations.exists()
    assert len({copy.slug for copy in copies}) == 3


def test_plan_series_with_bad_input_shows_the_form_again(admin_client):
    original = make_event("atelier")
    response = admin_post_action(
        admin_client, "event", "plan_series", [original.pk],
        apply="1", first_start="geen datum", count="0", interval_weeks="4",
    )  # fmt: skip
    assert response.status_code == 200
    assert response.context["form"].errors.keys() >= {"first_start", "count"}
    assert Event.objects.count() == 1


def admin_change_data(event: Event, **changes) -> dict:
    """What the admin's change form posts for an event, with its registrations inline."""
    start, end = timezone.localtime(event.start), timezone.localtime(event.end)
    data = {
        "kind": event.kind, "title": event.title, "slug": event.slug,
        "summary": event.summary, "description": event.description, "status": event.status,
        "start_0": start.strftime("%Y-%m-%d"), "start_1": start.strftime("%H:%M:%S"),
        "end_0": end.strftime("%Y-%m-%d"), "end_1": end.strftime("%H:%M:%S"),
        "place": event.place, "online_link": event.online_link,
        "capacity": "" if event.capacity is None else str(event.capacity),
        "registration_deadline_0": "", "registration_deadline_1": "",
    }  # fmt: skip
    registrations = list(event.registrations.all())
    data.update({
        "registrations-TOTAL_FORMS": str(len(registrations)),
        "registrations-INITIAL_FORMS": str(len(registrations)),
        "registrations-MIN_NUM_FORMS": "0",
        "registrations-MAX_NUM_FORMS": "1000",
    })  # fmt: skip
    for number, registration in enumerate(registrations):
        data[f"registrations-{number}-id"] = str(registration.pk)
        data[f"registrations-{number}-event"] = str(event.pk)
        data[f"registrations-{number}-attended"] = "unknown"
    data.update(changes)
    return data


def test_more_places_in_the_change_form_move_people_up_from_the_waiting_list(admin_client):
    event = make_event("open-dag", kind=PUBLIC, capacity=1)
    registrations = [rules.register_member(event, person) for person in members(4)]
    mail.outbox.clear()
    url = reverse("admin:sessions_app_event_change", args=[event.pk])

    response = admin_client.post(url, admin_change_data(event, capacity="3"))

    assert response.status_code == 302, response.context["errors"]
    event.refresh_from_db()
    assert event.capacity == 3
    assert statuses(*registrations) == [CONFIRMED, CONFIRMED, CONFIRMED, WAITLISTED]
    assert sorted(m.to[0] for m in mail.outbox) == sorted(r.user.email for r in registrations[1:3])
    assert all(m.subject.startswith(SUBJECT_PROMOTED) for m in mail.outbox)


def test_choosing_cancelled_in_the_change_form_tells_everyone_registered(admin_client):
    event = make_event("open-dag", kind=PUBLIC, capacity=1, title="Open dag")
    holder, queued = members(2)
    rules.register_member(event, holder)
    rules.register_member(event, queued)
    rules.register_guest(event, "Ans", "ans@example.org")  # not confirmed yet: told too
    mail.outbox.clear()
    url = reverse("admin:sessions_app_event_change", args=[event.pk])

    response = admin_client.post(url, admin_change_data(event, status=EventStatus.CANCELLED))

    assert response.status_code == 302, response.context["errors"]
    event.refresh_from_db()
    assert event.status == EventStatus.CANCELLED
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [holder.email, queued.email, "ans@example.org"]
    )
    assert all(m.subject == SUBJECT_EVENT_CANCELLED + "Open dag" for m in mail.outbox)

    mail.outbox.clear()
    event.refresh_from_db()
    admin_client.post(url, admin_change_data(event, summary="Gaat niet door."))
    assert mail.outbox == []  # saving a cancelled event again announces nothing


def test_cancel_registrations_action_cancels_and_moves_the_first_in_line_up(admin_client):
    event = make_event("open-dag", kind=PUBLIC, capacity=1, title="Open dag")
    holder, first, second = members(3)
    registrations = [rules.register_member(event, person) for person in (holder, first, second)]
    mail.outbox.clear()

    response = admin_post_action(
        admin_client, "registration", "cancel_registrations", [registrations[0].pk]
    )

    assert response.status_code == 302
    assert statuses(*registrations) == [CANCELLED, CONFIRMED, WAITLISTED]
    subjects = {m.to[0]: m.subject for m in mail.outbox}
    assert subjects == {
        holder.email: SUBJECT_CANCELLED_REGISTRATION + "Open dag",
        first.email: SUBJECT_PROMOTED + "Open dag",
    }


def test_cancel_registrations_action_keeps_registrations_of_started_events(admin_client):
    start = soon(-1)
    event = make_event(capacity=5, start=start, end=start + timedelta(hours=3))
    registration = Registration.objects.create(event=event, user=make_member(), status=CONFIRMED)

    response = admin_post_action(
        admin_client, "registration", "cancel_registrations", [registration.pk]
    )

    assert response.status_code == 302
    assert statuses(registration) == [CONFIRMED]
    assert mail.outbox == []


def test_mark_attended_action_marks_confirmed_registrations(admin_client):
    event = make_event(capacity=1, days_ahead=-1)
    came, queued = members(2)
    came_registration = Registration.objects.create(event=event, user=came, status=CONFIRMED)
    queued_registration = Registration.objects.create(event=event, user=queued, status=WAITLISTED)

    response = admin_post_action(
        admin_client,
        "registration",
        "mark_attended",
        [came_registration.pk, queued_registration.pk],
    )

    assert response.status_code == 302
    came_registration.refresh_from_db()
    queued_registration.refresh_from_db()
    assert came_registration.attended is True
    assert queued_registration.attended is None

    admin_post_action(admin_client, "registration", "mark_absent", [came_registration.pk])
    came_registration.refresh_from_db()
    assert came_registration.attended is False


def test_the_coordinator_cannot_add_registrations_around_the_rules(admin_client):
    response = admin_client.get(reverse("admin:sessions_app_registration_add"))
    assert response.status_code == 403


# --- home page -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "sees_meeting"),
    [("visitor", False), ("applicant", False), ("member_online", True), ("coordinator", True)],
)
def test_home_shows_next_public_events_and_next_meetings_to_members(client, role, sees_meeting):
    make_event("open-dag", kind=PUBLIC, title="Open dag", days_ahead=5)
    make_event("ledenbijeenkomst", kind=MEETING, title="Ledenbijeenkomst", days_ahead=6)
    make_event("terugblik", kind=PUBLIC, title="Terugblik", days_ahead=-5)
    make_event("concept", kind=PUBLIC, title="Concept", status=EventStatus.DRAFT)
    person = make_role(role)
    if person:
        client.force_login(person)

    response = client.get(reverse("home"))

    assert response.status_code == 200
    public_titles = [e.title for e in response.context["public_events"]]
    assert public_titles[0] == "Open dag"
    assert [e.title for e in response.context["meetings"]] == (
        ["Ledenbijeenkomst"] if sees_meeting else []
    )
    page = text(response)
    assert "Open dag" in page
    assert "Terugblik" not in page
    if role != "coordinator":  # the coordinator sees drafts, as in the agenda
        assert public_titles == ["Open dag"]
        assert "Concept" not in page
    assert ("Ledenbijeenkomst" in page) is sees_meeting
    assert (NEXT_MEETINGS in page) is sees_meeting


def test_home_shows_the_soonest_public_events_first(client):
    for days in (20, 2, 9, 30):
        make_event(f"dag-{days}", kind=PUBLIC, title=f"Dag {days}", days_ahead=days)
    response = client.get(reverse("home"))
    assert [e.title for e in response.context["public_events"]] == ["Dag 2", "Dag 9", "Dag 20"]


# --- query counts ----------------------------------------------------------------------------


def populate(count: int, start_index: int = 0) -> None:
    """`count` events of every sort, each with a few registrations."""
    people = [make_member(f"q{start_index}-{n}@example.org") for n in range(3)]
    for n in range(start_index, start_index + count):
        kind = PUBLIC if n % 4 < 2 else MEETING
        days = -3 - n if n % 2 else 3 + n  # alternately upcoming and past
        event = make_event(f"event-{n}", kind=kind, days_ahead=days, capacity=2 + n % 3)
        for person in people[: n % 4]:
            Registration.objects.create(event=event, user=person, status=CONFIRMED)


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
    "detail": (3, 6),  # + the event's reports from the library
    "feed": (1, 1),
    "home": (4, 7),  # + the newest public library items
}


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


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
