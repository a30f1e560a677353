"""Who may see and do what: the access table of docs/design.md, in one place.

Views, querysets, templates (through the `access` context processor), feeds and
calendars ask these functions; none of them decides access on its own.

Roles: a visitor (anonymous), an applicant (account, membership not active), a member
(active, at one of three participation levels) and the coordinator (staff in the group
"Coördinator", or a superuser).
"""

from typing import TYPE_CHECKING

from django.core.exceptions import ObjectDoesNotExist
from django.utils.functional import cached_property

from atelier.coordinator import COORDINATOR_GROUP

from .choices import MembershipStatus, ParticipationLevel

if TYPE_CHECKING:
    # For the type hints only: the models ask these rules, so the rules import no model.
    from .models import Profile


def profile_of(user) -> "Profile | None":
    """The user's profile, fetched at most once per user object."""
    if not getattr(user, "is_authenticated", False):
        return None
    try:
        return user.profile
    except ObjectDoesNotExist:  # no profile yet: Profile.DoesNotExist
        return None


def is_coordinator(user) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    if not user.is_staff:
        return False
    if not hasattr(user, "_is_coordinator"):
        user._is_coordinator = user.groups.filter(name=COORDINATOR_GROUP).exists()
    return user._is_coordinator


def is_member(user) -> bool:
    """An active member, or the coordinator: may see what is for members."""
    if not getattr(user, "is_active", False):
        return False
    profile = profile_of(user)
    if profile is not None and profile.status == MembershipStatus.ACTIVE:
        return True
    return is_coordinator(user)


def participation_level(user) -> str | None:
    if not getattr(user, "is_active", False):
        return None
    profile = profile_of(user)
    if profile is None or profile.status != MembershipStatus.ACTIVE:
        return None
    return profile.participation_level


def can_see_members_area(user) -> bool:
    """Member directory, profiles, members-only items, that meetings exist."""
    return is_member(user)


def can_contribute(user) -> bool:
    """Add library items, edit one's own, comment."""
    return is_member(user)


def can_register_for_meetings(user) -> bool:
    return is_coordinator(user) or participation_level(user) == ParticipationLevel.MEETINGS


def can_register_for_public_events(user) -> bool:
    """Anyone with an account registers directly; visitors register as guests."""
    return getattr(user, "is_authenticated", False)


def can_moderate(user) -> bool:
    """Edit others' items, hide comments, use the admin."""
    return is_coordinator(user)


def must_apply(user) -> bool:
    """Logged in but never applied: the application form is the next step.

    The coordinator has member rights without applying, so is never sent there.
    """
    if not getattr(user, "is_authenticated", False) or is_coordinator(user):
        return False
    return profile_of(user) is None


class Access:
    """The rules above for one user, for templates: `{% if access.is_member %}`."""

    def __init__(self, user):
        self.user = user

    @cached_property
    def is_member(self) -> bool:
        return is_member(self.user)

    @cached_property
    def is_coordinator(self) -> bool:
        return is_coordinator(self.user)

    @cached_property
    def can_contribute(self) -> bool:
        return can_contribute(self.user)

    @cached_property
    def can_register_for_meetings(self) -> bool:
        return can_register_for_meetings(self.user)

    @cached_property
    def profile(self) -> "Profile | None":
        return profile_of(self.user)
