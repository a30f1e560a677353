"""The site's e-mails go through the queue with a key naming their event: the same event
twice is one e-mail; asking again (a guest's second registration) is a new one; allauth's
account e-mails are queued too."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from atelier.models import OutgoingMail
from sessions_app import notifications
from sessions_app import registration as rules
from sessions_app.models import EventKind, Registration
from sessions_app.reminders import send_due_reminders

from .factories import make_event

pytestmark = pytest.mark.django_db


def test_a_registration_is_confirmed_by_one_email_however_often_it_is_told(member):
    registration = rules.register_member(make_event(), member)

    notifications.registration_received(registration)  # a retry of the same step

    assert len(mail.outbox) == 1
    assert OutgoingMail.objects.get().key == f"registration_confirmed:{registration.pk}"


def test_a_reminder_goes_once_even_if_its_claim_is_undone(member):
    event = make_event(days_ahead=0.5)
    rules.register_member(event, member)
    mail.outbox.clear()

    assert send_due_reminders() == 1
    Registration.objects.update(reminder_sent_at=None)  # e.g. a restored backup
    send_due_reminders()

    assert len(mail.outbox) == 1
    assert OutgoingMail.objects.filter(key__startswith="reminder:").count() == 1


def test_a_guest_who_registers_again_gets_the_link_again():
    event = make_event(kind=EventKind.PUBLIC)

    rules.register_guest(event, "Gast", "gast@example.org")
    rules.register_guest(event, "Gast", "gast@example.org")

    assert len(mail.outbox) == 2


def test_allauths_account_emails_are_queued(client, member):
    client.post(reverse("account_reset_password"), {"email": member.email})

    (row,) = OutgoingMail.objects.all()
    assert row.to == member.email
    assert row.status == OutgoingMail.Status.SENT
    assert [message.to for message in mail.outbox] == [[member.email]]
    assert "/accounts/password/reset/key/" in mail.outbox[0].body


def test_an_event_cancelled_twice_tells_each_registrant_once(member):
    event = make_event(start=timezone.now() + timedelta(days=3))
    rules.register_member(event, member)
    mail.outbox.clear()

    rules.cancel_event(event)
    rules.cancel_event(event)

    assert len(mail.outbox) == 1
