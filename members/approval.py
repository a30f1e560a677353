"""Applications: a new account applies, the coordinator approves or declines."""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from atelier import page_cache
from atelier.mail import send_templated_mail
from atelier.models import SiteSettings

from .models import MembershipStatus, Profile, User


def submit_application(profile: Profile, request=None) -> Profile:
    """Save a new (or renewed) application and tell the coordinator."""
    now = timezone.now()
    profile.set_status(MembershipStatus.APPLIED)
    profile.applied_at = now
    profile.privacy_consent_at = now
    profile.approved_at = None
    profile.approved_by = None
    profile.save()
    coordinator_email = SiteSettings.load().coordinator_email
    if coordinator_email:
        admin_url = reverse("admin:members_profile_change", args=[profile.pk])
        send_templated_mail(
            "members/email/application_received",
            {"profile": profile, "admin_url": _absolute(request, admin_url)},
            [coordinator_email],
        )
    return profile


def approve(profiles, approved_by: User, request=None) -> int:
    """Make applications active members, record who approved when, and tell them."""
    now = timezone.now()
    with transaction.atomic():
        approved = list(profiles.select_for_update().filter(status=MembershipStatus.APPLIED))
        for profile in approved:
            profile.set_status(MembershipStatus.ACTIVE)
            profile.approved_at = now
            profile.approved_by = approved_by
            profile.save(
                update_fields=["status", "status_changed_at", "approved_at", "approved_by"]
            )
    # Mail only once the decision is committed.
    for profile in approved:
        _tell(profile, "members/email/approved", request)
    return len(approved)


def decline(profiles, request=None) -> int:
    """Turn applications down (the membership ends) and tell the applicants."""
    with transaction.atomic():
        declined = list(profiles.select_for_update().filter(status=MembershipStatus.APPLIED))
        for profile in declined:
            profile.set_status(MembershipStatus.ENDED)
            profile.save(update_fields=["status", "status_changed_at"])
    for profile in declined:
        _tell(profile, "members/email/declined", request)
    return len(declined)


def set_membership_status(profiles, status: str) -> int:
    """The coordinator pauses, ends or resumes memberships (not applications).

    Only a paused membership resumes: an ended one, or a declined application, comes
    back through a new application.
    """
    now = timezone.now()
    changeable = profiles.exclude(status__in=[status, MembershipStatus.APPLIED])
    if status == MembershipStatus.ACTIVE:
        changeable = changeable.filter(status=MembershipStatus.PAUSED)
    members = list(changeable.values_list("user_id", flat=True))
    changed = changeable.filter(user__in=members).update(status=status, status_changed_at=now)
    # update() sends no signals: the directory and these members' own pages are stale.
    page_cache.mark_stale("members", *map(page_cache.member_area, members))
    return changed


def approved_in_form(profile: Profile, approved_by: User, request=None) -> None:
    """The coordinator set an application to active by hand: record it and tell them."""
    profile.approved_at, profile.approved_by = timezone.now(), approved_by
    profile.save(update_fields=["approved_at", "approved_by"])
    # The admin's change form saves in one transaction: mail once it is committed.
    transaction.on_commit(lambda: _tell(profile, "members/email/approved", request))


def declined_in_form(profile: Profile, request=None) -> None:
    """The coordinator ended an application by hand: the same e-mail as a bulk decline."""
    transaction.on_commit(lambda: _tell(profile, "members/email/declined", request))


def decided_in_form(profile: Profile, old_status: str, decided_by: User, request=None) -> None:
    """The change form saved a new status: an application decided there is told.

    Active without an approval yet is an approval; `applied` to `ended` is a decline.
    Pausing or ending a membership sends nothing, as with the bulk actions.
    """
    if profile.status == MembershipStatus.ACTIVE and profile.approved_at is None:
        approved_in_form(profile, decided_by, request)
    elif old_status == MembershipStatus.APPLIED and profile.status == MembershipStatus.ENDED:
        declined_in_form(profile, request)


def _tell(profile: Profile, template: str, request) -> None:
    send_templated_mail(
        template,
        {
            "profile": profile,
            "site": SiteSettings.load(),
            "profile_url": _absolute(request, reverse("members:my_profile")),
            "login_url": _absolute(request, reverse("account_login")),
        },
        [profile.user.email],
    )


def _absolute(request, path: str) -> str:
    return request.build_absolute_uri(path) if request is not None else path
