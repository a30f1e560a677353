"""Asking a member directly for help with a question ("who can help"), and the e-mail.

The asker of a published question (or the coordinator, who brings people together) asks
one of the members who chose to be asked. That member gets one e-mail with the question
and a link to it, and at most WEEKLY_LIMIT such e-mails in any seven days: the others
wait (`sent_at` empty) until `send_waiting_requests` (the send_help_requests command,
from cron) finds the week allows them. Whatever is sent is sent once: each request is
claimed with a conditional UPDATE under a lock on the member, also when two runs overlap.
A waiting request is dropped once the question is no longer published, or the member may
no longer see it or no longer wants to be asked.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from atelier import page_cache
from atelier.addresses import absolute_url
from atelier.mail import send_templated_mail
from atelier.page_areas import QUESTIONS
from members import access
from members.models import Profile, User

from .matching import viewers_among
from .models import HelpRequest, Question

WEEKLY_LIMIT = 3
WEEK = timedelta(days=7)
# Enough people for any question; keeps one question from e-mailing half the community.
MOST_PER_QUESTION = 10


class HelpRequestRefused(Exception):
    """Asking this member is not possible, with a message for the person who asked."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def may_ask_for_help(question: Question, user: User) -> bool:
    """The asker of a published question asks members directly; so may the coordinator,
    whose work is bringing the question and the right people together."""
    return (
        question.is_published
        and access.can_contribute(user)
        and (question.is_asked_by(user) or access.is_coordinator(user))
    )


def refusal(question: Question, member: User) -> str | None:
    """Why `member` cannot be asked about `question`, in a sentence; None if they can."""
    profile = access.profile_of(member)
    name = member.display_name
    if question.is_asked_by(member):
        return _("%(name)s asked this question.") % {"name": name}
    if profile is None or not member.is_active or not profile.is_active_member:
        return _("%(name)s is not an active member.") % {"name": name}
    if not profile.open_to_questions:
        return _("%(name)s prefers not to be asked for help.") % {"name": name}
    if question.help_requests.filter(member=member).exists():
        return _("%(name)s has already been asked about this question.") % {"name": name}
    if question.help_requests.count() >= MOST_PER_QUESTION:
        return _("You have asked %(count)d members about this question: that is the most.") % {
            "count": MOST_PER_QUESTION
        }
    if member.pk not in viewers_among(question, [member]):
        return _("%(name)s may not see this question.") % {"name": name}
    return None


def ask_for_help(
    question: Question, asked_by: User, member: User, now: datetime | None = None
) -> HelpRequest:
    """Ask `member` to help with `question`: e-mailed at once if their week allows it,
    else when the week does. Raises HelpRequestRefused with the reason otherwise."""
    reason = refusal(question, member)
    if reason is not None:
        raise HelpRequestRefused(reason)
    now = now or timezone.now()
    try:
        with transaction.atomic():
            request = HelpRequest.objects.create(
                question=question, member=member, asked_by=asked_by, created_at=now
            )
    except IntegrityError:  # asked a moment ago, by another request
        raise HelpRequestRefused(
            _("%(name)s has already been asked about this question.")
            % {"name": member.display_name}
        ) from None
    send_if_due(request.pk, member.pk, now)
    request.refresh_from_db(fields=["sent_at"])
    return request


def asked_members(question: Question, viewer: User) -> list[Profile]:
    """The members asked about `question` whose profiles `viewer` may open, first asked first."""
    return list(
        Profile.objects.visible_to(viewer)
        .filter(user__help_requests__question=question)
        .order_by("user__help_requests__created_at", "pk")
    )


def is_wanted(request: HelpRequest) -> bool:
    """Whether the request may still be sent: the question is published, and the member
    still wants to be asked and may see it."""
    member = request.member
    profile = access.profile_of(member)
    return (
        request.question.is_published
        and profile is not None
        and profile.may_be_asked
        and member.pk in viewers_among(request.question, [member])
    )


def sent_this_week(member_id: int, now: datetime) -> int:
    """How many requests for help reached the member in the seven days before `now`."""
    return HelpRequest.objects.filter(member_id=member_id, sent_at__gt=now - WEEK).count()


@contextmanager
def locked_member(member_id: int) -> Iterator[None]:
    """One sender at a time per member, until the block ends: the week's count and the
    claim belong together (a row lock on PostgreSQL, the immediate transaction on SQLite)."""
    with transaction.atomic():
        User.objects.select_for_update().filter(pk=member_id).first()
        yield


def send_if_due(request_id: int, member_id: int, now: datetime | None = None) -> bool:
    """E-mail the request if it still waits, is still wanted and the member's week allows
    it; drop it if it is no longer wanted. True if this call sent it."""
    now = now or timezone.now()
    with locked_member(member_id):
        request = (
            HelpRequest.objects.filter(pk=request_id, sent_at__isnull=True)
            .select_related("question__asker__profile", "member__profile")
            .first()
        )
        if request is None:  # sent or dropped by someone else
            return False
        if not is_wanted(request):
            request.delete()
            return False
        if sent_this_week(member_id, now) >= WEEKLY_LIMIT:
            return False
        claimed = HelpRequest.objects.filter(pk=request_id, sent_at__isnull=True).update(
            sent_at=now
        )
        if not claimed:
            return False
        # The claim and the queued e-mail commit together: neither without the other.
        _mail(request)
    # update() sends no signals: the admin's list of requests shows when each went out.
    page_cache.mark_stale(QUESTIONS)
    return True


def send_waiting_requests(now: datetime | None = None) -> int:
    """Send every waiting request the members' weeks allow, oldest first; drop those no
    longer wanted. Safe to run from cron on several servers at once. Returns how many
    were sent."""
    now = now or timezone.now()
    waiting = HelpRequest.objects.filter(sent_at__isnull=True).order_by("created_at", "pk")
    return sum(
        send_if_due(request_id, member_id, now)
        for request_id, member_id in list(waiting.values_list("pk", "member_id"))
    )


def _mail(request: HelpRequest) -> None:
    question = request.question
    send_templated_mail(
        "questions/email/help_request",
        {
            "question": question,
            "name": request.member.display_name,
            "asker": question.asker_name(),
            # Else the coordinator asked, on the asker's behalf: the e-mail says so.
            "by_the_asker": request.asked_by_id == question.asker_id,
            "question_url": absolute_url(question.get_absolute_url()),
            "settings_url": absolute_url(reverse("members:my_profile")),
        },
        [request.member.email],
        key=f"help_request:{request.pk}",
    )
