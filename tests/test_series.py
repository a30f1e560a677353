"""Planning follow-up dates of an event at the function level (sessions_app/series.py).

The admin action that calls it is tested in tests/test_agenda_admin.py.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from sessions_app.models import EventStatus
from sessions_app.series import copy_to_dates

from .factories import make_event

pytestmark = pytest.mark.django_db


def test_copies_keep_the_length_and_the_deadline_offset_at_a_fixed_interval():
    original = make_event("intervisie", capacity=12, online_link="https://meet.example.org/x")
    original.registration_deadline = original.start - timedelta(days=2)
    original.save()
    first = original.start + timedelta(weeks=4)
    copies = copy_to_dates(original, first, count=3, interval_weeks=2, publish=False)
    assert [copy.start for copy in copies] == [first + timedelta(weeks=2 * n) for n in range(3)]
    for copy in copies:
        assert copy.end - copy.start == original.end - original.start
        assert copy.start - copy.registration_deadline == timedelta(days=2)
        assert (copy.capacity, copy.online_link) == (12, original.online_link)
        assert copy.status == EventStatus.DRAFT


def test_copies_are_published_at_once_when_asked():
    original = make_event("intervisie")
    copies = copy_to_dates(original, original.start + timedelta(weeks=1), 1, 1, publish=True)
    assert copies[0].status == EventStatus.PUBLISHED
    assert copies[0].registration_deadline is None


def test_each_copy_gets_an_address_of_its_own_with_its_date():
    original = make_event("intervisie")
    start = original.start + timedelta(weeks=1)
    first = copy_to_dates(original, start, 1, 1, publish=False)[0]
    again = copy_to_dates(original, start, 1, 1, publish=False)[0]
    date = f"{timezone.localtime(start):%Y-%m-%d}"
    assert first.slug == f"intervisie-{date}"
    assert again.slug == f"intervisie-{date}-2"
