"""What members tells the apps built on it.

`membership_changed` is sent whenever a member's participation level or membership
status has changed (by the member, or by the coordinator in the admin), once that change
has committed. Its one argument, `profile`, is the member's profile as it now is.

Why a signal: the apps above members hold things a member may lose with a change (the
agenda holds registrations for members' meetings). members may not know those apps, and
the changes are made in members' own views and admin, which cannot call upwards; an
orchestration module above both would have to be called from every place that changes
a membership, and one forgotten caller would keep a place nobody may use. With the
signal each app decides for itself what the new state still allows and releases the
rest (sessions_app/registration.py: `release_registrations_not_allowed`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction
from django.dispatch import Signal

if TYPE_CHECKING:
    from .models import Profile  # the models' modules send this signal

membership_changed = Signal()


def announce_membership_change(profile: Profile) -> None:
    """Send `membership_changed` for `profile` once the current transaction commits.

    After the commit, so that whatever the receivers do (cancel registrations, move a
    waiting list up, send e-mail) sees the new state and is never undone by a rollback.
    """
    transaction.on_commit(lambda: membership_changed.send(sender=type(profile), profile=profile))
