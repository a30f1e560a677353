"""The dashboard's event figures (dashboard/event_figures.py): per event its registrations,
attendance, no-shows, fill rate and waiting list; the attendance rate per month."""

import itertools
from datetime import date

import pytest

from dashboard.event_figures import attendance, events
from dashboard.periods import Period
from sessions_app.models import EventKind, EventStatus, RegistrationStatus

from .factories import make_event_at, make_registration, make_user
from .helpers import local

pytestmark = pytest.mark.django_db

YEAR = Period.of_year(2025)
CONFIRMED = RegistrationStatus.CONFIRMED
PEOPLE = itertools.count()


def registrations(event, *statuses, attended=()) -> None:
    """One registration per status; the confirmed ones get `attended` in turn."""
    marks = iter(attended)
    for status in statuses:
        fields = {"attended": next(marks, None)} if status == CONFIRMED else {}
        make_registration(event, make_user(f"lid{next(PEOPLE)}@example.org"), status, **fields)


def test_each_event_of_the_period_with_its_registrations_attendance_and_fill_rate():
    full = make_event_at("vol", local(2025, 3, 3, 19), capacity=4)
    registrations(
        full,
        CONFIRMED,
        CONFIRMED,
        CONFIRMED,
        CONFIRMED,
        RegistrationStatus.WAITLISTED,
        RegistrationStatus.WAITLISTED,
        RegistrationStatus.CANCELLED,
        RegistrationStatus.PENDING,
        attended=(True, True, False, None),
    )
    open_ended = make_event_at(
        "open", local(2025, 12, 31, 23, 30), kind=EventKind.PUBLIC, title="Oudejaarsavond"
    )
    registrations(open_ended, CONFIRMED, attended=(True,))
    # Outside the year, a draft and a cancelled event: left out.
    make_event_at("nieuwjaar", local(2026, 1, 1, 0, 30))
    make_event_at("concept", local(2025, 5, 1, 19), status=EventStatus.DRAFT)
    make_event_at("afgelast", local(2025, 5, 2, 19), status=EventStatus.CANCELLED)

    figure = events(YEAR)

    assert figure.rows == [
        # event, date, registered, attended, no-shows, cancelled, fill rate, waiting list
        ["Oudejaarsavond", date(2025, 12, 31), 1, 1, 0, 0, None, 0],
        ["Vol", date(2025, 3, 3), 4, 2, 1, 1, 100.0, 2],
    ]
    assert figure.percent_columns == {6}
    assert "CSV" not in figure.note


def test_the_page_shows_the_latest_events_and_says_how_many_the_csv_holds():
    for day in (1, 2, 3):
        make_event_at(f"dag-{day}", local(2025, 4, day, 19))

    shown = events(YEAR, shown=2)
    complete = events(YEAR, shown=None)

    assert [row[1] for row in shown.rows] == [date(2025, 4, 3), date(2025, 4, 2)]
    assert "De 2 laatste van de 3 activiteiten" in shown.note
    assert len(complete.rows) == 3


def test_a_fill_rate_counts_confirmed_places_of_the_capacity():
    half = make_event_at("half", local(2025, 6, 1, 19), capacity=3)
    registrations(half, CONFIRMED, RegistrationStatus.CANCELLED)

    assert events(YEAR).rows[0][6] == 33.3


def test_the_attendance_rate_per_month_of_recorded_attendance():
    january = make_event_at("januari", local(2025, 1, 10, 19))
    registrations(january, CONFIRMED, CONFIRMED, CONFIRMED, attended=(True, False, None))
    # Already March in Amsterdam, though still 28 February in UTC: counts for March.
    march = make_event_at("maart", local(2025, 3, 1, 0, 30))
    registrations(
        march, CONFIRMED, CONFIRMED, CONFIRMED, CONFIRMED, attended=(True, True, True, False)
    )
    late = make_event_at("laat", local(2025, 2, 28, 23, 30))
    registrations(late, CONFIRMED, RegistrationStatus.WAITLISTED, attended=(True,))

    figure = attendance(Period(date(2025, 1, 1), date(2025, 4, 30)))

    assert figure.rows == [
        [date(2025, 1, 1), 50.0],
        [date(2025, 2, 1), 100.0],
        [date(2025, 3, 1), 75.0],
        [date(2025, 4, 1), None],
    ]
    assert figure.percent_columns == {1}
