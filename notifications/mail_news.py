"""News as an e-mail tells it: one line per thing, with how much is new on it, only about
what the reader may see at the moment of sending (notifications/mail_targets.py)."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from atelier.addresses import absolute_url
from members.models import User

from .mail_targets import seen_by
from .models import Kind, Notification


@dataclass(frozen=True)
class NewsLine:
    notification_id: int
    kind: str
    text: str
    url: str


def line_text(kind: str, count: int, title: str) -> str:
    """ "3 new comments on “Het buurtgesprek”", in the active language."""
    values = {"count": count, "title": title}
    if kind == Kind.ANSWERS:
        text = ngettext(
            "%(count)s new answer to “%(title)s”", "%(count)s new answers to “%(title)s”", count
        )
    elif kind == Kind.COMMENTS:
        text = ngettext(
            "%(count)s new comment on “%(title)s”", "%(count)s new comments on “%(title)s”", count
        )
    elif kind == Kind.UPTAKE:
        text = ngettext(
            "%(count)s new account of using “%(title)s”",
            "%(count)s new accounts of using “%(title)s”",
            count,
        )
    elif kind == Kind.ITEMS:
        text = _("New in the library: “%(title)s”")
    elif kind == Kind.QUESTIONS:
        text = _("New question: “%(title)s”")
    elif kind == Kind.STORIES:
        text = _("New value story: “%(title)s”")
    else:
        text = _("New: “%(title)s”")
    return text % values


def news_lines(user: User, notifications: Iterable[Notification]) -> list[NewsLine]:
    """A line for each of `notifications` (in their order) whose thing `user` may see now."""
    notifications = list(notifications)
    seen = seen_by(user, notifications)
    return [
        NewsLine(
            notification.pk,
            notification.kind,
            line_text(notification.kind, notification.count, seen[notification.pk].title),
            absolute_url(seen[notification.pk].path),
        )
        for notification in notifications
        if notification.pk in seen
    ]
