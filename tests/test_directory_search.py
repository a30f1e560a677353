"""Searching the member directory: name, organisation, job title, bio and expertise, with
parts of words, every word counting; bounded work and a bounded number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from members import search_index as members_index
from members.models import Profile
from members.search_index import FTS_TABLE

from .factories import make_member
from .helpers import NULL_CHARACTERS, count_queries, text

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(db):
    """Three listed members who differ in every searchable field, and a viewer."""
    amira = make_member(
        "amira@example.org",
        display_name="Amira Bouzid",
        organisation="Stichting Buurtkracht",
        job_title="Opbouwwerker",
        bio="Ik werk aan **schuldhulp** in de wijk.",
    )
    amira.profile.expertise.add("armoede en bestaanszekerheid")
    jan = make_member(
        "jan@example.org",
        display_name="Jan de Vries",
        organisation="Hogeschool Utrecht",
        job_title="Docent",
        bio="Onderzoek naar bewonersparticipatie.",
    )
    jan.profile.expertise.add("participatie")
    make_member(
        "verborgen@example.org",
        display_name="Verborgen Opbouwwerker",
        organisation="Gemeente",
        job_title="Opbouwwerker",
        listed_in_directory=False,
    )
    return make_member("kijker@example.org", display_name="Kijker", organisation="Elders")


def found(client, viewer, query: str) -> list[str]:
    client.force_login(viewer)
    response = client.get(reverse("members:directory"), {"q": query})
    assert response.status_code == 200
    return [profile.display_name for profile in response.context["page"].object_list]


@pytest.mark.parametrize(
    "query, names",
    [
        ("Bouzid", ["Amira Bouzid"]),  # name
        ("buurtkracht", ["Amira Bouzid"]),  # organisation, another case
        ("opbouwwerker", ["Amira Bouzid"]),  # job title; the unlisted member stays out
        ("armoede", ["Amira Bouzid"]),  # part of an expertise tag
        ("bestaanszeker", ["Amira Bouzid"]),  # part of a word in it
        ("schuldhulp", ["Amira Bouzid"]),  # the bio as written
        ("participatie", ["Jan de Vries"]),  # expertise and bio
        ("docent utrecht", ["Jan de Vries"]),  # every word, each in its own field
        ("docent armoede", []),  # not one member with both
        ("strong", []),  # the bio's rendered HTML is not searched
        ("Kijker", ["Kijker"]),
    ],
)
def test_directory_finds_members_by_every_field_and_part_of_a_word(client, people, query, names):
    assert found(client, people, query) == names


def test_a_member_with_several_matching_tags_is_listed_once(client, people):
    amira = Profile.objects.get(display_name="Amira Bouzid")
    amira.expertise.add("armoedebeleid", "armoede in de wijk")
    assert found(client, people, "armoede") == ["Amira Bouzid"]


@pytest.mark.parametrize("query", ["***", '"', "^", "%", "_", "-- ;", "\u200b"])
def test_a_search_without_words_finds_no_one(client, people, query):
    assert found(client, people, query) == []
    client.force_login(people)
    response = client.get(reverse("members:directory"), {"q": query})
    assert "0 leden" in text(response)


def test_percent_and_underscore_are_not_wildcards(client, people):
    assert found(client, people, "a%z") == []
    # The parts of "Jan_Vries" must follow each other: "Jan de Vries" is not found.
    assert found(client, people, "Jan_Vries") == []


def test_a_very_long_search_gets_a_clear_message(client, people):
    client.force_login(people)
    response = client.get(reverse("members:directory"), {"q": "armoede " * 2000})
    assert response.status_code == 200
    assert "Zorg dat deze waarde niet meer dan 200 tekens bevat" in text(response)


def test_a_search_with_a_null_character_gets_a_clear_message(client, people):
    client.force_login(people)
    response = client.get(reverse("members:directory"), {"q": "armoede\x00"})
    assert response.status_code == 200
    assert NULL_CHARACTERS in text(response)


def test_many_words_are_bounded(client, people):
    # Ten words count: the eleventh ("Nergens") would find no one.
    query = "Amira " * 10 + "Nergens"
    assert found(client, people, query) == ["Amira Bouzid"]


def test_a_hostile_search_is_shown_escaped(client, people):
    client.force_login(people)
    response = client.get(reverse("members:directory"), {"q": '<script>alert("x")</script>'})
    assert response.status_code == 200
    assert b"<script>alert" not in response.content
    assert b"&lt;script&gt;alert" in response.content


@pytest.mark.usefixtures("page_cache_off")
def test_directory_search_queries_do_not_grow_with_the_members(client, people):
    client.force_login(people)
    url = reverse("members:directory") + "?q=opbouwwerker+stichting"
    client.get(url)  # warm up: the site settings row is created on first use
    few = count_queries(client, url)
    for number in range(30):
        member = make_member(
            f"extra{number}@example.org",
            display_name=f"Extra {number}",
            organisation="Stichting Opbouw",
            job_title="Opbouwwerker",
        )
        member.profile.expertise.add(f"thema {number}", "armoede")
    # The first reader after a change of tags counts the common expertise again, once.
    client.get(url)
    assert count_queries(client, url) == few


def test_a_search_lists_its_first_page_and_count_reading_the_index_once(client, settings):
    """Count and page from one query (atelier/one_query_paging.py), then the cards: on
    PostgreSQL each reading of the index reads its windows of candidates again."""
    settings.PAGE_CACHE_SECONDS = 0
    for number in range(30):
        make_member(f"jansen{number}@example.org", display_name=f"Jansen {number:02d}")
    viewer = make_member("kijker@example.org", display_name="Kijker")
    client.force_login(viewer)
    index = members_index.PG_INDEX.table if connection.vendor == "postgresql" else FTS_TABLE
    with CaptureQueriesContext(connection) as queries:
        first = client.get(reverse("members:directory"), {"q": "jansen"})
    assert len([query for query in queries if index in query["sql"]]) == 1
    second = client.get(reverse("members:directory"), {"q": "jansen", "pagina": "2"})
    names = [p.display_name for p in first.context["page"].object_list] + [
        p.display_name for p in second.context["page"].object_list
    ]
    assert names == [f"Jansen {number:02d}" for number in range(30)]
    assert first.context["page"].paginator.count == 30
