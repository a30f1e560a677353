"""Who gets a reminder and when (`sessions_app/reminders.py`); the wording:
tests/test_reminders.py.
"""

import io
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from sessions_app import registration as rules
from sessions_app.models import Event, EventStatus, Registration
from sessions_app.reminders import send_due_reminders

from .factories import make_event, make_registration, members
from .helpers import (
    CANCELLED,
    CONFIRMED,
    PENDING,
    PUBLIC,
    WAITLISTED,
    cancel_url,
    ics_attachments,
    soon,
    statuses,
)

pytestmark = pytest.mark.django_db


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
        make_registration(event=event, user=other, status=CONFIRMED)
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
