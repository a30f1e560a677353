"""The follow-up e-mail: some weeks after a meeting, each member who attended is asked
what they took from it, with a link to the value-story form filled in with the meeting.

Sent by the send_follow_ups command from cron, safe when two runs overlap: a FollowUp
row is written for each member and meeting (one at most: a unique constraint), then each
row is claimed with a conditional UPDATE before its e-mail goes out, as the reminders are
(sessions_app/reminders.py), so no one gets it twice.

Only for meetings that ended between FOLLOW_UP_AFTER_DAYS (a setting, 28) and
FOLLOW_UP_AFTER_DAYS + WINDOW_DAYS ago: a meeting longer ago than that (when cron was
down, or the command is new) gets no follow-up, because a question about it would come
too late to be answered well. Only to members who are still active and have not switched
these e-mails off on their profile.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone

from atelier.addresses import absolute_url
from atelier.mail import send_templated_mail
from members import unsubscribe
from members.models import MembershipStatus
from sessions_app.models import Event, Registration

from .links import story_form_address
from .models import FollowUp

WINDOW_DAYS = 14


def window(now: datetime) -> tuple[datetime, datetime]:
    """The ends of the meetings that are due for a follow-up at `now`: (earliest, latest)."""
    latest = now - timedelta(days=settings.FOLLOW_UP_AFTER_DAYS)
    return latest - timedelta(days=WINDOW_DAYS), latest


def _due_events(now: datetime) -> QuerySet[Event]:
    earliest, latest = window(now)
    return Event.objects.published().filter(end__gt=earliest, end__lte=latest)


def record_due(now: datetime) -> None:
    """A FollowUp row for each member who attended a meeting in the window and has none
    yet (two runs at once write each row once: the database keeps one per pair)."""
    recorded = FollowUp.objects.filter(event=OuterRef("event_id"), user=OuterRef("user_id"))
    attended = Registration.objects.filter(
        event__in=_due_events(now), user__isnull=False, attended=True
    ).exclude(Exists(recorded))
    FollowUp.objects.bulk_create(
        [
            FollowUp(event_id=event_id, user_id=user_id, created_at=now)
            for event_id, user_id in attended.values_list("event_id", "user_id")
        ],
        ignore_conflicts=True,
    )


def waiting_ids(now: datetime) -> list[int]:
    """The follow-ups not sent yet whose meeting is in the window and whose member still
    wants them: active, and with follow-up e-mails on."""
    return list(
        FollowUp.objects.filter(
            sent_at__isnull=True,
            event__in=_due_events(now),
            user__is_active=True,
            user__profile__status=MembershipStatus.ACTIVE,
            user__profile__follow_up_emails=True,
        ).values_list("pk", flat=True)
    )


def send_if_waiting(pk: int, now: datetime) -> bool:
    """Claim the follow-up and e-mail it; False if another run claimed it first."""
    # The claim and the queued e-mail commit together: neither without the other.
    with transaction.atomic():
        claimed = FollowUp.objects.filter(pk=pk, sent_at__isnull=True).update(sent_at=now)
        if not claimed:
            return False
        _mail(FollowUp.objects.select_related("event", "user__profile").get(pk=pk))
    return True


def send_due_follow_ups(now: datetime | None = None) -> int:
    """Send every follow-up that is due, each once; returns how many were sent."""
    now = now or timezone.now()
    record_due(now)
    return sum(send_if_waiting(pk, now) for pk in waiting_ids(now))


def _mail(follow_up: FollowUp) -> None:
    event = follow_up.event
    way_out = unsubscribe.way_out(follow_up.user_id, unsubscribe.FOLLOW_UPS)
    send_templated_mail(
        "value/email/follow_up",
        {
            "name": follow_up.user.display_name,
            "event": event,
            "form_url": absolute_url(story_form_address(event)),
            "event_url": absolute_url(event.get_absolute_url()),
            "way_out": way_out,
        },
        [follow_up.user.email],
        headers=way_out.headers,
        key=f"follow_up:{follow_up.pk}",
    )
