"""The agenda's questions about events: which are published, how many seats are left."""

import pytest

from sessions_app.models import Event, EventStatus

from .factories import make_event

pytestmark = pytest.mark.django_db


def test_published_events_are_neither_drafts_nor_cancelled():
    published = make_event("gaat-door")
    make_event("concept", status=EventStatus.DRAFT)
    make_event("afgelast", status=EventStatus.CANCELLED)
    assert list(Event.objects.published()) == [published]


@pytest.mark.parametrize(
    "capacity, confirmed, seats",
    [(None, 40, None), (10, 3, 7), (10, 10, 0), (10, 12, 0)],
)
def test_seats_left_from_a_count_of_confirmed_places(capacity, confirmed, seats):
    event = Event(capacity=capacity)
    assert event.seats_left(confirmed) == seats
