"""Searching value stories: every word as the beginning of a word in the title or in a
cycle's text.

Over the stories the caller passes (`ValueStory.objects.visible_to(reader)`), among the
newest INDEX_CANDIDATES stories with the words, so a common word costs the same however
many stories there are: SQLite from the FTS5 index of the stories (migration 0005),
PostgreSQL from their stored vector (migration 0004) newest first. The site search
(portal/search.py) and a search of the library (knowledge/search_groups.py, registered
in value/apps.py) show only stories the reader may see.
"""

from typing import TYPE_CHECKING, TypeVar
from urllib.parse import urlencode

from django.db import connection
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from atelier import textsearch
from atelier.newest_matches import newest_of
from atelier.search_words import search_words
from knowledge.search_groups import SearchGroup, SearchHit

from .models import ValueStory
from .search_index import FTS_TABLE

if TYPE_CHECKING:
    from members.access import AnyUser

# The most matches a search hands over, the newest stories: more than any list of them
# shows.
INDEX_CANDIDATES = 1000
# For the few hits of the group under a library search (as questions/search.py).
GROUP_CANDIDATES = 200
# The stories' own queryset (ValueStoryQuerySet) in, the same kind out.
Stories = TypeVar("Stories", bound=QuerySet)


def search(stories: Stories, text: str, candidates: int | None = None) -> Stories:
    """The stories with every word of `text` in their title or a cycle's text, among the
    newest `candidates` matches (INDEX_CANDIDATES unless given); an empty text leaves
    them as they are."""
    candidates = INDEX_CANDIDATES if candidates is None else candidates
    words = search_words(text)
    if not words:
        return stories
    if connection.vendor != "postgresql":
        return _indexed(stories, words, candidates)
    tsquery = textsearch.ts_prefix_query(words)
    if not tsquery:
        return stories.none()
    # The newest `candidates` matches, found through the full-text vector (migration
    # 0004; Django does not know the column), newest first (atelier/newest_matches.py).
    matches = ValueStory.objects.filter(textsearch.vector_matches(tsquery))
    return stories.filter(pk__in=newest_of(matches, candidates))


def _indexed(stories: Stories, words: list[str], candidates: int) -> Stories:
    expression = textsearch.fts_prefix_match(words)
    if not expression:
        return stories.none()
    return stories.filter(pk__in=textsearch.fts_newest_rowids(FTS_TABLE, expression, candidates))


def found_by(reader: "AnyUser", text: str, candidates: int | None = None) -> QuerySet[ValueStory]:
    """The stories `reader` may see that match `text`, newest first."""
    return search(ValueStory.objects.visible_to(reader), text, candidates).newest_first()


def library_group(reader: "AnyUser", text: str, limit: int) -> SearchGroup:
    """The stories group under a search of the library (knowledge/search_groups.py): at
    most `limit` of those `reader` may see, in one query."""
    hits = [
        SearchHit(story.title, story.get_absolute_url())
        for story in found_by(reader, text, GROUP_CANDIDATES).only("title")[:limit]
    ]
    more_url = f"{reverse('value:list')}?{urlencode({'q': text})}"
    return SearchGroup(str(_("Value stories")), hits, more_url)
