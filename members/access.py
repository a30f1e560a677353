"""Who may see and do what: the access table of docs/design.md, in one place.

Views, querysets, templates (through the `access` context processor), feeds and
calendars ask these functions; none of them decides access on its own.

Roles: a visitor (anonymous), an applicant (account, membership not active), a member
(active, at one of three participation levels) and the coordinator (staff in the group
"Coördinator", or a superuser).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeAlias

from django.core.exceptions import ObjectDoesNotExist
from django.utils.functional import cached_property

from atelier.coordinator import COORDINATOR_GROUP

from .choices import MembershipStatus, ParticipationLevel

if TYPE_CHECKING:
    # For the type hints only: the models ask these rules, so the rules import no model.
    from django.contrib.auth.models import AnonymousUser

    from .models import Profile, User

    # Whoever asks: an account, or the anonymous visitor (request.user).
    AnyUser: TypeAlias = User | AnonymousUser


def profile_of(user: AnyUser | None) -> Profile | None:
    """The user's profile, fetched at most once per user object."""
    if user is None or not user.is_authenticated:
        return None
    try:
        return user.profile
    except ObjectDoesNotExist:  # no profile yet: Profile.DoesNotExist
        return None


def is_coordinator(user: AnyUser | None) -> bool:
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    if not user.is_staff:
        return False
    # Kept on the user object: asked several times per request.
    if not hasattr(user, "_is_coordinator"):
        in_group = user.groups.filter(name=COORDINATOR_GROUP).exists()
        user._is_coordinator = in_group  # type: ignore[attr-defined]
    return user._is_coordinator  # type: ignore[attr-defined]


def know_coordinators(users: list[User]) -> None:
    """Ask once which of many users (the followers of a tag) are in the coordinator group,
    so that `is_coordinator` needs no query for each of them."""
    staff = [user for user in users if user.is_staff and not hasattr(user, "_is_coordinator")]
    if not staff:
        return
    in_group = set(
        type(staff[0])
        ._default_manager.filter(pk__in=[user.pk for user in staff], groups__name=COORDINATOR_GROUP)
        .values_list("pk", flat=True)
    )
    for user in staff:
        user._is_coordinator = user.pk in in_group  # type: ignore[attr-defined]


def is_member(user: AnyUser) -> bool:
    """An active member, or the coordinator: may see what is for members."""
    if not getattr(user, "is_active", False):
        return False
    profile = profile_of(user)
    if profile is not None and profile.status == MembershipStatus.ACTIVE:
        return True
    return is_coordinator(user)


def participation_level(user: AnyUser) -> str | None:
    if not getattr(user, "is_active", False):
        return None
    profile = profile_of(user)
    if profile is None or profile.status != MembershipStatus.ACTIVE:
        return None
    return profile.participation_level


def can_see_members_area(user: AnyUser) -> bool:
    """Member directory, profiles, members-only items, that meetings exist."""
    return is_member(user)


def can_contribute(user: AnyUser) -> bool:
    """Add library items, edit one's own, comment."""
    return is_member(user)


def can_register_for_meetings(user: AnyUser) -> bool:
    return is_coordinator(user) or participation_level(user) == ParticipationLevel.MEETINGS


def can_register_for_public_events(user: AnyUser) -> bool:
    """Anyone with an account registers directly; visitors register as guests."""
    return getattr(user, "is_authenticated", False)


def can_moderate(user: AnyUser) -> bool:
    """Edit others' items, hide comments, use the admin."""
    return is_coordinator(user)


def must_apply(user: AnyUser) -> bool:
    """Logged in but never applied: the application form is the next step.

    The coordinator has member rights without applying, so is never sent there.
    """
    if not getattr(user, "is_authenticated", False) or is_coordinator(user):
        return False
    return profile_of(user) is None


class Access:
    """The rules above for one user, for templates: `{% if access.is_member %}`."""

    def __init__(self, user: AnyUser) -> None:
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
    def profile(self) -> Profile | None:
        return profile_of(self.user)
