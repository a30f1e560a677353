"""A member's participation: their level, pausing or ending, and requests to move up.

Rules (docs/design.md, "Participation levels and access"): moving up to a level that
needs approval (`LEVELS_NEEDING_APPROVAL`: the meetings level) is a request the
coordinator approves or declines in the admin, like an application, with e-mail both
ways and who decided when recorded; until then the member keeps their level. Moving to
a level with fewer rights takes effect at once. A member has at most one open request.

Every change of level or status is announced with `membership_changed` once committed
(members/signals.py): the apps that hold things for members release what the new state
no longer allows.
"""

import enum
from collections.abc import Iterable
from datetime import datetime

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from atelier.addresses import absolute_url
from atelier.mail import mail_coordinator, send_templated_mail
from atelier.models import SiteSettings

from .models import (
    LEVELS_NEEDING_APPROVAL,
    LevelRequest,
    LevelRequestQuerySet,
    LevelRequestStatus,
    MembershipStatus,
    Profile,
    ProfileQuerySet,
    User,
)
from .signals import announce_membership_change


def needs_approval(profile: Profile, level: str) -> bool:
    """Whether moving `profile` to `level` waits for the coordinator."""
    return level in LEVELS_NEEDING_APPROVAL and level != profile.participation_level


def may_ask_for(profile: Profile, level: str) -> bool:
    """Whether the member may ask for `level` now: only an active membership asks.

    A paused or ended member first resumes; a request would otherwise promise them
    meetings they cannot attend while their membership stands still.
    """
    return not needs_approval(profile, level) or profile.status == MembershipStatus.ACTIVE


class LevelChange(enum.Enum):
    """What choosing a level did."""

    REQUESTED = "requested"  # a request waits for the coordinator
    CHANGED = "changed"  # the new level holds at once
    WITHDRAWN = "withdrawn"  # the member kept their level and took their request back


def change_level(profile: Profile, level: str, note: str = "") -> LevelChange:
    """The member chooses a level: a request to move up, or a change at once.

    Choosing a level that takes effect at once withdraws an open request: the member
    changed their mind.
    """
    if needs_approval(profile, level):
        request_level(profile, level, note)
        return LevelChange.REQUESTED
    with transaction.atomic():
        withdrawn = _withdraw_open_request(profile)
        if level == profile.participation_level:
            return LevelChange.WITHDRAWN if withdrawn else LevelChange.CHANGED
        profile.participation_level = level
        profile.save(update_fields=["participation_level"])
        announce_membership_change(profile)
    return LevelChange.CHANGED


def request_level(profile: Profile, level: str, note: str = "") -> LevelRequest:
    """Ask the coordinator to move `profile` up to `level`, and tell the coordinator (the
    e-mail is queued with the request: both or neither)."""
    try:
        with transaction.atomic():
            level_request = LevelRequest.objects.create(
                profile=profile,
                level=level,
                previous_level=profile.participation_level,
                note=note,
            )
            admin_url = reverse("admin:members_levelrequest_change", args=[level_request.pk])
            mail_coordinator(
                "members/email/level_requested",
                {
                    "level_request": level_request,
                    "profile": profile,
                    "name": profile.display_name,
                    "organisation": profile.organisation,
                    "admin_url": absolute_url(admin_url),
                },
                key=f"level_requested:{level_request.pk}",
            )
    except IntegrityError:
        # The database's rule of one open request caught a double click: the first stands.
        return profile.level_requests.open().get()
    return level_request


def withdraw_request(profile: Profile) -> bool:
    """The member takes back their open request. Returns whether there was one."""
    with transaction.atomic():
        return _withdraw_open_request(profile)


def _withdraw_open_request(profile: Profile) -> bool:
    level_request = profile.level_requests.select_for_update().open().first()
    if level_request is None:
        return False
    level_request.status = LevelRequestStatus.WITHDRAWN
    level_request.withdrawn_at = timezone.now()
    level_request.save(update_fields=["status", "withdrawn_at"])
    return True


def approve_requests(level_requests: LevelRequestQuerySet, decided_by: User) -> int:
    """Move the members up, record who decided when, and tell them (queued with the
    decision: both or neither)."""
    now = timezone.now()
    with transaction.atomic():
        approved = _open_for_decision(level_requests)
        for level_request in approved:
            _decide(level_request, LevelRequestStatus.APPROVED, decided_by, now)
            profile = level_request.profile
            if profile.participation_level != level_request.level:
                profile.participation_level = level_request.level
                profile.save(update_fields=["participation_level"])
                announce_membership_change(profile)
            _tell(level_request, "members/email/level_approved")
    return len(approved)


def decline_requests(level_requests: LevelRequestQuerySet, decided_by: User) -> int:
    """Turn requests down: the members keep their level and are told (queued with the
    decision)."""
    now = timezone.now()
    with transaction.atomic():
        declined = _open_for_decision(level_requests)
        for level_request in declined:
            _decide(level_request, LevelRequestStatus.DECLINED, decided_by, now)
            _tell(level_request, "members/email/level_declined")
    return len(declined)


def _open_for_decision(level_requests: LevelRequestQuerySet) -> list[LevelRequest]:
    return list(
        level_requests.open()
        .select_for_update(of=("self",))
        .select_related("profile__user")
        .order_by("pk")
    )


def _decide(level_request: LevelRequest, status: str, decided_by: User, now: datetime) -> None:
    level_request.status = status
    level_request.decided_at = now
    level_request.decided_by = decided_by
    level_request.save(update_fields=["status", "decided_at", "decided_by"])


def pause_membership(profile: Profile) -> bool:
    """An active member pauses: no member rights until they resume."""
    return _move(profile, MembershipStatus.PAUSED)


def resume_membership(profile: Profile) -> bool:
    """A paused member comes back."""
    return _move(profile, MembershipStatus.ACTIVE)


def end_membership(profile: Profile) -> bool:
    """A member leaves the atelier; they may apply again later."""
    return _move(profile, MembershipStatus.ENDED)


def _move(profile: Profile, status: str) -> bool:
    if profile.is_applicant or not profile.may_become(status):
        return False
    with transaction.atomic():
        change_status(profile, status)
    return True


def set_membership_status(profiles: ProfileQuerySet, status: str) -> int:
    """The coordinator pauses, ends or resumes memberships (not applications).

    Applications are approved or declined instead (members/approval.py), which tells the
    applicant. Only what NEXT_STATUSES allows changes: only a paused membership resumes;
    an ended one, or a declined application, comes back through a new application.
    Returns how many changed.
    """
    changeable = profiles.exclude(status=MembershipStatus.APPLIED).may_become(status)
    with transaction.atomic():
        changed = list(changeable.select_for_update())
        for profile in changed:
            change_status(profile, status)
    return len(changed)


def change_status(profile: Profile, status: str, also_save: Iterable[str] = ()) -> None:
    """Set a membership's status; the one place every status change goes through.

    `also_save` names fields the caller set with it (who approved when). An ended
    membership withdraws an open request: a new application decides again.
    """
    profile.set_status(status)
    profile.save(update_fields=["status", "status_changed_at", *also_save])
    if status == MembershipStatus.ENDED:
        _withdraw_open_request(profile)
    announce_membership_change(profile)


def changed_in_form(profile: Profile, changed: set[str], decided_by: User) -> None:
    """The coordinator saved a new level or status in the admin's change form.

    The form sets the status itself (only as NEXT_STATUSES allows, ProfileAdminForm):
    the change is dated here. Setting the level a member asked for decides their request:
    it is approved, recorded and the member told, as with the action. Ending the
    membership withdraws it.
    """
    if not changed & {"status", "participation_level"}:
        return
    if "status" in changed:
        profile.set_status(profile.status)
        profile.save(update_fields=["status_changed_at"])
        if profile.is_ended:
            _withdraw_open_request(profile)
    level_request = profile.level_requests.open().first()
    if level_request is not None and level_request.level == profile.participation_level:
        _decide(level_request, LevelRequestStatus.APPROVED, decided_by, timezone.now())
        _tell(level_request, "members/email/level_approved")
    announce_membership_change(profile)


def _tell(level_request: LevelRequest, template: str) -> None:
    profile = level_request.profile
    send_templated_mail(
        template,
        {
            "level_request": level_request,
            "profile": profile,
            "site": SiteSettings.load(),
            "membership_url": absolute_url(reverse("members:membership")),
            "agenda_url": absolute_url(reverse("agenda:upcoming")),
        },
        [profile.user.email],
        key=f"{template}:{level_request.pk}",
    )
