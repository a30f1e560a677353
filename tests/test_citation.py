"""APA citations of library items (`knowledge/citation.py`)."""

from datetime import datetime

import pytest
from django.utils import translation

from knowledge.citation import apa_citation, apa_name

from .factories import make_member, make_resource
from .helpers import AMSTERDAM, SCRIPT

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "display_name, expected",
    [
        ("Noor Bakker", "Bakker, N."),
        ("Ans de Vries", "de Vries, A."),
        ("Jan van der Berg", "van der Berg, J."),
        ("Jean-Paul Sartre", "Sartre, J.-P."),
        ("  Noor   Bakker  ", "Bakker, N."),
        ("Noor", "Noor"),
    ],
)
def test_apa_name(display_name, expected):
    assert apa_name(display_name) == expected


def test_apa_citation_escapes_everything_but_the_italics():
    author = make_member("z@example.org", display_name="Noor <b>Bakker</b>")
    resource = make_resource(
        f"Titel {SCRIPT} & meer",
        author,
        published_at=datetime(2026, 3, 3, 23, 30, tzinfo=AMSTERDAM),
    )
    with translation.override("nl"):
        citation = apa_citation(resource, 'http://testserver/kennisbank/x/?a="b"')
    assert "<script>" not in citation and "<b>" not in citation
    assert (
        citation == "&lt;b&gt;Bakker&lt;/b&gt;, N. (2026, 3 maart). "
        "<i>Titel &lt;script&gt;alert(1)&lt;/script&gt; &amp; meer</i>. "
        "Leeratelier Samenlevingsopbouw. http://testserver/kennisbank/x/?a=&quot;b&quot;"
    )


def test_apa_citation_without_authors_credits_the_atelier():
    resource = make_resource("Zonder auteurs", published_at=datetime(2026, 1, 9, tzinfo=AMSTERDAM))
    with translation.override("nl"):
        citation = apa_citation(resource, "http://x/")
    assert citation == (
        "Leeratelier Samenlevingsopbouw (2026, 9 januari). <i>Zonder auteurs</i>. http://x/"
    )


def _three_authors():
    names = ["Noor Bakker", "Ans de Vries", "Piet Jansen"]
    users = [
        make_member(f"{letter}@example.org", display_name=name)
        for letter, name in zip("zyx", names, strict=True)
    ]
    resource = make_resource(
        "Drie", users[0], coauthors=users[1:], published_at=datetime(2026, 3, 3, tzinfo=AMSTERDAM)
    )
    with translation.override("nl"):
        return apa_citation(resource, "http://x/")


def test_apa_citation_of_three_authors_names_the_writer_first():
    citation = _three_authors()
    assert citation.startswith("Bakker, N., ")
    assert citation.count(", &amp; ") == 1 and "(2026, 3 maart). <i>Drie</i>." in citation


def test_apa_citation_keeps_the_co_authors_in_the_order_they_were_named():
    assert _three_authors().startswith("Bakker, N., de Vries, A., &amp; Jansen, P. (2026")
