"""Searching value stories: every word in the title or in a cycle's text.

A plain match, the same on SQLite and PostgreSQL, over the stories the caller passes
(`ValueStory.objects.visible_to(reader)`): the site search (portal/search.py) and a search
of the library (knowledge/search_groups.py, registered in value/apps.py) show only stories
the reader may see.
"""

from typing import TYPE_CHECKING, TypeVar
from urllib.parse import urlencode

from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from atelier.search_words import search_words
from knowledge.search_groups import SearchGroup, SearchHit

from .models import Cycle, ValueStory

if TYPE_CHECKING:
    from members.access import AnyUser

SEARCHED_FIELDS = ("title", *Cycle.values)
# The stories' own queryset (ValueStoryQuerySet) in, the same kind out.
Stories = TypeVar("Stories", bound=QuerySet)


def search(stories: Stories, text: str) -> Stories:
    """The stories with every word of `text` in their title or a cycle's text; an empty
    text leaves them as they are."""
    for word in search_words(text):
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
