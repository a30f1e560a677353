"""The library narrowed to tags (knowledge/tag_filter.py): the same items in the same order
whichever way a page is read, and a popular tag's first page read newest first from the
library's index rather than sorting every item with the tag.

A popular tag is one on more items than the list counts (MAX_COUNTED, 1,000); here the
count stops at 25, so that a few dozen items make a tag popular.
"""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from atelier import bounded_paging
from knowledge.models import ResourceStatus, Visibility

from .factories import make_member, make_resource
from .helpers import login, page_titles
from .test_query_plans import plan_of, sorts_everything

pytestmark = pytest.mark.django_db

COUNTED = 25


@pytest.fixture
def popular_tag(monkeypatch):
    """Fifty items an hour apart, 35 of them tagged "wonen" (one members-only, one a
    draft), and the titles a visitor should find under the tag, newest first."""
    monkeypatch.setattr(bounded_paging, "MAX_COUNTED", COUNTED)
    now = timezone.now()
    expected = []
    for number in range(50):
        fields = {"published_at": now - timedelta(hours=number)}
        if number == 3:
            fields["visibility"] = Visibility.MEMBERS
        if number == 5:
            fields = {"status": ResourceStatus.DRAFT}
        item = make_resource(f"Stuk {number:02d}", **fields)
        if number % 10 < 7:
            item.tags.add("wonen" if number % 2 else "Wonen", "buurt")
            if number not in (3, 5):
                expected.append(item.title)
        else:
            item.tags.add("buurt")
    return expected


def test_a_popular_tag_lists_the_same_items_in_the_same_order_on_every_page(
    client, popular_tag, settings
):
    settings.PAGE_CACHE_SECONDS = 0
    url = reverse("knowledge:library")
    assert len(popular_tag) == 33
    # The first page is read from the library, the second from the tag's uses.
    pages = [client.get(url, {"tag": "WONEN", "pagina": number}) for number in (1, 2)]
    # The list offers the first 25 it counted (atelier/bounded_paging.py).
    assert page_titles(pages[0]) + page_titles(pages[1]) == popular_tag[:COUNTED]
    assert "Meer dan 25 items gevonden" in pages[0].content.decode()


def test_two_tags_and_an_unknown_tag(client, popular_tag, settings):
    settings.PAGE_CACHE_SECONDS = 0
    url = reverse("knowledge:library")
    both = client.get(url, {"tag": ["wonen", "BUURT"]})
    assert page_titles(both) == popular_tag[:20]
    unknown = client.get(url, {"tag": ["wonen", "bestaat-niet"]})
    assert unknown.status_code == 200
    assert page_titles(unknown) == []


def test_a_member_sees_the_members_item_in_its_place(client, popular_tag, settings):
    settings.PAGE_CACHE_SECONDS = 0
    login(client, make_member("lezer@example.org"))
    titles = page_titles(client.get(reverse("knowledge:library"), {"tag": "wonen"}))
    assert titles == sorted([*popular_tag, "Stuk 03"])[:20]


def test_a_rare_tag_is_read_from_its_uses(client, popular_tag, settings):
    settings.PAGE_CACHE_SECONDS = 0
    make_resource("Zeldzaam").tags.add("zeldzaam")
    with CaptureQueriesContext(connection) as queries:
        page = client.get(reverse("knowledge:library"), {"tag": "zeldzaam"})
    assert page_titles(page) == ["Zeldzaam"]
    # Not the library newest first with each item's tags checked: that reads every item.
    assert not any("EXISTS" in query["sql"] and "LIMIT 20" in query["sql"] for query in queries)


def test_a_popular_tags_first_page_reads_the_library_in_order(client, popular_tag, settings):
    settings.PAGE_CACHE_SECONDS = 0
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("knowledge:library"), {"tag": "wonen"}).status_code == 200
    (page_query,) = [
        query["sql"]
        for query in queries
        if query["sql"].startswith('SELECT "knowledge_resource"."id"') and "EXISTS" in query["sql"]
    ]
    plan = plan_of(page_query.replace("%", "%%"), [])
    assert not sorts_everything(plan), plan
