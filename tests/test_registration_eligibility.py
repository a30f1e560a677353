"""Who may register for an event, until when, and only once (`sessions_app/registration.py`).

`sessions_app.registration.may_register` is the one rule: the event's page asks it to
offer the button, registering asks it again, and a change of membership releases what it
no longer allows. The cells of the access table are checked in tests/test_access_matrix.py.
"""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from members.models import MembershipStatus, ParticipationLevel
from sessions_app import registration as rules
from sessions_app.models import EventKind, EventStatus, Registration
from sessions_app.registration import may_register

from .factories import (
    ROLES,
    make_event,
    make_member,
    make_profile,
    make_registration,
    make_role,
    make_user,
)
from .helpers import (
    ALREADY_REGISTERED,
    ALREADY_STARTED,
    CANCELLED,
    CONFIRMED,
    PENDING,
    PUBLIC,
    WAITLISTED,
    soon,
    statuses,
)

pytestmark = pytest.mark.django_db

MAY_REGISTER = {
    # role: (members' meeting, public event)
    "visitor": (False, False),  # a visitor registers for a public event as a guest
    "applicant": (False, True),
    "member_public_events": (False, True),
    "member_online": (False, True),
    "member_meetings": (True, True),
    "coordinator": (True, True),
}


@pytest.mark.parametrize("role", ROLES)
def test_may_register_follows_the_access_table(role):
    user = make_role(role)
    meeting = make_event("bijeenkomst", kind=EventKind.MEETING)
    public = make_event("open-middag", kind=EventKind.PUBLIC)
    for_meeting, for_public = MAY_REGISTER[role]
    assert may_register(meeting, user) is for_meeting
    assert may_register(public, user) is for_public


@pytest.mark.parametrize("status", [MembershipStatus.PAUSED, MembershipStatus.ENDED])
def test_a_paused_or_ended_membership_registers_for_no_meeting(status):
    user = make_user()
    make_profile(user, status, ParticipationLevel.MEETINGS)
    assert not may_register(make_event(kind=EventKind.MEETING), user)
    assert may_register(make_event("open-middag", kind=EventKind.PUBLIC), user)


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
    make_registration(event=event, user=person, status=CONFIRMED)

    with pytest.raises(IntegrityError), transaction.atomic():
        make_registration(event=event, user=person, status=WAITLISTED)

    # A cancelled one does not count: it is history, not a place.
    Registration.objects.filter(event=event, user=person).update(status=CANCELLED)
    make_registration(event=event, user=person, status=CONFIRMED)


def test_the_database_refuses_a_second_active_registration_of_a_guest():
    event = make_event("open-dag", kind=PUBLIC)
    make_registration(event=event, guest_name="Ans", guest_email="ans@example.org", status=PENDING)
    with pytest.raises(IntegrityError), transaction.atomic():
        make_registration(
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


@pytest.mark.parametrize("hours_since_start", [0.5, 48], ids=["under-way", "over"])
def test_a_registration_cannot_be_cancelled_once_the_event_has_started(hours_since_start):
    start = soon(-hours_since_start)
    event = make_event(
        "open-dag", kind=PUBLIC, capacity=1, start=start, end=start + timedelta(hours=1)
    )
    came = make_registration(event=event, user=make_member(), status=CONFIRMED)
    queued = make_registration(
        event=event, user=make_member("tweede@example.org"), status=WAITLISTED
    )

    with pytest.raises(rules.RegistrationError) as refused:
        rules.cancel_registration(came)

    assert refused.value.message == ALREADY_STARTED
    assert statuses(came, queued) == [CONFIRMED, WAITLISTED]
    assert mail.outbox == []
