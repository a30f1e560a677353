"""Bad input on the site search (/zoeken/) and the member directory: long texts, thousands
of words, search syntax, punctuation only, hostile strings. Never a 500, a clear Dutch
message or result, the text shown escaped, and work bounded whatever comes in."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape
from hypothesis import given

from atelier.search_words import MAX_LENGTH, MAX_WORDS, search_words
from sessions_app.models import EventKind

from .factories import make_event, make_item, make_member
from .helpers import count_queries, text
from .test_hostile_input import HOSTILE, SPECIALS, fresh_client, query

pytestmark = pytest.mark.django_db

SEARCH = reverse("search")
DIRECTORY = reverse("members:directory")
SYNTAX = [
    '"',
    "*",
    "NEAR",
    "^",
    '"buurt',
    'buurt"',
    "buurt*",
    "NEAR(buurt wijk)",
    "buurt^2",
    "buurt AND OR NOT",
    "(buurt",
    "-",
    "--buurt",
    ":",
    "title:buurt",
    "'",
    "\\",
    "{",
    "}",
]
XSS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(1)",
    "<svg/onload=alert(1)>",
]


@pytest.fixture
def site(db):
    reader = make_member("lezer@example.org", display_name="Lezer Buurt", job_title="Opbouwwerker")
    reader.profile.expertise.add("buurtwerk")
    make_item("buurtwerk", reader, title="Buurtwerk in de wijk")
    make_event("buurtavond", kind=EventKind.PUBLIC, title="Buurtavond")
    return reader


def params_length(queries) -> int:
    """How much of the typed text reached the database, over all queries."""
    return sum(len(str(param)) for query in queries for param in (query.get("params") or ()))


def test_search_words_are_bounded():
    assert search_words("a " * 10_000) == ["a"] * MAX_WORDS
    assert search_words("x" * 10_000) == ["x" * MAX_LENGTH]
    assert search_words('" * ^ -- ()') == []
    assert search_words("buurt\x00werk\u202e") == ["buurt", "werk"]


@pytest.mark.parametrize("as_member", [False, True])
@pytest.mark.parametrize("typed", SYNTAX + XSS + SPECIALS)
def test_no_input_breaks_the_site_search(client, site, as_member, typed):
    if as_member:
        client.force_login(site)
    response = client.get(SEARCH, {"q": typed})
    assert response.status_code == 200
    page = response.content.decode()
    assert "<script>alert" not in page
    assert "<img src=x" not in page
    assert "<svg/onload" not in page


@pytest.mark.parametrize("typed", XSS)
def test_the_query_is_echoed_escaped(client, site, typed):
    response = client.get(SEARCH, {"q": f"buurt {typed}"})
    shown = escape(f"buurt {typed}")
    assert f"<h1>Zoekresultaten voor “{shown}”</h1>" in response.content.decode()
    assert f'value="{shown}"' in response.content.decode()


@pytest.mark.parametrize("typed", ['"', "*", "^", "***", "-- ;", "()", "…"])
def test_punctuation_only_gets_a_clear_message(client, site, typed):
    response = client.get(SEARCH, {"q": typed})
    assert response.status_code == 200
    assert "Typ een of meer woorden met letters of cijfers." in text(response)
    assert response.context["groups"] == []


@pytest.mark.usefixtures("page_cache_off")
@pytest.mark.parametrize(
    "typed",
    ["buurt " * 3000, "buurt" + "x" * 100_000, "ä" * 100_001, " ".join(["buurt"] * 10 + ["zzz"])],
    ids=["thousands of words", "one long word", "long unicode", "eleven words"],
)
def test_long_searches_are_cut_and_say_so(client, site, typed):
    client.force_login(site)
    client.get(SEARCH, {"q": "buurt"})  # warm up: the site settings row is created on first use
    with CaptureQueriesContext(connection) as normal:
        client.get(SEARCH, {"q": "buurt"})
    with CaptureQueriesContext(connection) as long:
        response = client.get(SEARCH, {"q": typed})
    assert response.status_code == 200
    assert "Je zoekvraag was lang: we hebben alleen op de eerste woorden gezocht." in text(response)
    assert len(long) <= len(normal)
    # The database never sees more than the first MAX_WORDS words of MAX_LENGTH characters.
    assert params_length(long) <= params_length(normal) + 50 * MAX_LENGTH
    assert len(response.context["query"]) <= MAX_LENGTH


def test_the_eleventh_word_is_left_out(client, site):
    # Ten words that all find the item: the eleventh, which finds nothing, is not searched.
    response = client.get(SEARCH, {"q": "buurtwerk " * 10 + "nergens"})
    assert response.context["groups"][0].count == 1


@pytest.mark.parametrize("group", ["agenda", "leden", "kennisbank", "<b>", "", "agenda\x00"])
@pytest.mark.parametrize("page", ["1", "2", "-1", "0", "999999999999999999", "abc", ""])
def test_bad_group_and_page_numbers(client, site, group, page):
    client.force_login(site)
    response = client.get(SEARCH, {"q": "buurt", "groep": group, "pagina": page})
    assert response.status_code == 200


@pytest.mark.usefixtures("page_cache_off")
def test_a_huge_directory_search_is_bounded(client, site):
    client.force_login(site)
    client.get(DIRECTORY)
    normal = count_queries(client, f"{DIRECTORY}?q=buurt")
    with CaptureQueriesContext(connection) as long:
        response = client.get(DIRECTORY, {"q": "buurt " * 3000})
    assert response.status_code == 200
    assert len(long) <= normal
    assert params_length(long) < 1000  # the refused text reached no query


@pytest.mark.parametrize("typed", SYNTAX + XSS)
def test_no_input_breaks_the_directory(client, site, typed):
    client.force_login(site)
    response = client.get(DIRECTORY, {"q": typed})
    assert response.status_code == 200
    assert "<script>alert" not in response.content.decode()


@HOSTILE
@given(params=query("q", "groep", "pagina"))
def test_site_search_query_for_visitor(site, params):
    assert fresh_client().get(SEARCH, params).status_code == 200


@HOSTILE
@given(params=query("q", "groep", "pagina"))
def test_site_search_query_for_member(site, params):
    assert fresh_client(site).get(SEARCH, params).status_code == 200
