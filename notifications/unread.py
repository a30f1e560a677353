"""The count of a member's unread notifications in the site's header.

It is loaded with the signed-in user, as a subquery of the query that loads them anyway
(members/backends.py, `load_with_user`): every page shows it, and it costs no page a
query more. The count stops past SHOWN_UP_TO ("9+"), so it reads at most ten index
entries however many notifications wait.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import IntegerField, OuterRef, Q, QuerySet, Subquery

from .models import Notification

if TYPE_CHECKING:
    from members.access import AnyUser

SHOWN_UP_TO = 9
ATTRIBUTE = "unread_notifications"


class _CountUpTo(Subquery):
    """COUNT(*) of a sliced subquery's rows: a count that stops at the slice's end."""

    template = "(SELECT COUNT(*) FROM (%(subquery)s) AS counted_rows)"
    output_field = IntegerField()


def _first_unread(user_id: int | OuterRef) -> QuerySet:
    unread = Notification.objects.filter(Q(user=user_id), read_at__isnull=True).order_by()
    return unread.values("pk")[: SHOWN_UP_TO + 1]


def unread_count_of_loaded_user() -> Subquery:
    """The annotation loaded with the signed-in user, as `user.unread_notifications`."""
    return _CountUpTo(_first_unread(OuterRef("pk")))


def unread_count(user: AnyUser) -> int:
    """How many notifications `user` has not read, up to SHOWN_UP_TO + 1: loaded with the
    user, or else counted now (a user object that did not come from the session)."""
    if not user.is_authenticated:
        return 0
    loaded = getattr(user, ATTRIBUTE, None)
    if loaded is not None:
        return loaded
    return len(_first_unread(user.pk))
