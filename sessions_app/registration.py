"""Registration for events: register, confirm, cancel, and the waiting list.

Rules (docs/design.md): never more confirmed registrations than places, also when many
register at once; when full, a first-come waiting list; when someone with a place
cancels, the first in line moves up at once and is told by e-mail; one active
registration per person per event; registration closes at the deadline or the start;
a guest's place is only taken once the guest confirms by the e-mail link.

Every change that counts places runs inside `locked_event`, which serializes all
writers of one event: `SELECT ... FOR UPDATE` on the event row on PostgreSQL, and on
SQLite the immediate transaction (settings) that takes the database's write lock. The
e-mails a change sends are queued inside that transaction: committed with the change, or
rolled back with it, never one without the other.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from members import access
from members.models import Profile, User

from . import notifications
from .models import Event, EventStatus, Registration, RegistrationStatus

if TYPE_CHECKING:
    from members.access import AnyUser


class RegistrationError(Exception):
    """A registration that cannot be done, with a message for the person."""

    def __init__(self, message: str | Promise, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field  # the form field it belongs next to, if any


@contextmanager
def locked_event(event_id: int) -> Iterator[Event]:
    """The event, locked against other registrations until the block ends."""
    with transaction.atomic():
        yield Event.objects.select_for_update().get(pk=event_id)


def _take_place_or_queue(event: Event, registration: Registration, now: datetime) -> None:
    """Confirm if a place is free, else join the waiting list. Call inside locked_event."""
    if event.seats_left(event.registrations.confirmed().count()) != 0:  # None: no limit
        registration.status = RegistrationStatus.CONFIRMED
        registration.confirmed_at = now
    else:
        registration.status = RegistrationStatus.WAITLISTED
        registration.waitlisted_at = now


def _active_guest_registration(event: Event, email: str) -> Registration | None:
    return event.registrations.active().filter(user=None, guest_email__iexact=email).first()


def closed_reason(event: Event, now: datetime | None = None) -> str | Promise | None:
    """Why nobody can register (or confirm) now, for the person; None while it is open."""
    if event.is_cancelled:
        return _("This event has been cancelled.")
    if not event.is_open_for_registration(now):
        return _("Registration for this event has closed.")
    return None


def _check_open(event: Event, now: datetime) -> None:
    reason = closed_reason(event, now)
    if reason is not None:
        raise RegistrationError(reason)


def register_member(event: Event, user: User) -> Registration:
    """Register a logged-in person in one click: a place, or a place on the waiting list."""
    if not may_register(event, user):
        if event.is_meeting:
            raise RegistrationError(_("Only members who take part in meetings can register."))
        raise RegistrationError(_("Log in to register."))
    try:
        with locked_event(event.pk) as locked:
            now = timezone.now()  # after the lock: the moment the place is decided
            _check_open(locked, now)
            if locked.registrations.active().filter(user=user).exists():
                raise RegistrationError(_("You are already registered for this event."))
            if _active_guest_registration(locked, user.email) is not None:
                # Registered as a guest before logging in: still one person, one place.
                raise RegistrationError(
                    _(
                        "You are already registered for this event as a guest with your "
                        "e-mail address. The e-mail we sent you has a link to cancel."
                    )
                )
            registration = Registration(event=locked, user=user, created_at=now)
            _take_place_or_queue(locked, registration, now)
            registration.save()
            notifications.registration_received(registration)
    except IntegrityError:
        # The database's own uniqueness rule caught a double click from two tabs.
        raise RegistrationError(_("You are already registered for this event.")) from None
    return registration


def register_guest(event: Event, name: str, email: str) -> Registration:
    """A visitor's registration for a public event: no place until the e-mail link is used.

    One person, one place: an address that already has an active registration here, as a
    guest or as a member's account address, gets no second one. It gets its e-mail (with
    the confirm or cancel link) again instead, and the caller answers exactly as for a new
    registration: the page never tells anyone who typed an address whether that address
    is registered, nor whether it has an account. Returns the address's registration.
    """
    if not event.is_public:
        raise RegistrationError(_("Guests can only register for public events."))
    email = email.strip().lower()
    with locked_event(event.pk) as locked:
        now = timezone.now()
        _check_open(locked, now)
        registration = (
            locked.registrations.active()
            .filter(Q(user=None, guest_email__iexact=email) | Q(user__email__iexact=email))
            .select_related("user__profile")
            .first()
        )
        again = registration is not None
        if registration is None:
            registration = Registration.objects.create(
                event=locked,
                guest_name=name,
                guest_email=email,
                status=RegistrationStatus.PENDING,
                created_at=now,
            )
        _send_registration_mail(registration, again)
    return registration


def _send_registration_mail(registration: Registration, again: bool) -> None:
    if registration.is_pending:
        notifications.guest_confirmation_requested(registration, again)
    else:
        notifications.registration_received(registration, again)


def confirm_guest(registration: Registration) -> Registration:
    """The guest used the link: take a place now, or join the waiting list."""
    with locked_event(registration.event_id) as locked:
        now = timezone.now()
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if not registration.is_pending:
            return registration
        # The deadline counts at the moment of confirming, not of asking: that is when
        # the place is taken.
        _check_open(locked, now)
        _take_place_or_queue(locked, registration, now)
        registration.save(update_fields=["status", "confirmed_at", "waitlisted_at"])
        notifications.registration_received(registration)
    return registration


def cancel_registration(
    registration: Registration, notify_person: bool = True
) -> list[Registration]:
    """Cancel; a freed place goes to the first on the waiting list at once.

    The person is told by e-mail unless `notify_person` is false (they are told
    otherwise, or not at all when their account is being deleted); whoever moves up is
    always told. Returns the registrations that moved up.
    """
    with locked_event(registration.event_id) as locked:
        now = timezone.now()
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        registration.event = locked
        if registration.is_cancelled:
            return []
        if not registration.can_be_cancelled(now):
            # Once it has started, the registration is the record of who (could have) come.
            raise RegistrationError(
                _("This event has already started; registrations can no longer be cancelled.")
            )
        registration.status = RegistrationStatus.CANCELLED
        registration.cancelled_at = now
        registration.save(update_fields=["status", "cancelled_at"])
        promoted = _promote(locked, now) if locked.is_published else []
        if notify_person:
            notifications.registration_cancelled(registration)
        for moved_up in promoted:
            notifications.promoted_from_waitlist(moved_up)
    return promoted


def may_register(event: Event, user: AnyUser | None) -> bool:
    """Whether `user` may register for `event` (or keep a registration), by the access rules.

    Members' meetings are for those at the meetings level and the coordinator; a public
    event for anyone with an account (visitors register as guests: `register_guest`).
    The event's page asks this to offer the button; registering asks it again.
    """
    if user is None:
        return False
    if event.is_meeting:
        return access.can_register_for_meetings(user)
    return access.can_register_for_public_events(user)


def release_registrations_not_allowed(user: User) -> list[Registration]:
    """Cancel the person's registrations for events to come that they may no longer hold.

    After a change of level or membership status (members' `membership_changed`): each
    goes through `cancel_registration`, so every waiting list moves up and whoever moves
    up is told; the person gets one e-mail listing all that was cancelled. Registrations
    for events that have started stay: they are the record of who came.
    """
    upcoming = (
        Registration.objects.still_cancellable()
        .filter(user=user)
        .select_related("event")
        .order_by("event__start", "pk")
    )
    released = []
    # The person's e-mail listing what was cancelled is queued with the cancellations.
    with transaction.atomic():
        for registration in upcoming:
            if may_register(registration.event, user):
                continue
            try:
                cancel_registration(registration, notify_person=False)
            except RegistrationError:
                continue  # it started in the meantime: it stays as the record
            released.append(registration)
        if released:
            notifications.registrations_released(user, released)
    return released


def release_after_membership_change(sender: Any, profile: Profile, **kwargs: Any) -> None:
    """Receiver of members' `membership_changed` (connected in apps.py)."""
    # Fresh from the database: the access rules read the profile as it now is.
    user = get_user_model().objects.select_related("profile").get(pk=profile.user_id)
    release_registrations_not_allowed(user)


def promote_from_waitlist(event: Event) -> list[Registration]:
    """Fill free places from the waiting list (after a capacity increase, for example)."""
    with locked_event(event.pk) as locked:
        now = timezone.now()
        promoted = _promote(locked, now) if locked.is_published else []
        for moved_up in promoted:
            notifications.promoted_from_waitlist(moved_up)
    return promoted


def _promote(event: Event, now: datetime) -> list[Registration]:
    if now >= event.end:
        return []
    free = event.seats_left(event.registrations.confirmed().count())
    waiting = event.registrations.waitlisted().select_related("user")
    promoted = list(waiting if free is None else waiting[:free])
    for registration in promoted:
        registration.status = RegistrationStatus.CONFIRMED
        registration.confirmed_at = now
        registration.save(update_fields=["status", "confirmed_at"])
    return promoted


def cancel_event(event: Event) -> int:
    """The coordinator cancels an event: everyone registered is told. Returns how many."""
    with locked_event(event.pk) as locked:
        locked.status = EventStatus.CANCELLED
        locked.save(update_fields=["status", "updated_at"])
        # Guests who have not confirmed yet are told too: their link no longer works.
        affected = list(locked.registrations.active().select_related("user"))
        for registration in affected:
            notifications.event_cancelled(locked, registration)
    return len(affected)
