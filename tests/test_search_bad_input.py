"""Bad input to the library's search: syntax of FTS5, tsquery and SQL, quotes left open,
punctuation alone, hostile strings, very long searches and thousands of words. Each gets
a clear result or message, never an error, and costs a bounded number of small queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from atelier import textsearch

from .factories import make_resource
from .helpers import SCRIPT, page_titles

pytestmark = pytest.mark.django_db

SYNTAX = [
    '"',
    '""',
    '"wijk',
    'wijk"',
    '"wijk" "',
    "*",
    "wijk*",
    "NEAR",
    "NEAR(wijk buurt)",
    "wijk NEAR buurt",
    "^wijk",
    "wijk^2",
    "-",
    "- -",
    "--wijk",
    '-"',
    '-""',
    "wijk AND OR NOT",
    "title:wijk",
    "{title}: wijk",
    "wijk:*",
    "!wijk",
    "wijk & !buurt | (",
    "<->",
    "wijk <2> buurt",
    "'wijk'",
    "wijk'; DROP TABLE knowledge_resource; --",
    "%%",
    "\\",
    "()[]{}",
    SCRIPT,
    "\u202ewijk",
    "wijk\u200bbuurt",
    "ＷＩＪＫ",
    "🙂🙂🙂",
]


@pytest.mark.parametrize("text", SYNTAX)
def test_syntax_characters_are_only_text(client, text):
    make_resource("Samen in de wijk", tags=["buurt"], body="Tekst.")
    response = client.get(reverse("knowledge:library"), {"q": text})
    assert response.status_code == 200
    assert SCRIPT not in response.content.decode()


@pytest.mark.parametrize("text", ["!!!", "...", "- - -", '" "', "*", "% _ %", "de het een"])
def test_a_search_without_words_says_so(client, text):
    make_resource("Samen in de wijk", body="Tekst.")
    response = client.get(reverse("knowledge:library"), {"q": text})
    assert response.status_code == 200
    assert page_titles(response) == []
    assert "Zoek op woorden: letters of cijfers." in response.content.decode()


def test_an_open_quote_is_a_phrase_to_the_end(client):
    make_resource("Samen in de wijk", body="Tekst.")
    make_resource("De wijk, samen", body="Tekst.")
    response = client.get(reverse("knowledge:library"), {"q": '"samen in de wijk'})
    assert page_titles(response) == ["Samen in de wijk"]


@pytest.mark.parametrize(
    "text",
    ["wijk " * 5000, "x" * 100_000, " ".join(f"woord{number}" for number in range(3000))],
    ids=["one word 5000 times", "100 KB of one word", "3000 different words"],
)
def test_a_huge_search_uses_its_start_and_says_so(client, text):
    make_resource("Samen in de wijk", body="Tekst.")
    response = client.get(reverse("knowledge:library"), {"q": text})
    assert response.status_code == 200
    assert "Je zoekopdracht was lang" in response.content.decode()


def test_the_parser_bounds_the_words_and_the_length():
    query = textsearch.parse_query(" ".join(f"woord{number}" for number in range(3000)))
    assert len(query.words) == textsearch.MAX_WORDS and query.shortened
    query = textsearch.parse_query('"' + "wijk " * 30 + '"')
    assert query.phrases == [] and query.shortened  # a phrase too long is left out whole
    assert len(textsearch.parse_query("x" * 100_000).words[0].word) <= textsearch.MAX_QUERY_LENGTH
    assert not textsearch.parse_query("wijk buurt").shortened


def search_queries(client, text: str) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("knowledge:library"), {"q": text})
    assert response.status_code == 200
    return [query["sql"] for query in queries.captured_queries]


@pytest.mark.usefixtures("page_cache_off")
def test_the_work_of_a_search_is_bounded_however_long_it_is(client):
    """Mistyped words each cost a look in the vocabulary: ten at most, however many."""
    make_resource("Samen in de wijk", tags=["buurt"], body="Tekst.")
    ten_unknown = " ".join(f"onbekendwoord{chr(97 + number)}" for number in range(10))
    thousands = " ".join(f"onbekendwoord{number}" for number in range(3000))
    client.get(reverse("knowledge:library"), {"q": "wijk"})  # warm caches (site texts)
    bounded = search_queries(client, ten_unknown)
    huge = search_queries(client, thousands)
    assert len(huge) == len(bounded)
    # No statement grows with the search: ten words at most, each asked about per column
    # among the newest candidates the reader may see (knowledge/search.py), whose query
    # each of those questions repeats.
    assert max(map(len, huge)) < 40_000
