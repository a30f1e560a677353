"""An event's reports as a reader sees them: the agenda links the library's reports."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Prefetch, QuerySet

from knowledge.models import Resource
from sessions_app.models import Event

if TYPE_CHECKING:
    from members.access import AnyUser


def with_visible_reports(events: QuerySet[Event], user: AnyUser) -> QuerySet[Event]:
    """The events, each with `visible_reports`: the reports on it this reader may open.

    Only reports, not every item about the event, and only those the reader may see.
    """
    reports = Resource.objects.visible_to(user).reports().only("pk", "title", "slug", "event_id")
    return events.prefetch_related(
        Prefetch("resources", queryset=reports, to_attr="visible_reports")
    )
