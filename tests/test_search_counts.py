"""A search for a common word ranks and counts a bounded number of matches (the last
added) and says "more than" above it, so its cost does not grow with the library."""

import pytest
from django.urls import reverse

from knowledge import search as library_search
from knowledge.models import Resource, ResourceKind, ResourceStatus

from .factories import make_item, make_member, make_resource
from .helpers import page_titles

pytestmark = pytest.mark.django_db


@pytest.fixture
def count_to_three(monkeypatch):
    monkeypatch.setattr(library_search, "COUNTED_MATCHES", 3)


@pytest.mark.usefixtures("count_to_three", "page_cache_off")
def test_above_the_limit_the_count_says_more_than(client):
    for number in range(6):
        make_resource(f"Moestuin {number}", body="Tekst.")
    make_resource("Iets anders", body="Tekst.")
    response = client.get(reverse("knowledge:library"), {"q": "moestuinen"})
    content = response.content.decode()
    assert "Meer dan 3 items gevonden" in content
    # The last added matches, one more than counted, are ranked and shown.
    assert sorted(page_titles(response)) == [f"Moestuin {number}" for number in range(2, 6)]


@pytest.mark.usefixtures("count_to_three", "page_cache_off")
def test_up_to_the_limit_the_count_is_exact(client):
    for number in range(3):
        make_resource(f"Moestuin {number}", body="Tekst.")
    content = client.get(reverse("knowledge:library"), {"q": "moestuin"}).content.decode()
    assert "3 items gevonden" in content
    assert "Meer dan" not in content


@pytest.mark.usefixtures("count_to_three")
def test_the_readers_filter_is_not_asked_again_around_the_ranked_matches():
    # Asked again around the matches it ranks, a member's filter ("published, or my own
    # draft") made PostgreSQL read the whole library for it at the large size.
    member, other = make_member("lid@example.org"), make_member("ander@example.org")
    own = make_item("mijn-moestuin", member, status=ResourceStatus.DRAFT)
    make_item("andermans-moestuin", other, status=ResourceStatus.DRAFT)
    published = [make_item(f"moestuin-{number}", other) for number in range(3)]
    found = library_search.search(Resource.objects.visible_to(member), "moestuin")
    # Around the ranked matches, only "one of these ids": no filter of the reader's.
    (outer_filter,) = found.query.where.children
    assert outer_filter.lookup_name == "in" and outer_filter.lhs.target.primary_key
    # The newest four matches the member may see, one more than counted.
    assert {item.pk for item in found} == {own.pk, *(item.pk for item in published)}


@pytest.fixture
def candidates_for_three(monkeypatch, count_to_three):
    # As many candidates for a kind or tag to pick from as in production: twice the ranked.
    monkeypatch.setattr(library_search, "INDEX_CANDIDATES", 8)


@pytest.mark.usefixtures("candidates_for_three", "page_cache_off")
def test_members_only_matches_do_not_cut_a_visitors_count_short(client):
    # The index hands over the newest matches the reader may see: members-only items,
    # however many and new, leave a visitor's four public ones counted as "more than 3".
    for number in range(4):
        make_resource(f"Moestuin {number}", slug=f"moestuin-{number}")
    for number in range(6):
        make_resource(f"Moestuin besloten {number}", visibility="members")
    response = client.get(reverse("knowledge:library"), {"q": "moestuin"})
    assert "Meer dan 3 items gevonden" in response.content.decode()
    assert sorted(page_titles(response)) == [f"Moestuin {number}" for number in range(4)]


@pytest.mark.usefixtures("candidates_for_three", "page_cache_off")
def test_a_kind_picks_among_the_newest_candidates_the_reader_may_see(client):
    # A kind reads no further back than INDEX_CANDIDATES matches: the report older than
    # eight newer cases is left out; more words or a tag reach it.
    make_resource("Moestuin verslag", kind=ResourceKind.REPORT)
    for number in range(8):
        make_resource(f"Moestuin {number}", kind=ResourceKind.CASE)
    make_resource("Moestuin nieuw verslag", kind=ResourceKind.REPORT)
    response = client.get(reverse("knowledge:library"), {"q": "moestuin", "soort": "report"})
    assert page_titles(response) == ["Moestuin nieuw verslag"]
