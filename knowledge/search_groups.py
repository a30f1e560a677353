"""Results of the apps above the library, each in a group of its own under a library search.

The library may not import the apps built on it (questions, ...). Each of them registers
a finder here in its AppConfig.ready(); a search of the library asks every finder and
shows each group that found something: its title, its first few hits and a link to its
own list with the same search.
"""

from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from members.access import AnyUser

HITS_PER_GROUP = 3


class SearchHit(NamedTuple):
    title: str
    url: str


class SearchGroup(NamedTuple):
    title: str
    hits: list[SearchHit]  # at most HITS_PER_GROUP
    more_url: str  # the group's own list, with the same search


# finder(reader, text, limit): the group of what `reader` may see matching `text`, at most
# `limit` hits; one or two queries whatever the amount of data.
Finder = Callable[["AnyUser", str, int], SearchGroup]
_finders: list[Finder] = []


def register(finder: Finder) -> None:
    """Add an app's finder (from its AppConfig.ready(); registering twice adds it once)."""
    if finder not in _finders:
        _finders.append(finder)


def groups_for(reader: "AnyUser", text: str) -> list[SearchGroup]:
    """The groups with hits for this search, in the order the apps registered."""
    if not text:
        return []
    groups = [finder(reader, text, HITS_PER_GROUP) for finder in _finders]
    return [group for group in groups if group.hits]
