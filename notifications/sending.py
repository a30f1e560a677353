"""E-mails at once: for a notification whose kind its recipient hears of "at once", one
e-mail soon after the notification was made or had news added.

`send_at_once(ids)` is called with the notifications just made or added to;
`send_waiting_at_once()` (run by every `send_digests`) picks up any that were not sent
then (a failed send, a flood held back), so none is lost. Each notification is claimed
with a conditional UPDATE of `emailed_at` in the same transaction as its e-mail, so two
runs never send it twice and a failed send leaves it waiting.

A flood (500 comments on one item in a minute) is one e-mail: news on a notification that
is still waiting adds to its count, and after an e-mail about a thing the next one about
the same thing waits at least AT_ONCE_PAUSE.

Only about what the recipient may see at the moment of sending, only to active members.
"""

from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone, translation

from atelier.mail import send_templated_mail
from members import access, unsubscribe
from members.models import User

from . import reasons
from .mail_news import NewsLine, news_lines
from .models import Frequency, Notification, NotificationSetting
from .preferences import frequencies_of
from .unsubscribe import at_once_mail

AT_ONCE_PAUSE = timedelta(minutes=15)


def _waiting() -> QuerySet[Notification]:
    return Notification.objects.filter(emailed_at__isnull=True, read_at__isnull=True)


def _paused(notification: Notification, now: datetime) -> bool:
    """Whether an e-mail about the same thing went out less than AT_ONCE_PAUSE ago."""
    return Notification.objects.filter(
        user_id=notification.user_id,
        kind=notification.kind,
        target_type_id=notification.target_type_id,
        target_id=notification.target_id,
        emailed_at__gt=now - AT_ONCE_PAUSE,
    ).exists()


def send_at_once(notification_ids: Iterable[int], now: datetime | None = None) -> int:
    """E-mail each of these notifications that is due at once (see the module); returns
    how many e-mails were sent."""
    now = now or timezone.now()
    waiting = _waiting().filter(pk__in=list(notification_ids)).select_related("user__profile")
    by_user: dict[User, list[Notification]] = defaultdict(list)
    for notification in waiting.order_by("pk"):
        by_user[notification.user].append(notification)
    return sum(_send_for(user, notifications, now) for user, notifications in by_user.items())


def _send_for(user: User, notifications: list[Notification], now: datetime) -> int:
    profile = access.profile_of(user)
    if not access.is_member(user) or profile is None:
        return 0
    frequencies = frequencies_of(user)
    due = [
        notification
        for notification in notifications
        if frequencies[notification.kind] == Frequency.IMMEDIATELY
        and not _paused(notification, now)
    ]
    with translation.override(profile.language):
        lines = news_lines(user, due)
    return sum(_send_one(user, line, now) for line in lines)


def _send_one(user: User, line: NewsLine, now: datetime) -> bool:
    way_out = unsubscribe.way_out(user.pk, at_once_mail(line.kind))
    with transaction.atomic():
        claimed = Notification.objects.filter(
            pk=line.notification_id, emailed_at__isnull=True
        ).update(emailed_at=now)
        if not claimed:  # another run sent it, or the member read it on the site
            return False
        with translation.override(user.profile.language):
            followed = reasons.followed_in_words(user, line.notification_id)
        send_templated_mail(
            "notifications/email/at_once",
            {"name": user.display_name, "line": line, "way_out": way_out, "followed": followed},
            [user.email],
            language=user.profile.language,
            headers=way_out.headers,
            key=f"notification:{line.notification_id}",
        )
    return True


def send_waiting_at_once(now: datetime | None = None) -> int:
    """Send the at-once e-mails that are still waiting (see the module); returns how many.

    "At once" is never a level's default (notifications/preferences.py), so only the
    members who chose it for a kind have such notifications.
    """
    chosen = NotificationSetting.objects.filter(
        user=OuterRef("user"), kind=OuterRef("kind"), frequency=Frequency.IMMEDIATELY
    )
    ids = _waiting().filter(Exists(chosen)).values_list("pk", flat=True)
    return send_at_once(list(ids), now)
