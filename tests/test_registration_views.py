"""Registering and cancelling through the pages: one click for members, the cancel link for all."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse

from members.models import ParticipationLevel
from sessions_app import registration as rules

from .factories import make_event, make_member, make_registration
from .helpers import (
    ALREADY_REGISTERED,
    ALREADY_STARTED,
    CANCELLED,
    CONFIRMED,
    PUBLIC,
    SUBJECT_PROMOTED,
    WAITLISTED,
    cancel_url,
    content,
    soon,
    statuses,
    text,
)

pytestmark = pytest.mark.django_db


REGISTERED_MESSAGE = "Je bent aangemeld. We hebben je een e-mail gestuurd."
MEETINGS_ONLY = "Alleen leden die deelnemen aan bijeenkomsten kunnen zich aanmelden."
CANCEL_BUTTON = "Mijn aanmelding annuleren"


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


def test_the_cancel_link_after_the_start_refuses_and_says_why(client):
    start = soon(-1)
    event = make_event("open-dag", kind=PUBLIC, start=start, end=start + timedelta(hours=3))
    guest = make_registration(
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
    registration = make_registration(event=event, user=member, status=CONFIRMED)
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
