"""The count of a member's unread notifications in the site's header: only those whose
thing they may still see (notifications/targets.py), as /meldingen/ shows them.

Every page shows it, so it costs little. A count of all unread notifications is loaded
with the signed-in user, as a subquery of the query that loads them anyway
(members/backends.py, `load_with_user`): when it is nought, as for most members on most
pages, that is the answer. Otherwise one more query counts the visible ones. Both stop
past SHOWN_UP_TO ("9+"), so neither reads more than ten notifications of the member.

That count is kept (atelier/kept_values.py) until something it is built from changes:
the member's own area (their notifications, account and profile), the roles, or the
library, questions and value stories whose visibility it asks. Composing its question
costs about 5 ms of Python on every page of a member with unread news, running it
under 1 ms; a page then reads the kept count from its worker's memory instead (one
count per member: in the shared cache they would crowd out what all pages share).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import IntegerField, OuterRef, Q, QuerySet, Subquery

from atelier.kept_values import kept
from atelier.page_areas import LIBRARY, QUESTIONS, ROLES, VALUE, member_area
from members import access

from .models import Notification
from .targets import visible_condition

if TYPE_CHECKING:
    from members.access import AnyUser

SHOWN_UP_TO = 9
ATTRIBUTE = "unread_notifications"
VISIBLE_ATTRIBUTE = "_visible_unread_notifications"


class _CountUpTo(Subquery):
    """COUNT(*) of a sliced subquery's rows: a count that stops at the slice's end."""

    template = "(SELECT COUNT(*) FROM (%(subquery)s) AS counted_rows)"
    output_field = IntegerField()


EVERY = Q()


def _first_unread(user_id: int | None | OuterRef, visible: Q = EVERY) -> QuerySet:
    unread = Notification.objects.filter(Q(user=user_id), read_at__isnull=True).filter(visible)
    return unread.order_by().values("pk")[: SHOWN_UP_TO + 1]


def unread_count_of_loaded_user() -> Subquery:
    """The annotation loaded with the signed-in user, as `user.unread_notifications`: all
    their unread notifications, seen or not, up to SHOWN_UP_TO + 1."""
    return _CountUpTo(_first_unread(OuterRef("pk")))


def unread_count(user: AnyUser) -> int:
    """How many notifications `user` has not read and may see the thing of, up to
    SHOWN_UP_TO + 1: no query when the count loaded with the user is nought, else the
    kept count, built with one query after a change (and kept on the user for the rest
    of the request: the header shows it twice)."""
    user_id = user.pk
    if user_id is None or not access.is_member(user) or getattr(user, ATTRIBUTE, None) == 0:
        return 0
    if not hasattr(user, VISIBLE_ATTRIBUTE):
        visible = kept(
            f"unread-notifications:{user_id}",
            lambda: len(_first_unread(user_id, visible_condition(user))),
            areas=(member_area(user_id), ROLES, LIBRARY, QUESTIONS, VALUE),
            in_worker=True,
        )
        setattr(user, VISIBLE_ATTRIBUTE, visible)
    return getattr(user, VISIBLE_ATTRIBUTE)
