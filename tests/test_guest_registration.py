"""Guests (no account) register for public events by e-mail and confirm by a link
(`sessions_app/registration.py`): no place until confirmed, no second place, no leak of who is
registered.
"""

from datetime import timedelta

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from members.models import User
from sessions_app import registration as rules
from sessions_app.models import Event

from .factories import make_event, make_member
from .helpers import (
    CONFIRMED,
    MEETING,
    PENDING,
    PUBLIC,
    REGISTRATION_CLOSED,
    SUBJECT_REGISTERED,
    WAITLISTED,
    cancel_url,
    statuses,
)

pytestmark = pytest.mark.django_db


SUBJECT_CONFIRM = "Bevestig je aanmelding: "
ALREADY_REGISTERED_AS_GUEST = "Je bent al als gast aangemeld voor deze activiteit"


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
