"""Searching value stories: every word in the title or in a cycle's text (on SQLite
anywhere in a word, on PostgreSQL as the beginning of a word).

Over the stories the caller passes (`ValueStory.objects.visible_to(reader)`; on
PostgreSQL among the newest INDEX_CANDIDATES stories with the words): the site search
(portal/search.py) and a search of the library (knowledge/search_groups.py, registered
in value/apps.py) show only stories the reader may see.
"""

from typing import TYPE_CHECKING, TypeVar
from urllib.parse import urlencode

from django.db import connection
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from atelier import textsearch
from atelier.newest_matches import newest_of
from atelier.search_words import search_words
from knowledge.search_groups import SearchGroup, SearchHit

from .models import Cycle, ValueStory

if TYPE_CHECKING:
    from members.access import AnyUser

SEARCHED_FIELDS = ("title", *Cycle.values)
# On PostgreSQL the most matches a search hands over, the newest stories: more than any
# list of them shows, and a common word costs the same however many stories there are.
INDEX_CANDIDATES = 1000
# The stories' own queryset (ValueStoryQuerySet) in, the same kind out.
Stories = TypeVar("Stories", bound=QuerySet)


def search(stories: Stories, text: str) -> Stories:
    """The stories with every word of `text` in their title or a cycle's text; an empty
    text leaves them as they are."""
    words = search_words(text)
    if not words:
        return stories
    if connection.vendor != "postgresql":
        return _containing(stories, words)
    tsquery = textsearch.ts_prefix_query(words)
    if not tsquery:
        return stories.none()
    # The newest INDEX_CANDIDATES matches, found through the full-text vector (migration
    # 0004; Django does not know the column) window by window (atelier/newest_matches.py).
    matches = ValueStory.objects.filter(textsearch.vector_matches(tsquery))
    return stories.filter(pk__in=newest_of(matches, INDEX_CANDIDATES))


def _containing(stories: Stories, words: list[str]) -> Stories:
    for word in words:
        any_field = Q()
        for field in SEARCHED_FIELDS:
            any_field |= Q(**{f"{field}__icontains": word})
        stories = stories.filter(any_field)
    return stories


def found_by(reader: "AnyUser", text: str) -> QuerySet[ValueStory]:
    """The stories `reader` may see that match `text`, newest first."""
    return search(ValueStory.objects.visible_to(reader), text).newest_first()


def library_group(reader: "AnyUser", text: str, limit: int) -> SearchGroup:
    """The stories group under a search of the library (knowledge/search_groups.py): at
    most `limit` of those `reader` may see, in one query."""
    hits = [
        SearchHit(story.title, story.get_absolute_url())
        for story in found_by(reader, text).only("title")[:limit]
    ]
    more_url = f"{reverse('value:list')}?{urlencode({'q': text})}"
    return SearchGroup(str(_("Value stories")), hits, more_url)
