"""A member's own data (AVG/GDPR): download all of it, or erase the account.

It spans the apps: the account and profile (members), the registrations (the agenda),
the items, comments and practice accounts (the library), the questions, answers and
requests for help (questions), the value stories and follow-up e-mails (value), what
they follow and their notification settings (notifications), and the site's e-mails to
the person that are waiting or were sent lately (atelier's queue).
"""

from datetime import date

from allauth.account.models import EmailAddress
from django.db import transaction
from django.utils import timezone

from atelier import page_cache
from atelier.mail_queue import erase_mail_to
from atelier.models import OutgoingMail
from atelier.page_areas import LIBRARY, QUESTIONS, VALUE
from knowledge.models import Attachment, Authorship, Resource, ResourceStatus, Uptake
from members.models import Profile, User
from notifications import export as notifications_export
from questions.models import Answer, HelpRequest, Question, QuestionStatus
from sessions_app.models import Registration
from sessions_app.registration import RegistrationError, cancel_registration
from value.models import FollowUp, ValueStory


def _profile_data(profile: Profile) -> dict:
    return {
        "display_name": profile.display_name,
        "organisation": profile.organisation,
        "sector": profile.sector,
        "job_title": profile.job_title,
        "bio": profile.bio,
        "expertise": sorted(tag.name for tag in profile.expertise.all()),
        "participation_level": profile.participation_level,
        "motivation": profile.motivation,
        "status": profile.status,
        "applied_at": _iso(profile.applied_at),
        "approved_at": _iso(profile.approved_at),
        "status_changed_at": _iso(profile.status_changed_at),
        "privacy_consent_at": _iso(profile.privacy_consent_at),
        "listed_in_directory": profile.listed_in_directory,
        "show_email": profile.show_email,
        "has_photo": bool(profile.avatar),
        "my_atelier_visit_started_at": _iso(profile.visit_started_at),
        "my_atelier_previous_visit_at": _iso(profile.previous_visit_at),
    }


def export_member_data(user: User) -> dict:
    """Everything the site stores about one person, as plain JSON-ready data."""
    profile = Profile.objects.filter(user=user).first()
    return {
        "exported_at": _iso(timezone.now()),
        "account": {
            "email": user.email,
            "date_joined": _iso(user.date_joined),
            "last_login": _iso(user.last_login),
            "email_addresses": [
                {"email": address.email, "verified": address.verified, "primary": address.primary}
                for address in EmailAddress.objects.filter(user=user)
            ],
        },
        "profile": _profile_data(profile) if profile else None,
        "library_items": [
            {
                "title": item.title,
                "kind": item.kind,
                "status": item.status,
                "visibility": item.visibility,
                "summary": item.summary,
                "body": item.body,
                "tags": sorted(tag.name for tag in item.tags.all()),
                "created_at": _iso(item.created_at),
                "published_at": _iso(item.published_at),
            }
            for item in Resource.objects.authored_by(user)
            .prefetch_related("tags")
            .order_by("created_at")
        ],
        "comments": [
            {
                "on": comment.resource.title,
                "body": comment.body,
                "written_at": _iso(comment.created_at),
                "hidden": comment.hidden,
            }
            for comment in user.comments.select_related("resource").order_by("created_at")
        ],
        **_questions_data(user),
        **_value_data(user),
        **notifications_export.member_data(user),
        "registrations": [
            {
                "event": registration.event.title,
                "event_start": _iso(registration.event.start),
                "status": registration.status,
                "registered_at": _iso(registration.created_at),
                "attended": registration.attended,
            }
            for registration in Registration.objects.filter(user=user)
            .select_related("event")
            .order_by("created_at")
        ],
        "emails": [
            {
                "subject": mail.subject,
                "status": mail.status,
                "queued_at": _iso(mail.created_at),
                "sent_at": _iso(mail.sent_at),
            }
            for mail in OutgoingMail.objects.addressed_to(_addresses(user)).order_by("created_at")
        ],
    }


def _addresses(user: User) -> list[str]:
    """Every address of the account: e-mail may be on its way to any of them."""
    return [user.email, *EmailAddress.objects.filter(user=user).values_list("email", flat=True)]


def _questions_data(user: User) -> dict:
    return {
        "questions": [
            {
                "title": question.title,
                "body": question.body,
                "tags": sorted(tag.name for tag in question.tags.all()),
                "visibility": question.visibility,
                "status": question.status,
                "created_at": _iso(question.created_at),
                "published_at": _iso(question.published_at),
                "edited_at": _iso(question.edited_at),
            }
            for question in Question.objects.asked_by(user)
            .prefetch_related("tags")
            .order_by("created_at", "pk")
        ],
        "answers": [
            {
                "to": answer.question.title,
                "body": answer.body,
                "written_at": _iso(answer.created_at),
                "edited_at": _iso(answer.edited_at),
                "hidden": answer.hidden,
                "helped": answer.question.helped_answer_id == answer.pk,
            }
            for answer in Answer.objects.by(user).select_related("question").order_by("created_at")
        ],
        "help_requests_received": [
            {
                "question": request.question.title,
                "asked_at": _iso(request.created_at),
                "sent_at": _iso(request.sent_at),
            }
            for request in HelpRequest.objects.filter(member=user)
            .select_related("question")
            .order_by("created_at", "pk")
        ],
        "help_requests_made": [
            {
                "question": request.question.title,
                "member_asked": request.member.display_name,
                "asked_at": _iso(request.created_at),
                "sent_at": _iso(request.sent_at),
            }
            for request in HelpRequest.objects.filter(asked_by=user)
            .select_related("question", "member__profile")
            .order_by("created_at", "pk")
        ],
    }


def _value_data(user: User) -> dict:
    return {
        "value_stories": [
            {
                "title": story.title,
                "about": {
                    "meetings": [event.title for event in story.events.all()],
                    "items": [resource.title for resource in story.resources.all()],
                    "questions": [question.title for question in story.questions.all()],
                },
                "cycles": {
                    told.cycle: {"text": told.text, "intended": told.is_intended}
                    for told in story.told_cycles()
                },
                "audience": story.audience,
                "written_at": _iso(story.created_at),
                "changed_at": _iso(story.updated_at),
            }
            for story in ValueStory.objects.written_by(user)
            .prefetch_related("events", "resources", "questions")
            .order_by("created_at", "pk")
        ],
        "practice_accounts": [
            {
                "item": account.resource.title,
                "used_on": _iso(account.used_on),
                "organisation": account.organisation,
                "place": account.place,
                "group": account.group,
                "what_happened": account.what_happened,
                "what_to_change": account.what_to_change,
                "public": account.is_public,
                "written_at": _iso(account.created_at),
            }
            for account in Uptake.objects.filter(author=user)
            .select_related("resource")
            .order_by("created_at", "pk")
        ],
        "follow_up_emails": [
            {"meeting": follow_up.event.title, "sent_at": _iso(follow_up.sent_at)}
            for follow_up in FollowUp.objects.filter(user=user)
            .select_related("event")
            .order_by("created_at", "pk")
        ],
    }


def erase_member(user: User, remove_items: bool = False, keep_stories: bool = False) -> None:
    """Delete an account and the personal data that hangs on it.

    Places the person held for events not started yet are given up first, as if they
    had cancelled: the first on each waiting list moves up and is told. The person is
    not mailed about them: they asked for everything to go, and their address goes too.
    Registrations for events that have started (attendance) go with the account, and so
    do the person's profile and comments. Published library items stay, credited to
    "former member", unless `remove_items`: then the items they wrote alone go too.
    Items written with others always stay for the co-authors, and nothing another
    member wrote is touched. Likewise the person's published questions and answers stay,
    as a former member's, with the answers others gave; their draft questions go, and so
    do requests for help made to them or waiting to be sent in their name.
    Their value stories and practice accounts go too, unless `keep_stories`: then they
    stay, told by "former member". The site's e-mails to them, waiting or sent, go.
    """
    cancel_registrations_not_started(user)
    _delete_account(user, remove_items, keep_stories)


def cancel_registrations_not_started(user: User) -> int:
    """Cancel the person's registrations for events that have not started yet.

    Each cancellation commits on its own (registration.py locks the event), with the
    e-mail to whoever moves up queued in it: the place it announces is given for good.
    The person is not told: this is part of deleting their account. Registrations for
    an event under way are its record of who came, like past ones: they go with the
    account.
    """
    cancelled = 0
    for registration in Registration.objects.still_cancellable().filter(user=user):
        try:
            cancel_registration(registration, notify_person=False)
        except RegistrationError:
            continue  # it started in the meantime: it goes with the account
        cancelled += 1
    return cancelled


@transaction.atomic
def _delete_account(user: User, remove_items: bool, keep_stories: bool) -> None:
    profile = Profile.objects.filter(user=user).first()
    files = [f for f in (profile.avatar, profile.avatar_small) if f] if profile else []
    # The items no one else is an author of.
    own_items = Resource.objects.authored_by(user).exclude(
        pk__in=Authorship.objects.accepted().exclude(user=user).values("resource_id")
    )
    if remove_items:
        files += [a.file for a in Attachment.objects.filter(resource__in=own_items)]
        own_items.delete()
    else:
        # Unpublished drafts are personal notes, not shared knowledge: they go.
        drafts = own_items.filter(status=ResourceStatus.DRAFT)
        files += [a.file for a in Attachment.objects.filter(resource__in=drafts)]
        Resource.objects.filter(pk__in=drafts.values("pk")).delete()
    Question.objects.filter(asker=user, status=QuestionStatus.DRAFT).delete()
    # No e-mail goes out in the name of someone who left; requests to them go with them.
    HelpRequest.objects.filter(asked_by=user, sent_at__isnull=True).delete()
    if not keep_stories:
        ValueStory.objects.written_by(user).delete()
        Uptake.objects.filter(author=user).delete()
    # No e-mail reaches someone who left, and none is kept: their address goes too.
    erase_mail_to(_addresses(user))
    user.delete()
    # What they wrote and kept now says "former member": set by UPDATE, without signals.
    page_cache.mark_stale(QUESTIONS, VALUE, LIBRARY)
    # Files go only after the database rows are gone for good.
    transaction.on_commit(lambda: [f.storage.delete(f.name) for f in files])


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None
