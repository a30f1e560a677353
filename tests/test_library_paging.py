"""The library in pages: twenty items a page, queries that do not grow with the library, and the
page of ids that `atelier/one_query_paging.py` computes.
"""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from atelier.listed_tags import LISTED_TAGS
from atelier.one_query_paging import page_of_ids
from knowledge import search as library_search
from knowledge.models import Resource, ResourceKind, ResourceStatus, Visibility
from sessions_app.models import EventKind

from .factories import make_attachment, make_comment, make_event, make_member, make_resource
from .helpers import count_queries, page_titles

pytestmark = pytest.mark.django_db


def test_the_library_shows_twenty_items_a_page(client):
    now = timezone.now()
    for number in range(25):
        make_resource(f"Stuk {number:02d}", published_at=now - timedelta(hours=number))
    first = client.get(reverse("knowledge:library"))
    assert page_titles(first) == [f"Stuk {number:02d}" for number in range(20)]
    assert "pagina=2" in first.content.decode()
    second = client.get(reverse("knowledge:library"), {"pagina": "2"})
    assert page_titles(second) == [f"Stuk {number:02d}" for number in range(20, 25)]
    filtered = client.get(reverse("knowledge:library"), {"q": "stuk", "pagina": "2"})
    assert len(page_titles(filtered)) == 5


class Library:
    """Items, authors, comments and attachments in growing amounts, for query counts."""

    def __init__(self):
        self.authors = [
            make_member(f"auteur{number}@example.org", display_name=f"Auteur {number}")
            for number in range(3)
        ]
        self.item = make_resource(
            "Het doelstuk",
            self.authors[0],
            coauthors=self.authors[1:],
            kind=ResourceKind.REPORT,
            tags=["buurt", "thema0"],
            event=make_event("wijkavond", kind=EventKind.PUBLIC, days_ahead=-2),
        )
        self.count = 0

    def grow(self, count: int) -> None:
        now = timezone.now()
        for number in range(self.count, self.count + count):
            author = self.authors[number % 3]
            make_resource(
                f"Wijkgesprek {number}",
                author,
                coauthors=[self.authors[(number + 1) % 3]] if number % 2 else [],
                visibility=Visibility.MEMBERS if number % 4 == 3 else Visibility.PUBLIC,
                tags=["buurt", f"thema{number % 5}", f"los{number}"],
                published_at=now - timedelta(hours=number + 1),
            )
            make_comment(resource=self.item, author=author, body=f"Reactie {number}")
            make_attachment(self.item, f"bijlage-{number}.pdf")
        self.count += count


QUERY_PAGES = {
    "library": lambda item: reverse("knowledge:library"),
    "search": lambda item: reverse("knowledge:library") + "?q=wijkgesprek",
    "tag": lambda item: reverse("knowledge:library") + "?tag=buurt",
    "item": lambda item: item.get_absolute_url(),
    "feed": lambda item: reverse("knowledge:feed"),
}


# Queries per page, for (visitor, member).
QUERY_BUDGET = {
    "library": (7, 9),  # the count (bounded), one page of ids, then their cards
    # As a tag, then the texts of the page's items for their snippets, which words of the
    # search are not in the library's vocabulary (for suggestions), and the questions and
    # the value stories it finds (knowledge/search_groups.py).
    "search": (9, 11),
    # + the tags by name (knowledge/tag_filter.py); for a member, whether they follow them
    "tag": (7, 10),
    # + the questions and value stories that link to it (knowledge/item_links.py), its current
    # version, whether the member follows it
    "item": (12, 17),
    "feed": (3, 3),
}


@pytest.mark.usefixtures("page_cache_off")
@pytest.mark.parametrize("page", QUERY_PAGES)
@pytest.mark.parametrize("as_member", [False, True], ids=["visitor", "member"])
def test_queries_do_not_grow_with_the_size_of_the_library(
    client, django_assert_num_queries, page, as_member
):
    library = Library()
    if as_member:
        client.force_login(make_member("kijker@example.org"))
    url = QUERY_PAGES[page](library.item)
    library.grow(5)
    client.get(url)  # warm caches (site texts, session)
    with_5 = count_queries(client, url)
    library.grow(35)
    client.get(url)  # the tag cloud is counted again once, after the tags changed
    with_40 = count_queries(client, url)
    assert with_5 == with_40
    with django_assert_num_queries(QUERY_BUDGET[page][as_member]):
        client.get(url)


@pytest.mark.usefixtures("page_cache_off")
def test_related_items_with_more_co_authors_cost_no_more_queries(client):
    authors = [make_member(f"a{number}@example.org") for number in range(6)]
    item = make_resource("Het doelstuk", authors[0], tags=["buurt"])
    related = [
        make_resource(f"Verwant {number}", authors[0], tags=["buurt"]) for number in range(4)
    ]
    one_author = count_queries(client, item.get_absolute_url())
    for resource in related:
        resource.set_authors(authors)
    assert count_queries(client, item.get_absolute_url()) == one_author


@pytest.mark.parametrize(
    "number, expected_page",
    [("2", 2), ("", 1), ("x", 1), ("-3", 2), ("0", 2), ("3", 2), ("99999999999999999999999", 2)],
)
def test_library_pages_count_and_clamp_like_the_paginator(client, number, expected_page):
    for index in range(25):
        make_resource(f"Stuk {index:02d}", published_at=timezone.now() - timedelta(days=index))
    response = client.get(reverse("knowledge:library"), {"pagina": number, "soort": "tool"})
    assert response.status_code == 200
    titles = page_titles(response)
    if expected_page == 1:
        assert titles == [f"Stuk {index:02d}" for index in range(20)]
    else:
        assert titles == [f"Stuk {index:02d}" for index in range(20, 25)]
    assert "25 items gevonden" in response.content.decode()


# The orders a library list comes in: a search's rank, newest first, and a field.
LIBRARY_ORDERINGS = {
    "search": lambda resources: library_search.search(resources, "stuk wijk"),
    "newest first": lambda resources: resources.newest_first(),
    "title": lambda resources: resources.order_by("-title"),
    "the model's own": lambda resources: resources,
    "nothing found": lambda resources: library_search.search(resources, "onvindbaar"),
}


@pytest.mark.parametrize("ordering", list(LIBRARY_ORDERINGS))
def test_the_first_page_holds_the_ids_and_count_of_the_list_itself(ordering):
    now = timezone.now()
    for index in (step * 7 % 25 for step in range(25)):  # not made in any order tested
        title = f"Stuk {index:02d}" + (" over de wijk" if index % 4 == 0 else "")
        make_resource(title, published_at=now - timedelta(days=index), summary=f"Wijk {index}")
    # Drafts have no publication date: newest first puts them last on every database.
    for index in range(3):
        make_resource(f"Stuk concept {index}", status=ResourceStatus.DRAFT)
    resources = LIBRARY_ORDERINGS[ordering](Resource.objects.all())

    page = page_of_ids(resources, "1", 20)

    assert list(page.object_list) == list(resources.values_list("pk", flat=True)[:20])
    assert page.paginator.count == resources.count()
    assert page.paginator.num_pages == max(1, -(-resources.count() // 20))


def test_items_read_for_lists_hold_their_tags_and_authors(django_assert_num_queries):
    # Read with them (with_listing_data), each in a list of its own: a card asks no
    # query, and Django builds no query per item to hold them (taggit's took a fifth of
    # a millisecond a card).
    for number in range(3):
        make_resource(
            f"Stuk {number}", make_member(f"s{number}@example.org"), tags=["buurt", "wonen"]
        )
    items = list(Resource.objects.for_cards())
    with django_assert_num_queries(0):
        shown = [
            (sorted(tag.name for tag in item.tag_list()), item.author_names()) for item in items
        ]
    assert all(tags == ["buurt", "wonen"] and len(authors) == 1 for tags, authors in shown)
    assert all(LISTED_TAGS in vars(item) for item in items)
