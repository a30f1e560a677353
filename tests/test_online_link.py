"""Who sees an event's online link, at the function level (sessions_app/online_link.py).

The page, the calendar files and the e-mails are tested through what they show in
tests/test_agenda_pages.py (`test_the_online_link_is_shown_only_to_those_with_a_place`).
"""

import pytest

from sessions_app import registration as rules
from sessions_app.models import Registration, RegistrationStatus
from sessions_app.online_link import (
    carries_online_link,
    events_with_online_link,
    page_shows_online_link,
)

from .factories import make_coordinator, make_event, make_member

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("status", "carries"),
    [
        (RegistrationStatus.CONFIRMED, True),
        (RegistrationStatus.WAITLISTED, False),
        (RegistrationStatus.PENDING, False),
        (RegistrationStatus.CANCELLED, False),
    ],
)
def test_only_a_confirmed_place_carries_the_link(status, carries):
    assert carries_online_link(Registration(status=status)) is carries


def test_no_registration_carries_no_link():
    assert not carries_online_link(None)


def test_the_page_shows_the_link_to_a_confirmed_place_and_to_the_coordinator():
    member = make_member()
    confirmed = Registration(status=RegistrationStatus.CONFIRMED)
    waiting = Registration(status=RegistrationStatus.WAITLISTED)
    assert page_shows_online_link(confirmed, member)
    assert not page_shows_online_link(waiting, member)
    assert not page_shows_online_link(None, member)
    assert not page_shows_online_link(None, None)
    assert page_shows_online_link(None, make_coordinator())


def test_a_calendar_feed_carries_the_link_of_the_events_with_a_place_only():
    full = make_event("vol", capacity=1, online_link="https://meet.example.org/vol")
    open_event = make_event("open", online_link="https://meet.example.org/open")
    holder, queued = make_member("houder@example.org"), make_member("wacht@example.org")
    rules.register_member(full, holder)
    rules.register_member(full, queued)
    rules.register_member(open_event, queued)
    assert events_with_online_link(Registration.objects.filter(user=queued)) == {open_event.pk}
    assert events_with_online_link(Registration.objects.filter(user=holder)) == {full.pk}
