"""What is new for a member in what they follow: their unread notifications, only about
things they may see now.

A notification was made when its reader could see the thing; since then an item may have
become members-only or a question a draft again, or the reader's membership paused. So
whether the thing is visible is asked again here, in the same query as the notifications
(an EXISTS on each kind of thing's `visible_to(reader)`), and a hidden one is left out.
The things of the notifications found are then loaded by id: asking `visible_to` a
second time would only repeat that condition, and composing it costs a few milliseconds
of Python on every visit, also when there is no news.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from django.contrib.contenttypes.prefetch import GenericPrefetch
from django.db.models import QuerySet

from notifications.models import Notification
from notifications.targets import SHOWN, visible_condition

if TYPE_CHECKING:
    from members.models import User


@dataclass(frozen=True)
class News:
    """The newest unread notifications since the last visit, and whether there are more."""

    shown: list[Notification]
    has_more: bool


def visible_unread(user: User) -> QuerySet[Notification]:
    """`user`'s unread notifications about things they may see now."""
    unread = Notification.objects.filter(user=user.pk, read_at__isnull=True)
    return unread.filter(visible_condition(user))


def news_since(user: User, since: datetime | None, shown: int) -> News:
    """The `shown` newest unread notifications with news after `since` (every unread one
    when there was no earlier visit), each with its thing (`target`): one query, and one
    for each kind of thing among them."""
    news = visible_unread(user)
    if since is not None:
        news = news.filter(updated_at__gt=since)
    # Only the columns each line shows; the kinds not among the notifications are not asked.
    targets = GenericPrefetch(
        "target", [columns(model._default_manager.all()) for model, columns in SHOWN.items()]
    )
    newest = list(news.prefetch_related(targets).order_by("-updated_at", "-pk")[: shown + 1])
    return News(newest[:shown], has_more=len(newest) > shown)
