"""Searching the agenda: events whose title, summary, description or place hold every
word as the beginning of a word, the coming ones first (soonest first), then past ones
(latest first).

Both databases hand over at most INDEX_CANDIDATES matches, the newest events, so a
common word costs the same in an agenda of any size: SQLite from the FTS5 index of the
events (migration 0002), PostgreSQL from a full-text vector of the same texts (migration
0004) newest first (atelier/newest_matches.py). The work per search is also bounded
by the number of words (atelier/search_words.py).
"""

from django.db import connection
from django.db.models import Case, DateTimeField, F, When
from django.utils import timezone

from atelier import textsearch
from atelier.newest_matches import newest_of
from atelier.search_words import search_words

from .models import Event, EventQuerySet
from .search_index import FTS_TABLE

# The most matches the index gives (the newest events).
INDEX_CANDIDATES = 1000


def search(events: EventQuerySet, text: str) -> EventQuerySet:
    """The events of `events` matching every word of `text`; none without a word."""
    words = search_words(text)
    if not words:
        return events.none()
    events = (
        _postgresql(events, words) if connection.vendor == "postgresql" else _indexed(events, words)
    )
    coming_start = Case(
        When(end__gte=timezone.now(), then=F("start")), default=None, output_field=DateTimeField()
    )
    return events.order_by(coming_start.asc(nulls_last=True), "-start", "-pk")


def _indexed(events: EventQuerySet, words: list[str]) -> EventQuerySet:
    expression = textsearch.fts_prefix_match(words)
    if not expression:
        return events.none()
    return events.filter(
        pk__in=textsearch.fts_newest_rowids(FTS_TABLE, expression, INDEX_CANDIDATES)
    )


def _postgresql(events: EventQuerySet, words: list[str]) -> EventQuerySet:
    tsquery = textsearch.ts_prefix_query(words)
    if not tsquery:
        return events.none()
    # The column search_vector (migration 0004) is PostgreSQL's own: Django does not know it.
    matches = Event.objects.filter(textsearch.vector_matches(tsquery))
    return events.filter(pk__in=newest_of(matches, INDEX_CANDIDATES))
