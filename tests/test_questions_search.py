"""Finding questions by search: on /vragen/?q=, and as a group of their own under a search of
the library (knowledge/search_groups.py), only what the reader may see."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from taggit.models import Tag

from knowledge.models import Visibility
from knowledge.search_groups import groups_for
from questions.models import Question, QuestionStatus
from questions.search import search
from questions.search_index import FTS_TABLE, PG_INDEX

from .factories import make_member, make_question, make_resource, make_role
from .helpers import count_queries, text

pytestmark = pytest.mark.django_db

LIBRARY = reverse("knowledge:library")


def found(text_: str) -> list[str]:
    return sorted(question.title for question in search(Question.objects.all(), text_))


def test_search_matches_every_word_in_title_body_or_tags(db):
    make_question(title="Signalen ophalen", body="Over de wijk.", tags=["gemeente"])
    make_question(title="Geld voor buurtwerk", body="De GEMEENTE bezuinigt.")
    make_question(title="Iets anders", body="Niets.")
    assert found("gemeente") == ["Geld voor buurtwerk", "Signalen ophalen"]
    assert found("gemeente wijk") == ["Signalen ophalen"]
    assert found("  ") == ["Geld voor buurtwerk", "Iets anders", "Signalen ophalen"]
    assert found("100%") == [] and found("_") == []


def test_the_index_follows_edits_tags_renamed_tags_and_deletes(db):
    question = make_question(title="Signalen ophalen", body="Over de wijk.", tags=["gemeente"])
    question.title, question.body = "Bewoners betrekken", "In het dorp."
    question.save()
    assert found("signalen") == [] and found("dorp") == ["Bewoners betrekken"]
    question.tags.add("armoede")
    question.tags.remove("gemeente")
    assert found("armoede") == ["Bewoners betrekken"] and found("gemeente") == []
    tag = Tag.objects.get(name="armoede")
    tag.name = "bestaanszekerheid"
    tag.save()  # as the admin renames a tag
    assert found("armoede") == [] and found("bestaanszekerheid") == ["Bewoners betrekken"]
    question.delete()
    assert found("dorp") == []


def test_a_huge_search_is_cut_short_and_answers(db):
    make_question(title="Signalen ophalen")
    assert found("signalen " + "x" * 100_000) == []
    # Only the first ten words count.
    assert found("signalen " * 10 + "onbekend") == ["Signalen ophalen"]


def library_group_titles(client, query: str) -> str:
    return text(client.get(LIBRARY, {"q": query}))


@pytest.fixture
def questions(db):
    return {
        "public": make_question(title="Openbare vraag over jongeren", visibility=Visibility.PUBLIC),
        "members": make_question(title="Ledenvraag over jongeren"),
        "draft": make_question(
            title="Conceptvraag over jongeren",
            status=QuestionStatus.DRAFT,
            visibility=Visibility.PUBLIC,
        ),
    }


@pytest.mark.parametrize("role", ["visitor", "applicant"])
def test_the_library_search_shows_public_questions_only_to_non_members(client, questions, role):
    user = make_role(role)
    if user is not None:
        client.force_login(user)
    page = library_group_titles(client, "jongeren")
    assert "Vragen uit de praktijk" in page
    assert "Openbare vraag over jongeren" in page
    assert "Ledenvraag over jongeren" not in page
    assert "Conceptvraag over jongeren" not in page
    assert 'href="/vragen/?q=jongeren"' in page


@pytest.mark.parametrize("role", ["member_public_events", "coordinator"])
def test_the_library_search_shows_members_their_questions(client, questions, role):
    client.force_login(make_role(role))
    page = library_group_titles(client, "jongeren")
    assert "Openbare vraag over jongeren" in page
    assert "Ledenvraag over jongeren" in page
    assert "Conceptvraag over jongeren" not in page  # drafts are for the asker's list


def test_no_group_without_a_search_or_without_hits(client, questions):
    assert "Vragen uit de praktijk" not in text(client.get(LIBRARY))
    assert "Vragen uit de praktijk" not in library_group_titles(client, "fietsenstalling")
    assert groups_for(make_member("lid@example.org"), "") == []


def test_the_group_shows_at_most_three_questions(client):
    for number in range(5):
        make_question(title=f"Vraag over jongeren {number}", visibility=Visibility.PUBLIC)
    [group] = groups_for(make_role("visitor"), "jongeren")
    assert len(group.hits) == 3
    assert group.hits[0].title == "Vraag over jongeren 4"  # newest activity first


def test_the_questions_page_searches_only_what_the_reader_may_see(client, questions):
    response = client.get(reverse("questions:list"), {"q": "jongeren"})
    page = text(response)
    assert "Openbare vraag over jongeren" in page
    assert "Ledenvraag over jongeren" not in page


@pytest.mark.parametrize("role", ["visitor", "member_online"])
def test_the_library_search_costs_the_same_with_more_questions(client, page_cache_off, role):
    user = make_role(role)
    if user is not None:
        client.force_login(user)
    make_resource("Jongeren in de wijk")
    for number in range(3):
        make_question(title=f"Vraag over jongeren {number}", visibility=Visibility.PUBLIC)
    url = f"{LIBRARY}?q=jongeren"
    small = count_queries(client, url)
    for number in range(3, 30):
        make_question(title=f"Vraag over jongeren {number}", tags=["jongeren", f"tag{number}"])
    assert count_queries(client, url) == small


def test_a_search_lists_its_first_page_and_count_reading_the_index_once(client, settings):
    """Count and page from one query (atelier/one_query_paging.py): on PostgreSQL each
    reading of the index reads its windows of candidates again (26 ms at ten times the
    large data set)."""
    settings.PAGE_CACHE_SECONDS = 0
    for number in range(25):
        make_question(title=f"Signalen uit de wijk {number}", visibility=Visibility.PUBLIC)
    index = PG_INDEX.table if connection.vendor == "postgresql" else FTS_TABLE
    with CaptureQueriesContext(connection) as queries:
        first = client.get(reverse("questions:list"), {"q": "signalen wijk"})
    assert len([query for query in queries if index in query["sql"]]) == 1
    assert "25 vragen" in text(first)
    second = client.get(reverse("questions:list"), {"q": "signalen wijk", "pagina": "2"})
    titles = text(first) + text(second)
    assert all(f"Signalen uit de wijk {number}" in titles for number in range(25))
