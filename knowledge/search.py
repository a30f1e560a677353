"""Searching the library: best matches first.

On PostgreSQL its full-text search with the Dutch configuration (stemming, so
"wijken" finds "wijk"), weighted title > tags and summary > body. On SQLite, which has
no such search, a plain match on each word with a simple score for where it was found.
"""

from django.contrib.postgres.aggregates import StringAgg
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Case, Exists, IntegerField, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce

from .models import TaggedResource

MAX_QUERY_LENGTH = 200


def search(resources, text: str):
    """Resources matching `text`, the best first. An empty text leaves them as they are."""
    text = " ".join(text.split())[:MAX_QUERY_LENGTH]
    if not text:
        return resources
    if connection.vendor == "postgresql":
        return _full_text(resources, text)
    return _simple(resources, text)


def _full_text(resources, text: str):
    # Tags are searched like the words of the item, weighted as the summary: a match on
    # the rank alone (rank > 0) would let in items that match only some of the words,
    # and a tag match ordered before everything would outrank a title match.
    tag_names = (
        TaggedResource.objects.filter(content_object=OuterRef("pk"))
        .values("content_object")
        .annotate(names=StringAgg("tag__name", delimiter=" "))
        .values("names")
    )
    vector = (
        SearchVector("title", weight="A", config="dutch")
        + SearchVector(Subquery(tag_names), weight="B", config="dutch")
        + SearchVector("summary", weight="B", config="dutch")
        + SearchVector("body", weight="C", config="dutch")
    )
    query = SearchQuery(text, search_type="websearch", config="dutch")
    return (
        resources.annotate(search=vector, rank=SearchRank(vector, query))
        .filter(search=query)
        .order_by("-rank", "-published_at")
    )


def _simple(resources, text: str):
    words = text.split()[:10]
    matches = Q()
    score = Value(0)
    for word in words:
        tagged = TaggedResource.objects.filter(
            content_object=OuterRef("pk"), tag__name__icontains=word
        )
        in_title = Q(title__icontains=word)
        in_tags = Exists(tagged)
        in_summary = Q(summary__icontains=word)
        in_body = Q(body__icontains=word)
        matches &= in_title | in_tags | in_summary | in_body
        score = score + Case(
            When(in_title, then=Value(8)),
            When(in_tags, then=Value(4)),
            When(in_summary, then=Value(2)),
            default=Value(1),
            output_field=IntegerField(),
        )
    return (
        resources.filter(matches)
        .annotate(rank=Coalesce(score, Value(0)))
        .order_by("-rank", "-published_at")
    )
