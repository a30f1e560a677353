"""Tags read with a list of rows (library items, questions), each row's in a list of its
own.

Prefetched the usual way, taggit builds a query object for every row to hold its tags
(a fifth of a millisecond a card); read into a list (`to_attr`), Django only sets an
attribute. `tag_list()` reads that list, or the database for a row read without it.
"""

from django.db.models import Prefetch
from taggit.models import Tag

# Where `with_tags_in_a_list()` puts each row's tags.
LISTED_TAGS = "listed_tags"


def with_tags_in_a_list() -> Prefetch:
    """For `prefetch_related`: each row's tags into a list of its own."""
    return Prefetch("tags", to_attr=LISTED_TAGS)


class ListedTags:
    """For a model with taggit `tags`."""

    def tag_list(self) -> list[Tag]:
        """The tags: those read with the row (`with_tags_in_a_list`), else from the database."""
        tags = getattr(self, LISTED_TAGS, None)
        return list(self.tags.all()) if tags is None else tags  # type: ignore[attr-defined]
