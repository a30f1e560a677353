"""Finding value stories: the list's filters, for one reader, and what they offer."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet

from knowledge.models import Resource
from sessions_app.models import Event

from .models import ValueStory
from .search import search
from .stories import STORY_KINDS

if TYPE_CHECKING:
    from members.access import AnyUser

# The meetings and tools the filters offer come from this many of the newest stories, so
# that building the choices reads a bounded number of rows.
RECENT_STORIES = 200


def find(reader: AnyUser, filters: dict) -> QuerySet[ValueStory]:
    """The stories `reader` may see that match `filters` (StoryFilterForm.filters()),
    newest first. A meeting or tool the reader may not see filters nothing."""
    found = search(ValueStory.objects.visible_to(reader), filters["q"])
    if filters["cyclus"]:
        found = found.telling(filters["cyclus"])
    if filters["sector"]:
        found = found.by_sector(filters["sector"])
    event = _visible_event(reader, filters["bijeenkomst"])
    if event is not None:
        found = found.about_event(event)
    resource = _visible_resource(reader, filters["werkvorm"])
    if resource is not None:
        found = found.about_resource(resource)
    return found.newest_first()


def _visible_event(reader: AnyUser, slug: str) -> Event | None:
    return Event.objects.visible_to(reader).filter(slug=slug).first() if slug else None


def _visible_resource(reader: AnyUser, slug: str) -> Resource | None:
    if not slug:
        return None
    return Resource.objects.visible_to(reader).filter(slug=slug, kind__in=STORY_KINDS).first()


def events_to_filter(reader: AnyUser, chosen: str = "") -> QuerySet[Event]:
    """The meetings that the newest stories `reader` may see are about, and the `chosen`
    one (by slug), newest first."""
    about = ValueStory.events.through.objects.filter(valuestory__in=_recent_story_ids(reader))
    offered = Q(pk__in=about.values("event_id"))
    if chosen:
        offered |= Q(slug=chosen)
    return (
        Event.objects.visible_to(reader)
        .filter(offered)
        .only("title", "slug", "start")
        .order_by("-start", "-pk")
    )


def resources_to_filter(reader: AnyUser, chosen: str = "") -> QuerySet[Resource]:
    """The tools and cases that the newest stories `reader` may see are about, and the
    `chosen` one (by slug), by title."""
    about = ValueStory.resources.through.objects.filter(valuestory__in=_recent_story_ids(reader))
    offered = Q(pk__in=about.values("resource_id"))
    if chosen:
        offered |= Q(slug=chosen)
    return (
        Resource.objects.visible_to(reader)
        .filter(offered, kind__in=STORY_KINDS)
        .only("title", "slug")
        .order_by("title", "pk")
    )


def _recent_story_ids(reader: AnyUser) -> QuerySet:
    return ValueStory.objects.visible_to(reader).newest_first().values("pk")[:RECENT_STORIES]
