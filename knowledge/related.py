"""An item's related items: those sharing most of its tags, newest first among equals.

Counting shared tags over every item with one of the item's tags grows with the library
(a popular tag is on thousands of items: 0.3 s at ten times the large data set). Only
the CANDIDATES_PER_TAG newest uses of each of its tags are candidates, read backwards
from the tag's index, so the work stays the same however large the library grows; an
older item that shares tags is found from its own page, and through the tag's list.
"""

from typing import TYPE_CHECKING

from django.db import connection
from django.db.models import BooleanField, Count, Q, QuerySet, Subquery
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce

from .models import Resource, TaggedResource

if TYPE_CHECKING:
    from members.access import AnyUser

CANDIDATES_PER_TAG = 50


def items_among(candidates: QuerySet) -> Q | RawSQL:
    """The items among `candidates`, uses of tags (here at most CANDIDATES_PER_TAG per
    tag). On PostgreSQL as `id = ANY(ARRAY(…))`, worked out first and then looked up by
    key: as `id IN (…)` the planner, not knowing the few candidates until it runs, joined
    them with every published item (83 ms for a member at ten times the large data set),
    or walked the whole library newest first (knowledge/tag_filter.py)."""
    if connection.vendor != "postgresql":
        return Q(pk__in=candidates)
    sql, params = candidates.query.sql_with_params()
    quote, meta = connection.ops.quote_name, Resource._meta
    key = f"{quote(meta.db_table)}.{quote(meta.pk.column)}"
    return RawSQL(f"{key} = ANY(ARRAY({sql}))", params, BooleanField())


def related_items(resource: Resource, reader: "AnyUser", count: int) -> QuerySet[Resource]:
    """Up to `count` published items `reader` may see that share a tag with `resource`,
    those sharing the most tags first, in one query."""
    tag_ids = [tag.pk for tag in resource.tag_list()]
    if not tag_ids:
        return Resource.objects.none()
    newest_uses = Q()
    for tag_id in tag_ids:
        uses = TaggedResource.objects.filter(tag_id=tag_id).order_by("-pk").values("pk")
        oldest_counted = Subquery(uses[CANDIDATES_PER_TAG - 1 : CANDIDATES_PER_TAG])
        newest_uses |= Q(tag_id=tag_id, pk__gte=Coalesce(oldest_counted, 0))
    candidates = TaggedResource.objects.filter(newest_uses).values("content_object_id")
    return (
        Resource.objects.visible_to(reader)
        .published()
        .exclude(pk=resource.pk)
        .filter(items_among(candidates))
        .annotate(shared=Count("taggedresource", filter=Q(taggedresource__tag_id__in=tag_ids)))
        .order_by("-shared", "-published_at")
        .for_cards()[:count]
    )
