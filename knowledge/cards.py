"""Resource cards, rendered once per item and kept until the data changes.

A search over years of items lists twenty cards, each with its kind, tags and authors;
rendering them is most of a search's work, and the same items turn up in many searches.
A card shows only the item itself (never who is looking), so one rendering per item and
language serves every reader who may see that item.
"""

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
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
    cards = remember_each(
        f"resource-card:{get_language()}", ids, _render, areas=("library", "members")
    )
    return [mark_safe(cards[pk]) for pk in ids if pk in cards]
