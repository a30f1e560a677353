"""Resource cards, rendered once per item and kept until the data changes.

A search over years of items lists twenty cards, each with its kind, tags and authors;
rendering them is most of a search's work, and the same items turn up in many searches.
A card shows only the item itself (never who is looking), so one rendering per item and
language serves every reader who may see that item.
"""

from typing import NamedTuple

from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from atelier.page_cache import remember_each

from .models import Resource


def _render(ids: list[int]) -> dict[int, str]:
    return {
        resource.pk: render_to_string("includes/resource_card.html", {"resource": resource})
        for resource in Resource.objects.filter(pk__in=ids).for_cards()
    }


def resource_cards(ids: list[int]) -> list[str]:
    """The cards of the items with these ids, in this order (ids the caller may show)."""
    return [card.html for card in listed_cards(ids)]


class ListedCard(NamedTuple):
    """A card in a list, with the snippet of the item's text a search found."""

    html: SafeString
    snippet: SafeString | str = ""


def listed_cards(ids: list[int], snippets: dict[int, SafeString] | None = None) -> list[ListedCard]:
    """The cards of these items in this order, each with its snippet (if any)."""
    snippets = snippets or {}
    cards = remember_each(
        f"resource-card:{get_language()}", ids, _render, areas=("library", "members")
    )
    return [ListedCard(mark_safe(cards[pk]), snippets.get(pk, "")) for pk in ids if pk in cards]
