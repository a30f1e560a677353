"""Places and the waiting list (`sessions_app/registration.py`): confirmed up to capacity, then in
line; who moves up when a place frees or the capacity changes; cancelling an event.

The rules come from docs/design.md ("Rules that must hold").
"""

import pytest
from django.core import mail

from sessions_app import registration as rules
from sessions_app.models import EventStatus

from .factories import make_event, make_member, members
from .helpers import (
    CANCELLED,
    CONFIRMED,
    ONLINE_LINK,
    PENDING,
    PUBLIC,
    SUBJECT_EVENT_CANCELLED,
    SUBJECT_PROMOTED,
    SUBJECT_REGISTERED,
    WAITLISTED,
    ics_attachments,
    statuses,
    vevent_text,
    vevents,
)

pytestmark = pytest.mark.django_db


SUBJECT_WAITLISTED = "Op de wachtlijst: "


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
