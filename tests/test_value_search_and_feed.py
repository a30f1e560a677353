"""Value stories are found by the site search (/zoeken/) and a search of the library, only
those the reader may see, and public ones are in an Atom feed (/opbrengst/feed/) that the
list links to (value/search.py, value/feeds.py)."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from knowledge.search_groups import groups_for

from .factories import make_coordinator, make_member, make_story
from .helpers import SCRIPT, content, text

pytestmark = pytest.mark.django_db

SEARCH = reverse("search")
FEED = reverse("value:feed")


@pytest.fixture
def stories(db):
    writer = make_member("verteller@example.org", display_name="Vera Verteller")
    return {
        audience: make_story(
            writer,
            audience,
            title=f"Straatgesprek voor {audience}",
            applied=f"Ik hield een straatgesprek in Kerkrade ({audience}).",
        )
        for audience in ("public", "members", "coordinator")
    }


def found_stories(client, words: str) -> str:
    response = client.get(SEARCH, {"q": words})
    assert response.status_code == 200
    return text(response)


def test_a_visitor_finds_only_the_public_story(client, stories):
    page = found_stories(client, "straatgesprek kerkrade")
    assert 'id="group-verhalen"' in page and "Verhalen" in page
    assert "Straatgesprek voor public" in page
    assert "Straatgesprek voor members" not in page
    assert "Straatgesprek voor coordinator" not in page


def test_a_member_finds_the_members_story_too_and_the_coordinator_all(client, stories):
    client.force_login(make_member("lezer@example.org"))
    page = found_stories(client, "straatgesprek")
    assert "Straatgesprek voor members" in page
    assert "Straatgesprek voor coordinator" not in page
    client.force_login(make_coordinator())
    assert "Straatgesprek voor coordinator" in found_stories(client, "straatgesprek")


def test_the_group_links_to_the_list_with_the_same_search(client, stories):
    response = client.get(reverse("value:list"), {"q": "kerkrade"})
    assert [story.title for story in response.context["page"].object_list] == [
        "Straatgesprek voor public"
    ]
    nothing = client.get(reverse("value:list"), {"q": "bestaat-niet"})
    assert list(nothing.context["page"].object_list) == []


def test_a_search_of_the_library_shows_the_stories_the_reader_may_see(stories):
    groups = {group.title: group for group in groups_for(AnonymousUser(), "straatgesprek")}
    assert [hit.title for hit in groups["Waardeverhalen"].hits] == ["Straatgesprek voor public"]


def test_hostile_words_find_nothing_and_break_nothing(client, stories):
    for words in (SCRIPT, "%", "_", "' OR 1=1 --", "ä" * 100_000):
        response = client.get(SEARCH, {"q": words})
        assert response.status_code == 200
        assert SCRIPT not in content(response)
        assert client.get(reverse("value:list"), {"q": words}).status_code == 200


def test_the_feed_holds_only_public_stories(client, stories):
    response = client.get(FEED)
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = response.content.decode()
    assert "Straatgesprek voor public" in feed and "Vera Verteller" in feed
    assert "Straatgesprek voor members" not in feed
    assert "Straatgesprek voor coordinator" not in feed


def test_the_list_links_to_the_feed_in_its_head_and_on_the_page(client, stories):
    page = content(client.get(reverse("value:list")))
    assert f'type="application/atom+xml" title="Waardeverhalen"\n        href="{FEED}"' in page
    assert f'<a href="{FEED}">' in page
