"""Searching the agenda: events whose title, summary, description or place hold every
word, the coming ones first (soonest first), then past ones (latest first).

Events are few (a few a month), so a match on each word reads the events table; the
work per search is bounded by the number of words (atelier/search_words.py).
"""

from django.db.models import Case, DateTimeField, F, Q, When
from django.utils import timezone

from atelier.search_words import search_words

from .models import EventQuerySet


def search(events: EventQuerySet, text: str) -> EventQuerySet:
    """The events of `events` matching every word of `text`; none without a word."""
    words = search_words(text)
    if not words:
        return events.none()
    for word in words:
        events = events.filter(
            Q(title__icontains=word)
            | Q(summary__icontains=word)
            | Q(description__icontains=word)
            | Q(place__icontains=word)
        )
    coming_start = Case(
        When(end__gte=timezone.now(), then=F("start")), default=None, output_field=DateTimeField()
    )
    return events.order_by(coming_start.asc(nulls_last=True), "-start", "-pk")
