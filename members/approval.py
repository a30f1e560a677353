"""Applications: a new account applies, the coordinator approves or declines."""

from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

from atelier.addresses import absolute_url
from atelier.mail import mail_coordinator, send_templated_mail
from atelier.models import SiteSettings

from . import participation
from .models import MembershipStatus, Profile, ProfileQuerySet, User


def submit_application(profile: Profile, request: HttpRequest | None = None) -> Profile:
    """Save a new (or renewed) application and tell the coordinator (the e-mail is
    queued with the application: both or neither)."""
    now = timezone.now()
    profile.set_status(MembershipStatus.APPLIED)
    profile.applied_at = now
    profile.privacy_consent_at = now
    profile.approved_at = None
    profile.approved_by = None
    with transaction.atomic():
        profile.save()
        mail_coordinator(
            "members/email/application_received",
            {
                "profile": profile,
                "name": profile.display_name,
                "organisation": profile.organisation,
                "admin_url": absolute_url(
                    reverse("admin:members_profile_change", args=[profile.pk])
                ),
            },
            key=f"application_received:{profile.pk}:{now.isoformat()}",
        )
    return profile


def approve(
    profiles: ProfileQuerySet, approved_by: User, request: HttpRequest | None = None
) -> int:
    """Make applications active members, record who approved when, and tell them (the
    e-mails are queued with the decision: both or neither)."""
    now = timezone.now()
    with transaction.atomic():
        approved = list(profiles.applied().select_for_update())
        for profile in approved:
            profile.approved_at, profile.approved_by = now, approved_by
            participation.change_status(
                profile, MembershipStatus.ACTIVE, also_save=["approved_at", "approved_by"]
            )
            _tell(profile, "members/email/approved", request)
    return len(approved)


def decline(profiles: ProfileQuerySet, request: HttpRequest | None = None) -> int:
    """Turn applications down (the membership ends) and tell the applicants."""
    with transaction.atomic():
        declined = list(profiles.applied().select_for_update())
        for profile in declined:
            participation.change_status(profile, MembershipStatus.ENDED)
            _tell(profile, "members/email/declined", request)
    return len(declined)


def changed_in_form(
    profile: Profile,
    old_status: str | None,
    changed: set[str],
    decided_by: User,
    request: HttpRequest | None = None,
) -> None:
    """The coordinator saved the admin's change form: what the change means, in one place.

    Active without an approval yet is an approval (recorded, and the applicant told);
    `applied` to `ended` is a decline, with the same e-mail as the bulk action. Pausing
    or ending a membership sends nothing, as with the bulk actions. Then a new level or
    status releases what the member may no longer have (`participation.changed_in_form`).
    """
    if "status" in changed:
        if profile.is_active_member and profile.approved_at is None:
            profile.approved_at, profile.approved_by = timezone.now(), decided_by
            profile.save(update_fields=["approved_at", "approved_by"])
            # Queued in the admin's transaction: committed with the change, or not at all.
            _tell(profile, "members/email/approved", request)
        elif old_status == MembershipStatus.APPLIED and profile.is_ended:
            _tell(profile, "members/email/declined", request)
    participation.changed_in_form(profile, changed, decided_by)


def _tell(profile: Profile, template: str, request: HttpRequest | None) -> None:
    send_templated_mail(
        template,
        {
            "profile": profile,
            "site": SiteSettings.load(),
            "profile_url": absolute_url(reverse("members:my_profile")),
            "login_url": absolute_url(reverse("account_login")),
        },
        [profile.user.email],
        # Once per decision on one application (a renewed application is a new one).
        key=f"{template}:{profile.pk}:{profile.applied_at}",
    )
