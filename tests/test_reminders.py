"""The reminder e-mail says when the event is, as it is: today, tomorrow or the date."""

import email
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.template.loader import render_to_string
from django.utils import translation

from sessions_app import registration as rules
from sessions_app.models import EventKind
from sessions_app.reminders import day_word, send_due_reminders

from .factories import make_event, make_member

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def amsterdam(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2031, 3, day, hour, minute, tzinfo=AMSTERDAM)


@pytest.mark.parametrize(
    ("now", "start", "word"),
    [
        (amsterdam(10, 8), amsterdam(10, 20), "today"),
        (amsterdam(10, 23, 30), amsterdam(11, 0, 30), "tomorrow"),  # after midnight
        (amsterdam(10, 20), amsterdam(11, 19), "tomorrow"),
        # 00:30 in Amsterdam is still the 10th in UTC: the day is Amsterdam's.
        (amsterdam(11, 0, 30), amsterdam(11, 23), "today"),
        (amsterdam(10, 8), amsterdam(12, 9), "later"),
    ],
)
def test_the_day_is_counted_on_the_amsterdam_calendar(now, start, word):
    assert day_word(start, now) == word


def registered_for(start: datetime):
    event = make_event("avond", kind=EventKind.PUBLIC, start=start, end=start + timedelta(hours=2))
    rules.register_member(event, make_member())
    mail.outbox.clear()
    return event


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("now", "subject"),
    [
        (amsterdam(10, 8), "Vandaag: Avond"),
        (amsterdam(9, 21), "Morgen: Avond"),
    ],
)
def test_the_reminder_subject_says_today_or_tomorrow_as_it_is(now, subject):
    registered_for(amsterdam(10, 20))

    assert send_due_reminders(now=now) == 1

    assert mail.outbox[0].subject == subject


@pytest.mark.django_db
def test_the_subject_reads_well_in_english_too():
    event = make_event("avond", kind=EventKind.PUBLIC)
    with translation.override("en"):
        subjects = [
            render_to_string(
                "sessions_app/email/reminder_subject.txt", {"event": event, "day": day}
            ).strip()
            for day in ("today", "tomorrow")
        ]
    assert subjects == ["Today: Avond", "Tomorrow: Avond"]


@pytest.mark.django_db
def test_the_calendar_attachment_names_its_charset_once():
    registered_for(amsterdam(10, 20))
    send_due_reminders(now=amsterdam(10, 8))

    parsed = email.message_from_bytes(mail.outbox[0].message().as_bytes())
    (calendar,) = [part for part in parsed.walk() if part.get_content_type() == "text/calendar"]
    header = calendar["Content-Type"]
    assert header.lower().count("charset") == 1, header
    assert calendar.get_content_charset() == "utf-8"
    assert b"BEGIN:VCALENDAR" in calendar.get_payload(decode=True)
