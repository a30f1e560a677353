"""A member's last visit to "Mijn atelier": what is new is what came after it.

A visit lasts VISIT_LENGTH: whoever opens the page again within it is still on the same
visit, so a reload shows the same news instead of an empty list, and the profile is
written at most once per VISIT_LENGTH (one UPDATE on this page, none on any other
request). When a new visit begins, the start of the one before becomes the last visit,
and the member's own stored pages are stale.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from django.utils import timezone

from atelier import page_cache
from atelier.page_areas import member_area
from members import access
from members.models import Profile

if TYPE_CHECKING:
    from members.access import AnyUser

VISIT_LENGTH = timedelta(hours=1)


def last_visit(user: AnyUser, now: datetime | None = None) -> datetime | None:
    """When the member's previous visit began (None: this is the first), recording the
    visit that begins now if the current one is over.

    An account without a profile (a coordinator needs none) has no visits to remember:
    None, so that everything unread counts as new.
    """
    profile = access.profile_of(user)
    if profile is None:
        return None
    now = now or timezone.now()
    started = profile.visit_started_at
    if started is None or now - started >= VISIT_LENGTH:
        # An UPDATE, not save(): no signal, so only this member's own pages go stale
        # (what is new on "Mijn atelier" starts from the visit before), not the
        # directory and profiles every member's save() would.
        Profile.objects.filter(pk=profile.pk).update(
            previous_visit_at=started, visit_started_at=now
        )
        page_cache.mark_stale(member_area(profile.user_id))
        profile.previous_visit_at, profile.visit_started_at = started, now
    return profile.previous_visit_at
