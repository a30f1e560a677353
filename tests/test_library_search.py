"""Searching the library: ranking, items with every word first, hostile input, Dutch
stemming and the index.
"""

from datetime import timedelta

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from taggit.models import Tag

from atelier import page_cache
from atelier.textsearch import parse_query
from knowledge import search as library_search
from knowledge.models import Resource, Visibility

from .factories import make_resource
from .helpers import SCRIPT, page_titles, search_titles

pytestmark = pytest.mark.django_db


def test_a_title_match_ranks_above_a_body_only_match(client):
    now = timezone.now()
    make_resource("Over iets anders", body="Het gaat om signalering.", published_at=now)
    make_resource(
        "Signalering in de wijk", body="Een oud stuk.", published_at=now - timedelta(days=99)
    )
    assert search_titles(client, "signalering") == ["Signalering in de wijk", "Over iets anders"]


def test_the_search_ranks_title_over_tags_and_summary_over_body():
    now = timezone.now()
    make_resource("Alleen tekst", body="over moestuinen", published_at=now)
    make_resource("Alleen samenvatting", summary="over moestuinen", published_at=now)
    make_resource("Alleen tag", tags=["moestuin"], published_at=now)
    make_resource("De moestuin", published_at=now - timedelta(days=9))
    make_resource("Niets hiervan", published_at=now)
    found = [item.title for item in library_search.search(Resource.objects.all(), "moestuin")]
    # Tags and summary weigh the same on PostgreSQL (weight B); on SQLite tags a little more.
    assert found[0] == "De moestuin"
    assert set(found[1:3]) == {"Alleen tag", "Alleen samenvatting"}
    assert found[3:] == ["Alleen tekst"]


def test_items_with_every_word_of_a_search_come_first(client):
    make_resource("Buurt en moestuin", body="Samen tuinieren.")
    make_resource("Alleen de buurt", body="Geen tuin hier.")
    make_resource("Alleen een moestuin", body="Zonder wijk.")
    make_resource("Iets anders", body="Zonder wijk.")
    found = search_titles(client, "buurt moestuin")
    assert found[0] == "Buurt en moestuin"
    assert set(found[1:]) == {"Alleen de buurt", "Alleen een moestuin"}


def test_every_word_counts_also_when_one_word_is_a_tag(client):
    make_resource("Alleen getagd", tags=["buurt"], body="Over iets anders.")
    make_resource("Samen tuinieren", tags=["buurt"], body="Een moestuin voor iedereen.")
    assert search_titles(client, "buurt moestuin") == ["Samen tuinieren", "Alleen getagd"]


def test_a_tag_match_counts(client):
    make_resource("Een werkvorm", tags=["bewonersparticipatie"], body="Zonder dat woord.")
    make_resource("Iets anders", tags=["buurt"])
    assert search_titles(client, "bewonersparticipatie") == ["Een werkvorm"]


def test_search_is_case_insensitive_and_finds_summary_matches(client):
    make_resource("Een werkvorm", summary="Over SIGNALERING in de wijk.")
    assert search_titles(client, "signalering") == ["Een werkvorm"]


def test_without_a_search_the_newest_come_first(client):
    now = timezone.now()
    make_resource("Oud", published_at=now - timedelta(days=30))
    make_resource("Nieuw stuk", published_at=now)
    make_resource("Middel", published_at=now - timedelta(days=3))
    assert page_titles(client.get(reverse("knowledge:library"))) == ["Nieuw stuk", "Middel", "Oud"]


HOSTILE_QUERIES = [
    "x" * 10_000,
    "wijk " * 2_000,
    "\x00",
    "wijk\x00gesprek",
    "\x01\x02\x1b[31m\x7f",
    "%",
    "_",
    "%_%",
    "100%",
    "'",
    '"',
    "' OR 1=1 --",
    '"onafgesloten',
    SCRIPT,
    "!!! & | <-> :*",
    "-wijk",
    "wijk OR",
    "\u202egnirts",
    "🙂 buurt",
    " ",
]


@pytest.mark.parametrize("text", HOSTILE_QUERIES, ids=lambda text: repr(text[:20]))
def test_hostile_search_input_never_fails(client, text):
    make_resource("Wijkgesprek 100% _echt_", tags=["buurt"])
    make_resource("Ledenstuk", visibility=Visibility.MEMBERS)
    response = client.get(reverse("knowledge:library"), {"q": text})
    assert response.status_code == 200
    content = response.content.decode()
    assert SCRIPT not in content
    assert "Ledenstuk" not in content


@pytest.mark.parametrize("text", ["%", "_", "100%"])
def test_like_wildcards_are_no_wildcards(client, text):
    """Only words are searched for: "%" and "_" alone find nothing, "100%" finds 100."""
    make_resource("Honderd procent", body="Helemaal.")
    make_resource("Echt 100% zeker", body="Ja.")
    expected = [] if text in ("%", "_") else ["Echt 100% zeker"]
    assert search_titles(client, text) == expected


@pytest.mark.parametrize(
    "params",
    [
        {"tag": "\x00"},
        {"tag": "x" * 10_000},
        {"tag": ["a", "b", "c", "d", "e", "f", "g"]},
        {"tag": SCRIPT},
        {"soort": SCRIPT},
        {"soort": "\x00"},
        {"pagina": "-1"},
        {"pagina": "9999999999999999999999"},
        {"pagina": "x"},
        {"q": "wijk", "pagina": "0"},
    ],
)
def test_hostile_filter_input_never_fails(client, params):
    make_resource("Wijkgesprek", tags=["buurt"])
    response = client.get(reverse("knowledge:library"), params)
    assert response.status_code == 200
    assert SCRIPT not in response.content.decode()


@pytest.mark.postgresql
def test_dutch_stemming_finds_other_forms_of_a_word(client):
    make_resource("Een werkvorm", body="We liepen samen door de wijk en spraken bewoners.")
    make_resource("Iets anders", body="Over onderwijs.")
    assert search_titles(client, "wijken") == ["Een werkvorm"]


@pytest.mark.postgresql
def test_full_text_search_ranks_title_matches_first(client):
    now = timezone.now()
    make_resource(
        "Over iets anders",
        body="Signalering, signalering en nog eens signalering in de wijk.",
        published_at=now,
    )
    make_resource("Getagd", tags=["signalering"], body="Zonder het woord.", published_at=now)
    make_resource(
        "Signalering als taak", body="Een oud stuk.", published_at=now - timedelta(days=99)
    )
    found = search_titles(client, "signalering")
    assert found[0] == "Signalering als taak"
    assert set(found) == {"Signalering als taak", "Over iets anders", "Getagd"}


def test_search_puts_body_only_matches_last_and_newest_first(client):
    """The rank reads title, tags and summary only (on PostgreSQL migration 0003's
    vector): an item with the word only in its body, however often, follows one with
    it in the summary."""
    now = timezone.now()
    make_resource("Oud", body="Moestuin, moestuin, moestuin.", published_at=now - timedelta(days=9))
    make_resource("Nieuw", body="Een moestuin.", published_at=now)
    make_resource("Samengevat", summary="Over de moestuin.", published_at=now - timedelta(days=99))
    assert search_titles(client, "moestuin") == ["Samengevat", "Nieuw", "Oud"]


@pytest.mark.postgresql
def test_full_text_search_puts_items_with_every_word_first(client):
    make_resource("Alleen de buurt", body="Geen tuin hier.")
    make_resource("Buurt en moestuin", body="Samen tuinieren in de buurt.")
    assert search_titles(client, "buurt moestuin") == ["Buurt en moestuin", "Alleen de buurt"]


def _tags_text(resource) -> set[str]:
    resource.refresh_from_db(fields=["tags_text"])
    return set(resource.tags_text.split())


def test_the_stored_tag_names_follow_tag_changes():
    resource = make_resource("Getagd", tags=["buurt", "jongeren"])
    assert _tags_text(resource) == {"buurt", "jongeren"}
    resource.tags.add("moestuin")
    assert _tags_text(resource) == {"buurt", "jongeren", "moestuin"}
    resource.tags.remove("buurt")
    assert _tags_text(resource) == {"jongeren", "moestuin"}
    resource.tags.set(["wonen"])
    assert _tags_text(resource) == {"wonen"}
    Tag.objects.get(name="wonen").delete()
    assert _tags_text(resource) == set()
    resource.tags.add("zorg")
    resource.tags.clear()
    assert _tags_text(resource) == set()


def test_the_search_index_follows_edits_deletes_and_tag_changes(client):
    resource = make_resource("Een werkvorm", body="Over de moestuin.")
    assert search_titles(client, "moestuin") == ["Een werkvorm"]
    # A tool's text is its sections (its body is composed from them on saving).
    resource.sections = {**resource.sections, "approach": "Over het buurthuis."}
    resource.save()
    assert search_titles(client, "moestuin") == []
    assert search_titles(client, "buurthuis") == ["Een werkvorm"]
    Resource.objects.filter(pk=resource.pk).update(title="Een nieuwe werkvorm")
    page_cache.mark_stale("library")  # as code that updates in bulk must
    assert search_titles(client, "nieuwe") == ["Een nieuwe werkvorm"]
    resource.tags.add("jongerenwerk")
    assert search_titles(client, "jongerenwerk") == ["Een nieuwe werkvorm"]
    resource.tags.remove("jongerenwerk")
    assert search_titles(client, "jongerenwerk") == []
    resource.delete()
    assert search_titles(client, "buurthuis") == []


def test_a_hyphenated_word_is_searched_as_the_phrase_of_its_parts(client):
    make_resource("Co-creatie in de wijk")
    make_resource("Co creatie apart")
    make_resource("Creatie van co", body="Creatief.")
    assert set(search_titles(client, "co-creatie")) == {"Co-creatie in de wijk", "Co creatie apart"}


@pytest.mark.postgresql
def test_full_text_search_uses_the_gin_index():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = 'knowledge_resource_search'"
        )
        assert "USING gin" in cursor.fetchone()[0]
        # Whether the search's condition can be served by the GIN index: with sequential
        # and plain index scans off, only a bitmap scan of an index on that condition is
        # left. (With them on, a backward scan of the newest items may rightly win on a
        # few rows, by statistics earlier tests leave behind.) Without a limit, the
        # condition each window of a search asks (atelier/newest_matches.py).
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        query = parse_query("buurt moestuin")
        queryset = library_search.matching(Resource.objects.all(), query)
        plan = queryset.explain()
    assert "knowledge_resource_search" in plan
