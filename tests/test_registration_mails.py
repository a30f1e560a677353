"""The registration e-mails: a cancel link and the event as iCalendar, Dutch dates, the online link
only for those with a place.
"""

import pytest
from django.core import mail
from django.utils import timezone

from sessions_app import registration as rules
from sessions_app.reminders import send_due_reminders

from .factories import make_event, make_event_at, make_member, members
from .helpers import (
    DUTCH_WEEKDAYS,
    FUTURE_YEAR,
    ONLINE_LINK,
    PUBLIC,
    SUBJECT_CANCELLED_REGISTRATION,
    SUBJECT_REGISTERED,
    cancel_url,
    ics_attachments,
    local,
    soon,
    vevents,
)

pytestmark = pytest.mark.django_db


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
