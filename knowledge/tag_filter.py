"""The library narrowed to one or more tags, newest first, in pages whose cost does not
grow with the library.

Two ways to find a tag's newest items, each cheap where the other is not (measured at
ten times the large data set, SQLite, a visitor):

- from the tag's uses: every item with the tag is looked up, then sorted by date. A tag
  on a few items costs next to nothing (2 ms), but a popular tag's thousands of items
  are all read and sorted for one page (9 ms for "wonen", 3,604 uses, and ten times
  that on ten times the data);
- from the library, newest first, checking each item's tags as it goes: a popular tag's
  first page is found after a few hundred items (2 ms), whatever the library's size; a
  rare tag would read the whole library (39 ms).

The list's count (bounded at MAX_COUNTED, atelier/bounded_paging.py) is read from the
first tag's uses, each item checked by its key, and stops there; it says which way the
page is read: only the first page of a tag with more items than that is read from the
library.
"""

from django.core.paginator import Page
from django.db.models import Exists, OuterRef, Q, QuerySet
from taggit.models import Tag

from atelier.bounded_paging import BoundedPaginator

from .models import ResourceQuerySet, TaggedResource
from .related import items_among

# A popular tag's first page is read from the library, newest first; each page further
# down reads as many items again, so the others (rarely asked) sort the tag's items.
PAGES_READ_FROM_THE_LIBRARY = 1


def named_tags(names: list[str]) -> list[Tag] | None:
    """The tags of these names, written in any case, in one query; None when one of
    them is no tag (then no item has them all)."""
    if not names:
        return []
    condition = Q()
    for name in names:
        condition |= Q(name__iexact=name)
    tags = list(Tag.objects.filter(condition))
    wanted = {name.casefold() for name in names}
    return tags if {tag.name.casefold() for tag in tags} >= wanted else None


def _uses_of(tag: Tag) -> QuerySet[TaggedResource]:
    # By the tag's id rather than its name: PostgreSQL then plans with what it knows of
    # that tag (how many items have it), and does not walk the library in parallel.
    return TaggedResource.objects.filter(tag_id=tag.pk)


def having_tag_names(names: list[str]) -> Q:
    """The condition of having every one of the tags named, in any case: the narrowing
    of a search, whose own index decides how it is read (knowledge/search.py)."""
    condition = Q()
    for name in names:
        uses = TaggedResource.objects.filter(tag__name__iexact=name)
        condition &= Q(pk__in=uses.values("content_object_id"))
    return condition


def _with_tags(resources: ResourceQuerySet, tags: list[Tag] | None) -> ResourceQuerySet:
    """The items among `resources` with every one of the tags, found from the tags' uses
    (looked up by key, then sorted: see items_among)."""
    if tags is None:
        return resources.none()
    for tag in tags:
        resources = resources.filter(items_among(_uses_of(tag).values("content_object_id")))
    return resources


def _checked_one_by_one(resources: ResourceQuerySet, tags: list[Tag]) -> ResourceQuerySet:
    """The same items, each one's tags checked as the library is read (EXISTS by its key)."""
    condition = Q()
    for tag in tags:
        condition &= Q(Exists(_uses_of(tag).filter(content_object_id=OuterRef("pk"))))
    return resources.filter(condition)


def newest_page(
    resources: ResourceQuerySet, tags: list[Tag] | None, number: str | None, per_page: int
) -> Page:
    """Page `number` of the ids of the items among `resources` with all of the tags,
    newest first; the page knows how many there are, up to MAX_COUNTED."""
    from_uses = _with_tags(resources, tags).newest_first().values_list("pk", flat=True)
    if not tags:  # a tag that does not exist: no items
        return BoundedPaginator(from_uses, per_page).get_page(number)
    # One use per item and tag (TAGGIT_CASE_INSENSITIVE: no "Wonen" beside "wonen").
    first, *others = tags
    listed = _checked_one_by_one(resources, others).filter(pk=OuterRef("content_object_id"))
    uses = _uses_of(first).filter(Exists(listed))
    paginator = BoundedPaginator(from_uses, per_page, counted_rows=uses)
    page = paginator.get_page(number)  # its rows are read only when listed
    if paginator.more_than_counted and page.number <= PAGES_READ_FROM_THE_LIBRARY:
        from_library = _checked_one_by_one(resources, tags).newest_first()
        ids = from_library.values_list("pk", flat=True)
        page.object_list = ids[page.start_index() - 1 : page.end_index()]
    return page
