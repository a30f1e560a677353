"""Results people can scan: each hit of a library search shows a snippet of its text with
the words found marked, escaped safely; the filters stay with the search."""

import re

import pytest
from django.urls import reverse

from atelier import textsearch

from .factories import make_resource
from .helpers import SCRIPT, page_titles

pytestmark = pytest.mark.django_db

SNIPPET = re.compile(r'<p class="card__snippet" lang="nl">(.*?)</p>', re.S)
XSS_PAYLOADS = [
    SCRIPT,
    '"><img src=x onerror=alert(1)>',
    "<svg onload=alert(1)>",
    "javascript:alert(1)",
    "<mark>nep</mark>",
]


def snippets_of(client, **params) -> list[str]:
    response = client.get(reverse("knowledge:library"), params)
    assert response.status_code == 200
    return SNIPPET.findall(response.content.decode())


def test_a_hit_shows_the_words_found_marked_in_its_text(client):
    make_resource(
        "Een werkvorm",
        summary="Kort.",
        body="Eerst koffie. Dan lopen we samen door de wijken van Heerlen en praten met bewoners.",
    )
    (snippet,) = snippets_of(client, q="wijk bewoner")
    assert "<mark>wijken</mark>" in snippet
    assert "<mark>bewoners</mark>" in snippet


def test_the_snippet_is_a_short_part_of_a_long_text_around_the_words(client):
    body = "Vulling zonder betekenis. " * 400 + "Hier staat de moestuin. " + "Meer vulling. " * 400
    make_resource("Een lang stuk", summary="Kort.", body=body)
    (snippet,) = snippets_of(client, q="moestuin")
    assert "<mark>moestuin</mark>" in snippet
    assert len(snippet) < 2 * textsearch.SNIPPET_LENGTH
    assert snippet.startswith("…") and snippet.endswith("…")


def test_a_match_in_the_title_only_shows_no_snippet(client):
    make_resource("De moestuin", summary="Kort.", body="Tekst.")
    assert snippets_of(client, q="moestuin") == []


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_snippets_escape_what_the_text_holds(client, payload):
    make_resource("Een werkvorm", summary=f"De wijk {payload} en nog eens de wijk.", body="Tekst.")
    make_resource("Nog een werkvorm", body=f"De wijk `{payload}` in code.")
    response = client.get(reverse("knowledge:library"), {"q": f"wijk {payload}"})
    assert response.status_code == 200
    content = response.content.decode()
    for snippet in SNIPPET.findall(content):
        assert re.sub(r"</?mark>", "", snippet).count("<") == 0
    assert SCRIPT not in content
    assert "<img src=x" not in content
    assert "<svg onload" not in content


def test_the_snippet_function_marks_only_whole_words_and_escapes():
    stems = {textsearch.stem("wijk")}
    snippet = textsearch.snippet("<b>wijk</b> & wijkteam & wijken", stems)
    marked = "&lt;b&gt;<mark>wijk</mark>&lt;/b&gt; &amp; wijkteam &amp; <mark>wijken</mark>"
    assert snippet == marked
    assert textsearch.snippet("niets hier", stems) == ""


@pytest.mark.parametrize(
    ("starts", "expected"),
    [
        ([5], 5),
        ([0, 50, 100, 110, 120], 50),  # from 50: 50, 100, 110 and 120 within 100
        ([0, 10, 300, 310], 0),  # two windows of two: the first
        ([0, 100, 150, 250], 100),  # a window holds what begins before its end, not at it
    ],
)
def test_the_snippet_window_is_the_first_that_holds_the_most_hits(starts, expected):
    assert textsearch.densest_window(starts, 100) == expected


def test_a_text_of_one_word_over_and_over_gives_a_short_snippet_of_marked_words():
    # Every word is a hit (thousands): each window's hits are counted by bisection.
    text = "wijk " * 5000
    snippet = textsearch.snippet(text, {textsearch.stem("wijk")})
    assert snippet.startswith("<mark>wijk</mark> <mark>wijk</mark>")
    assert snippet.endswith("…")
    assert len(re.sub(r"</?mark>", "", snippet)) <= textsearch.SNIPPET_LENGTH + 1


def test_search_keeps_the_kind_and_tag_filters(client):
    make_resource("Moestuin als tool", kind="tool", tags=["buurt"], body="Over de moestuin.")
    make_resource("Moestuin als casus", kind="case", tags=["buurt"], body="Over de moestuin.")
    make_resource("Moestuin zonder tag", kind="tool", body="Over de moestuin.")
    response = client.get(
        reverse("knowledge:library"), {"q": "moestuinen", "soort": "tool", "tag": "buurt"}
    )
    assert page_titles(response) == ["Moestuin als tool"]
    content = response.content.decode()
    assert 'value="moestuinen"' in content
    assert '<option value="tool" selected>' in content
    assert '<input type="hidden" name="tag" value="buurt">' in content
