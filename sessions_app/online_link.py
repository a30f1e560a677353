"""Who sees an event's online link: whoever has a confirmed place; on the page, the coordinator.

The link lets someone into the meeting itself, so it goes with a place: not to a guest
who has not confirmed, not to the waiting list, not to the public. The registration
e-mails, the event's calendar file and a member's calendar feed carry it for a confirmed
registration (`carries_online_link`); the event's page shows it to that person and to
the coordinator, who checks the event's details there (`page_shows_online_link`). Lists
and cards never show it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from members import access

from .models import Registration

if TYPE_CHECKING:
    from members.access import AnyUser


def carries_online_link(registration: Registration | None) -> bool:
    """Whether e-mails and calendar files for `registration` include the online link."""
    return registration is not None and registration.is_confirmed


def page_shows_online_link(registration: Registration | None, user: AnyUser | None) -> bool:
    """Whether the event's page shows `user` (with their `registration`, if any) the link."""
    return carries_online_link(registration) or access.is_coordinator(user)


def events_with_online_link(registrations: Iterable[Registration]) -> set[int]:
    """The ids of the events whose calendar entries carry the link, among `registrations`."""
    return {
        registration.event_id for registration in registrations if carries_online_link(registration)
    }
