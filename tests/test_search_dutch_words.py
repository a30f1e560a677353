"""Dutch word forms in the library's search, the same on SQLite and PostgreSQL: stems
(plurals, verb forms, diminutives), phrases in quotes and words left out with a minus."""

import pytest
from django.db import connection

from atelier import textsearch
from knowledge.models import Resource

from .factories import make_resource
from .helpers import search_titles

pytestmark = pytest.mark.django_db

# Words of the demo and of everyday Dutch, with the forms PostgreSQL 15's `dutch`
# configuration gives them (checked there by the test below).
STEMS = {
    "voedselbanken": "voedselbank",
    "wijken": "wijk",
    "buurtje": "buurtj",
    "bewoners": "bewoner",
    "gemeente": "gemeent",
    "signaalfunctie": "signaalfunctie",
    "signalen": "signal",
    "organiseren": "organiser",
    "gesprekken": "gesprek",
    "geïndividualiseerd": "geindividualiseerd",
    "2024": "2024",
}
AGREEMENT_WORDS = [
    *STEMS,
    "opbouwwerkers", "buurthuizen", "participatie", "huurachterstanden", "loyaliteit",
    "samenlevingsopbouw", "verhalen", "verhaal", "kinderen", "vrijwilligers", "ondersteunen",
    "ondersteunde", "gelegenheid", "mogelijkheden", "vrijheid", "lidmaatschap", "één",
    "financiële", "coöperatie", "ruïne", "hé", "café", "netwerkkaarten", "boompje",
]  # fmt: skip


def test_stems_are_those_of_the_dutch_snowball_stemmer():
    assert {word: textsearch.stem(word) for word in STEMS} == STEMS


@pytest.mark.postgresql
def test_sqlite_and_postgresql_give_every_word_the_same_stem():
    with connection.cursor() as cursor:
        for word in AGREEMENT_WORDS:
            cursor.execute("SELECT tsvector_to_array(to_tsvector('dutch', %s))", [word])
            (lexemes,) = cursor.fetchone()
            assert lexemes == [textsearch.stem(word)], word


@pytest.mark.postgresql
def test_the_stop_words_are_postgresqls():
    with connection.cursor() as cursor:
        for word in textsearch.STOP_WORDS:
            cursor.execute("SELECT to_tsvector('dutch', %s) = ''::tsvector", [word])
            assert cursor.fetchone()[0], word
        cursor.execute("SELECT to_tsvector('dutch', 'wijk bewoner gemeente') = ''::tsvector")
        assert not cursor.fetchone()[0]


@pytest.mark.parametrize(
    "typed, found",
    [
        ("voedselbanken", "Armoede signaleren via de voedselbank"),
        ("wijken", "Een wandeling door de wijk"),
        ("buurtje", "Netwerkkaart van de buurt"),
        ("boompje", "Een boom voor elke straat"),
        ("signalen", "Het signaal doorgeven"),
        ("organiseert", "Jongeren organiseren een feest"),
    ],
)
def test_a_word_form_finds_its_base(client, typed, found):
    for title in [
        "Armoede signaleren via de voedselbank",
        "Een wandeling door de wijk",
        "Netwerkkaart van de buurt",
        "Een boom voor elke straat",
        "Het signaal doorgeven",
        "Jongeren organiseren een feest",
    ]:
        make_resource(title, summary="Kort.", body="Tekst.")
    assert search_titles(client, typed) == [found]


def test_every_way_of_writing_an_item_updates_the_stems(client):
    item = make_resource("Over de voedselbank", body="Tekst.")
    Resource.objects.filter(pk=item.pk).update(title="Over de wijkteams")
    Resource.objects.bulk_create(
        [Resource(title="Bewonersavonden", slug="avonden", summary="Kort.", body="Tekst.",
                  kind="tool", visibility="public", status="published")]
    )  # fmt: skip
    assert search_titles(client, "wijkteam") == ["Over de wijkteams"]
    assert search_titles(client, "voedselbanken") == []
    assert search_titles(client, "bewonersavond") == ["Bewonersavonden"]


def test_a_phrase_in_quotes_needs_its_words_in_that_order(client):
    make_resource("Signalen ophalen in de wijk", body="Tekst.")
    make_resource("Ophalen van signalen", body="Tekst.")
    assert search_titles(client, '"signalen ophalen"') == ["Signalen ophalen in de wijk"]
    assert set(search_titles(client, "signalen ophalen")) == {
        "Signalen ophalen in de wijk",
        "Ophalen van signalen",
    }


def test_a_phrase_may_hold_stop_words(client):
    make_resource("Samen in de wijk", body="Tekst.")
    make_resource("Samen met de buurt, niet in de wijk", body="Tekst.")
    assert search_titles(client, '"samen in de wijk"') == ["Samen in de wijk"]


def test_a_minus_leaves_out_items_with_the_word(client):
    make_resource(
        "Wijkgericht werken met de gemeente", tags=["wijk"], kind="background", body="Tekst."
    )
    make_resource(
        "Wijkgericht werken met bewoners", tags=["wijk"], kind="background", body="Tekst."
    )
    assert search_titles(client, "wijkgericht -gemeente") == ["Wijkgericht werken met bewoners"]
    assert search_titles(client, "wijkgericht -gemeenten") == ["Wijkgericht werken met bewoners"]
    assert search_titles(client, 'wijk -"met bewoners"') == ["Wijkgericht werken met de gemeente"]


def test_only_words_left_out_finds_nothing_and_says_so(client):
    make_resource("Wijkgericht werken", body="Tekst.")
    response = client.get("/kennisbank/", {"q": "-gemeente"})
    assert response.status_code == 200
    assert "Zoek op woorden" in response.content.decode()
    assert search_titles(client, "-gemeente") == []


def test_parse_query_reads_phrases_minus_and_stop_words():
    query = textsearch.parse_query('de wijken "signalen ophalen" -gemeente -"de buurt" co-creatie')
    assert [term.word for term in query.words] == ["wijken"]
    assert query.phrases == [["signalen", "ophalen"], ["co", "creatie"]]
    assert query.excluded == [["gemeente"], ["de", "buurt"]]
    assert query.text() == 'wijken "signalen ophalen" "co creatie" -gemeente -"de buurt"'
