"""Typing errors forgiven: the library suggests the nearest words of its own vocabulary,
and shows the search with the suggestion applied when the search as typed finds nothing.
The vocabulary follows every change of the items, and never offers a reader words of
items that reader may not see."""

import html

import pytest
from django.urls import reverse

from atelier import textsearch
from knowledge import search as library_search
from knowledge.models import Resource, ResourceStatus, SearchWord, Visibility

from .factories import make_member, make_resource
from .helpers import SCRIPT, page_titles

pytestmark = pytest.mark.django_db


def library_page(client, **params) -> str:
    response = client.get(reverse("knowledge:library"), params)
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def vocabulary() -> dict[str, tuple[int, int]]:
    return {word.word: (word.documents, word.public_documents) for word in SearchWord.objects.all()}


@pytest.mark.parametrize("typed", ["signaalfunctei", "sigaalfunctie", "signaalfuncite"])
def test_a_mistyped_word_that_finds_nothing_shows_the_results_of_the_nearest(client, typed):
    make_resource("De signaalfunctie van het opbouwwerk", body="Tekst.")
    make_resource("Iets anders", body="Tekst.")
    response = client.get(reverse("knowledge:library"), {"q": typed})
    assert page_titles(response) == ["De signaalfunctie van het opbouwwerk"]
    content = html.unescape(response.content.decode())
    assert f"Voor „{typed}” is niets gevonden" in content
    assert "resultaten voor „<strong>signaalfunctie</strong>”" in content


def test_a_search_that_finds_little_suggests_a_word_with_a_link_that_keeps_the_filters(client):
    make_resource("Buurtwandeling met bewoners", kind="tool", body="Wandelen.")
    make_resource("Een wandeling door de wijk", kind="tool", body="Tekst.")
    content = library_page(client, q="buurtwandeling wijkk", soort="tool")
    assert "Bedoelde je:" in content
    assert 'href="?q=buurtwandeling+wijk&soort=tool"' in content


def test_no_suggestion_when_the_words_are_known(client):
    make_resource("De signaalfunctie", body="Tekst.")
    content = library_page(client, q="signaalfunctie")
    assert "Bedoelde je" not in content
    assert "niets gevonden" not in content


def test_visitors_are_never_offered_words_of_members_only_items(client):
    make_resource("Geheimzinnige huurachterstand", visibility=Visibility.MEMBERS, body="Tekst.")
    make_resource("Openbare voedselbank", body="Tekst.")
    assert "huurachterstand" not in library_page(client, q="huurachterstnd")
    client.force_login(make_member("lid@example.org"))
    assert "resultaten voor „<strong>huurachterstand</strong>”" in library_page(
        client, q="huurachterstnd"
    )


def test_the_vocabulary_follows_publishing_edits_visibility_and_deletion():
    item = make_resource("Buurtkamer", summary="Een plek.", status=ResourceStatus.DRAFT)
    assert "buurtkamer" not in vocabulary()
    item.status = ResourceStatus.PUBLISHED
    item.save()
    assert vocabulary()["buurtkamer"] == (1, 1)
    make_resource("Buurtkamer twee", summary="Nog een plek.", visibility=Visibility.MEMBERS)
    assert vocabulary()["buurtkamer"] == (2, 1)
    item.visibility = Visibility.MEMBERS
    item.save()
    assert vocabulary()["buurtkamer"] == (2, 0)
    item.title = "Wijkkamer"
    item.save()
    assert vocabulary()["buurtkamer"] == (1, 0)
    assert vocabulary()["wijkkamer"] == (1, 0)
    item.tags.add("moestuin")
    assert vocabulary()["moestuin"] == (1, 0)
    Resource.objects.all().delete()
    assert vocabulary() == {}


def test_the_vocabulary_holds_words_of_letters_only():
    make_resource(f"Co-creatie 2024 in de wijk {SCRIPT}", summary="x" * 50, body="Tekst.")
    assert set(vocabulary()) == {"creatie", "wijk", "script", "alert"}


def test_the_nearest_word_counts_a_swap_of_two_letters_as_one_error():
    candidates = ["signaalfunctie", "signalenkaart", "functie"]
    assert textsearch.closest_word("signaalfunctei", candidates) == "signaalfunctie"
    assert textsearch.closest_word("wijk", ["wijk", "wijkteam"]) is None
    assert textsearch.closest_word("bos", ["bus", "bas"]) == "bus"  # the first: the most used
    assert textsearch.closest_word("xyzxyzxyz", candidates) is None


def test_a_suggestion_replaces_only_the_unknown_words():
    make_resource("Buurtwandeling met bewoners", body="Tekst.")
    query = textsearch.parse_query('buurtwandling bewoners "met bewoners" -gemeente')
    suggested = library_search.suggestion(query, "public")
    assert suggested is not None
    assert suggested.text() == 'buurtwandeling bewoners "met bewoners" -gemeente'
