"""Registration under concurrency: never more confirmed than places, on any database.

Every test starts threads behind a barrier, so they call the registration rules at the
same moment, each through its own database connection (the test database is a file on
SQLite, so the threads meet SQLite's real locking). Any exception a thread did not
expect fails the test, "database is locked" included. The tests run on whatever
database is configured: SQLite in `make test`, PostgreSQL in `make test-postgres`.
"""

import threading
import time
from collections import Counter
from collections.abc import Callable, Sequence

import pytest
from django.db import connection

from members.models import ParticipationLevel, User
from sessions_app.models import EventKind, Registration, RegistrationStatus
from sessions_app.registration import (
    RegistrationError,
    cancel_registration,
    confirm_guest,
    locked_event,
    register_guest,
    register_member,
)

from .conftest import run_threads
from .factories import make_event, make_member

# Long enough for a slow CI machine, short enough that a deadlock fails quickly.
THREAD_TIMEOUT = 30


def run_at_once(call: Callable, arguments: Sequence) -> list:
    """Call `call(argument)` for every argument, each in its own thread, all at once.

    Returns one outcome per argument, in order: the return value, or the exception
    the call raised. Every thread opens its connection before the barrier (so the
    calls themselves start together) and closes it when it is done.
    """
    barrier = threading.Barrier(len(arguments))
    outcomes: list = [None] * len(arguments)

    def worker(index: int, argument) -> None:
        try:
            connection.ensure_connection()
            barrier.wait(timeout=THREAD_TIMEOUT)
            outcomes[index] = call(argument)
        except BaseException as error:  # noqa: BLE001 - reported by the test below
            outcomes[index] = error
        finally:
            connection.close()

    threads = [
        threading.Thread(target=worker, args=(index, argument), name=f"register-{index}")
        for index, argument in enumerate(arguments)
    ]
    run_threads(threads, THREAD_TIMEOUT)
    return outcomes


def assert_no_errors(outcomes: list, allowed: tuple[type[BaseException], ...] = ()) -> None:
    """Fail with every unexpected exception a thread raised, e.g. 'database is locked'."""
    errors = [
        f"{type(outcome).__name__}: {outcome}"
        for outcome in outcomes
        if isinstance(outcome, BaseException) and not isinstance(outcome, allowed)
    ]
    assert not errors, f"{len(errors)} thread(s) failed:\n" + "\n".join(errors)


def members(count: int, prefix: str = "lid", **fields) -> list[User]:
    return [make_member(f"{prefix}{number}@example.org", **fields) for number in range(count)]


def assert_waitlist_is_first_come(event) -> list[Registration]:
    """The waiting list is in the order places were handed out, and its times say so."""
    waiting = list(event.registrations.waitlisted())
    assert all(registration.waitlisted_at for registration in waiting)
    assert all(registration.confirmed_at is None for registration in waiting)
    times = [registration.waitlisted_at for registration in waiting]
    assert times == sorted(times)
    # Places and the line are decided one writer at a time: whoever was put on the
    # list was decided after every place that was already handed out.
    original = event.registrations.exclude(status=RegistrationStatus.CANCELLED)
    confirmed_times = [r.confirmed_at for r in original.filter(waitlisted_at=None)]
    if waiting and confirmed_times:
        assert max(confirmed_times) <= min(times)
    return waiting


@pytest.mark.django_db(transaction=True)
def test_many_register_at_once_never_overbooks(mailoutbox):
    capacity, crowd = 5, 24
    event = make_event("druk-bezocht", capacity=capacity)
    people = members(crowd)

    outcomes = run_at_once(lambda person: register_member(event, person), people)

    assert_no_errors(outcomes)
    registrations = list(Registration.objects.filter(event=event))
    assert len(registrations) == crowd
    assert len({registration.user_id for registration in registrations}) == crowd
    statuses = Counter(registration.status for registration in registrations)
    assert statuses == {
        RegistrationStatus.CONFIRMED: capacity,
        RegistrationStatus.WAITLISTED: crowd - capacity,
    }
    # What each person was told is what the database holds.
    saved = {registration.pk: registration.status for registration in registrations}
    assert {outcome.pk: outcome.status for outcome in outcomes} == saved
    assert all(r.confirmed_at for r in registrations if r.status == RegistrationStatus.CONFIRMED)

    waiting = assert_waitlist_is_first_come(event)
    # Ties in time are broken by the order of saving, which is the order of the lock.
    assert [registration.pk for registration in waiting] == sorted(r.pk for r in waiting)

    # Everyone got exactly one e-mail: a place, or a place on the waiting list.
    recipients = Counter(address for message in mailoutbox for address in message.to)
    assert recipients == Counter(person.email for person in people)


def _fill(event, capacity: int, waiting: int) -> tuple[list, list]:
    """Register one by one: `capacity` places taken, then `waiting` people in line."""
    people = members(capacity + waiting)
    registrations = [register_member(event, person) for person in people]
    places = [r for r in registrations if r.status == RegistrationStatus.CONFIRMED]
    line = list(event.registrations.waitlisted())
    assert len(places) == capacity and len(line) == waiting
    return places, line


@pytest.mark.django_db(transaction=True)
def test_several_cancel_at_once_promotes_the_first_in_line(mailoutbox):
    capacity = 5
    event = make_event("afmelden-tegelijk", capacity=capacity)
    places, line = _fill(event, capacity, waiting=8)
    leaving = places[:4]
    mailoutbox.clear()

    outcomes = run_at_once(cancel_registration, leaving)

    assert_no_errors(outcomes)
    promoted = [registration.pk for moved_up in outcomes for registration in moved_up]
    assert len(promoted) == len(set(promoted)) == len(leaving)
    assert set(promoted) == {registration.pk for registration in line[: len(leaving)]}

    assert event.registrations.confirmed().count() == capacity
    assert set(event.registrations.confirmed().values_list("pk", flat=True)) == {
        registration.pk for registration in places[len(leaving) :] + line[: len(leaving)]
    }
    still_waiting = assert_waitlist_is_first_come(event)
    assert [r.pk for r in still_waiting] == [r.pk for r in line[len(leaving) :]]
    assert event.registrations.filter(status=RegistrationStatus.CANCELLED).count() == 4

    # Those who left and those who moved up were each told once.
    told = Counter(address for message in mailoutbox for address in message.to)
    assert told == Counter(r.user.email for r in leaving + line[: len(leaving)])


@pytest.mark.django_db(transaction=True)
def test_places_and_line_cancelling_at_once_keep_the_order(mailoutbox):
    # The first two in line cancel while places are freed: they may be promoted first
    # and cancel their new place, but the end is the same in every order.
    capacity = 5
    event = make_event("afmelden-door-elkaar", capacity=capacity)
    places, line = _fill(event, capacity, waiting=8)
    leaving = places[:3] + line[:2]

    outcomes = run_at_once(cancel_registration, leaving)

    assert_no_errors(outcomes)
    remaining_line = line[2:]
    confirmed = set(event.registrations.confirmed().values_list("pk", flat=True))
    assert confirmed == {r.pk for r in places[3:] + remaining_line[:3]}
    assert [r.pk for r in assert_waitlist_is_first_come(event)] == [
        r.pk for r in remaining_line[3:]
    ]
    cancelled = event.registrations.filter(status=RegistrationStatus.CANCELLED)
    assert set(cancelled.values_list("pk", flat=True)) == {r.pk for r in leaving}


@pytest.mark.django_db(transaction=True)
def test_double_click_from_many_threads_gives_one_registration(mailoutbox):
    event = make_event("dubbelklik", capacity=5)
    person = make_member("dubbelklik@example.org")
    # Each click is its own request, with its own copy of the logged-in user.
    clicks = [User.objects.get(pk=person.pk) for _ in range(12)]

    outcomes = run_at_once(lambda user: register_member(event, user), clicks)

    assert_no_errors(outcomes, allowed=(RegistrationError,))
    made = [outcome for outcome in outcomes if isinstance(outcome, Registration)]
    refused = [outcome for outcome in outcomes if isinstance(outcome, RegistrationError)]
    assert len(made) == 1 and len(refused) == len(clicks) - 1
    active = event.registrations.active()
    assert list(active.values_list("pk", "user_id", "status")) == [
        (made[0].pk, person.pk, RegistrationStatus.CONFIRMED)
    ]
    assert len(mailoutbox) == 1


@pytest.mark.django_db(transaction=True)
def test_guests_confirming_at_once_never_overbook(mailoutbox):
    # Guests use their e-mail link (each clicks it twice) while members register
    # directly: they all compete for the same places.
    capacity = 5
    event = make_event("open-avond", kind=EventKind.PUBLIC, capacity=capacity)
    guests = [
        register_guest(event, f"Gast {number}", f"gast{number}@example.org") for number in range(10)
    ]
    assert {guest.status for guest in guests} == {RegistrationStatus.PENDING}
    people = members(6, prefix="publiek", level=ParticipationLevel.PUBLIC_EVENTS)
    mailoutbox.clear()

    def act(who):
        if isinstance(who, Registration):
            return confirm_guest(Registration.objects.get(pk=who.pk))
        return register_member(event, who)

    outcomes = run_at_once(act, guests + guests + people)

    assert_no_errors(outcomes)
    registrations = list(event.registrations.all())
    assert len(registrations) == len(guests) + len(people)
    statuses = Counter(registration.status for registration in registrations)
    assert statuses == {
        RegistrationStatus.CONFIRMED: capacity,
        RegistrationStatus.WAITLISTED: len(guests) + len(people) - capacity,
    }
    # Both clicks on one guest's link saw the same outcome.
    first, second = outcomes[: len(guests)], outcomes[len(guests) : 2 * len(guests)]
    assert [r.status for r in first] == [r.status for r in second]
    assert_waitlist_is_first_come(event)
    # One e-mail per person: the second click on a link sends nothing new.
    told = Counter(address for message in mailoutbox for address in message.to)
    assert told == Counter([g.guest_email for g in guests] + [p.email for p in people])


@pytest.mark.postgresql
@pytest.mark.django_db(transaction=True)
def test_postgresql_registration_waits_for_the_event_row_lock():
    event = make_event("rijslot", capacity=5)
    person = make_member("wachter@example.org")
    held, release, registered = threading.Event(), threading.Event(), threading.Event()
    times: dict[str, float] = {}
    outcomes: dict[str, object] = {}

    def holder():
        try:
            with locked_event(event.pk):
                held.set()
                if not release.wait(THREAD_TIMEOUT):
                    raise TimeoutError("the test never released the lock")
        except BaseException as error:  # noqa: BLE001 - reported below
            outcomes["holder"] = error
        finally:
            held.set()
            connection.close()

    def registrant():
        try:
            connection.ensure_connection()
            times["started"] = time.monotonic()
            outcomes["registrant"] = register_member(event, person)
            times["finished"] = time.monotonic()
        except BaseException as error:  # noqa: BLE001 - reported below
            outcomes["registrant"] = error
        finally:
            registered.set()
            connection.close()

    holding = threading.Thread(target=holder, name="holder")
    waiting = threading.Thread(target=registrant, name="registrant")
    holding.start()
    try:
        assert held.wait(THREAD_TIMEOUT) and "holder" not in outcomes
        waiting.start()
        # The registrant's SELECT ... FOR UPDATE waits on the holder's row lock.
        with connection.cursor() as cursor:
            blocked = False
            deadline = time.monotonic() + THREAD_TIMEOUT
            while not blocked and time.monotonic() < deadline and not registered.is_set():
                cursor.execute(
                    "SELECT count(*) FROM pg_stat_activity WHERE pid <> pg_backend_pid()"
                    " AND datname = current_database() AND wait_event_type = 'Lock'"
                    " AND query ILIKE %s",
                    ["%FOR UPDATE%"],
                )
                blocked = cursor.fetchone()[0] == 1
                if not blocked:
                    time.sleep(0.02)
        assert blocked, "register_member did not wait for the event's row lock"
        assert not registered.wait(0.3), "register_member finished while the row was locked"
        released_at = time.monotonic()
    finally:
        release.set()
        holding.join(THREAD_TIMEOUT)
        if waiting.ident is not None:
            waiting.join(THREAD_TIMEOUT)

    assert not holding.is_alive() and not waiting.is_alive()
    assert "holder" not in outcomes, outcomes.get("holder")
    registration = outcomes["registrant"]
    assert isinstance(registration, Registration), registration
    assert registration.status == RegistrationStatus.CONFIRMED
    assert times["started"] < released_at <= times["finished"]
