"""News as an e-mail tells it: one line per thing, with how much is new on it, only about
what the reader may see at the moment of sending (notifications/targets.py)."""

from collections.abc import Iterable
from dataclasses import dataclass

from atelier.addresses import absolute_url
from members.models import User

from .models import Notification
from .targets import visible_notifications


@dataclass(frozen=True)
class NewsLine:
    notification_id: int
    kind: str
    text: str
    url: str


def news_lines(user: User, notifications: Iterable[Notification]) -> list[NewsLine]:
    """A line for each of `notifications` (in their order) whose thing `user` may see now,
    in the active language (e.g. "3 nieuwe reacties op “Het buurtgesprek”")."""
    return lines_of(visible_notifications(user, list(notifications)))


def lines_of(visible: Iterable[Notification]) -> list[NewsLine]:
    """A line for each of these notifications, whose reader may see their things
    (`visible_notifications` loaded them), in the active language."""
    return [
        NewsLine(
            notification.pk,
            notification.kind,
            notification.headline,
            absolute_url(notification.target_url()),
        )
        for notification in visible
    ]
