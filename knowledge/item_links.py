"""Links that apps above the library add to an item's page.

The library knows no app above it (docs/design.md, "Layout and layers"), yet an item's
page shows what refers to it: the questions a meeting report discussed, the question an
item grew out of. An app above registers a function in its AppConfig.ready(); for an item
and a reader it returns titled lists of links, each to something the reader may open.
The item's page shows every non-empty list, in the order the functions were registered.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .models import Resource

if TYPE_CHECKING:
    # A type alias that exists only for type checkers (members/access.py).
    from members.access import AnyUser


@dataclass(frozen=True)
class Link:
    title: str
    url: str


@dataclass(frozen=True)
class LinkGroup:
    """A heading and its links, e.g. "Discussed questions" and one link per question."""

    heading: str
    links: list[Link]


ItemLinks = Callable[["Resource", "AnyUser"], list[LinkGroup]]

_registered: list[ItemLinks] = []


def register(item_links: ItemLinks) -> None:
    """Show what `item_links(item, reader)` returns on every item's page (once, however
    often an app's ready() runs)."""
    if item_links not in _registered:
        _registered.append(item_links)


def links_for(resource: Resource, reader: AnyUser) -> list[LinkGroup]:
    """The lists of links that the registered apps give for this item and reader, empty
    lists left out. Each function must run a fixed number of queries: the page's budget
    counts them."""
    return [
        group for item_links in _registered for group in item_links(resource, reader) if group.links
    ]
