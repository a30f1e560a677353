"""The list of questions: filters, search, newest activity first, pages, and a number of
queries that does not grow with the questions."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from atelier.listed_tags import LISTED_TAGS
from knowledge.models import Visibility
from members.models import Sector
from questions import answering
from questions.models import Question, QuestionStatus

from .factories import make_member, make_question, make_role
from .helpers import content, count_queries, text

pytestmark = pytest.mark.django_db

LIST = reverse("questions:list")


def active_at(moment) -> dict:
    """Fields of a question published, and last active, at `moment`."""
    return {"published_at": moment, "last_activity_at": moment}


def titles(response) -> list[str]:
    """The questions' titles on a list page, in their order."""
    page = text(response)
    marker = '<h3 class="card__title" lang="nl"><a href="'
    found = []
    for part in page.split(marker)[1:]:
        found.append(part.split('">', 1)[1].split("</a>", 1)[0])
    return found


@pytest.fixture
def member(db):
    return make_member("lezer@example.org")


def test_newest_activity_comes_first(client, member):
    now = timezone.now()
    old = make_question(title="Oude vraag", **active_at(now - timedelta(days=3)))
    make_question(title="Middelste vraag", **active_at(now - timedelta(days=2)))
    make_question(title="Nieuwe vraag", **active_at(now - timedelta(days=1)))
    client.force_login(member)
    assert titles(client.get(LIST)) == ["Nieuwe vraag", "Middelste vraag", "Oude vraag"]
    answering.add_answer(old, make_member("antwoord@example.org"), "Een antwoord.")
    assert titles(client.get(LIST))[0] == "Oude vraag"


def test_members_only_questions_and_drafts_stay_out_of_the_public_list(client):
    make_question(title="Openbare vraag", visibility=Visibility.PUBLIC)
    make_question(title="Ledenvraag")
    make_question(title="Conceptvraag", status=QuestionStatus.DRAFT, visibility=Visibility.PUBLIC)
    for role in ["visitor", "applicant"]:
        user = make_role(role)
        if user is not None:
            client.force_login(user)
        assert titles(client.get(LIST)) == ["Openbare vraag"], role


def test_drafts_are_listed_under_mine_for_their_asker_only(client, member):
    make_question(member, title="Mijn concept", status=QuestionStatus.DRAFT)
    make_question(member, title="Mijn vraag")
    make_question(title="Vraag van een ander")
    client.force_login(member)
    assert set(titles(client.get(LIST))) == {"Mijn vraag", "Vraag van een ander"}
    assert set(titles(client.get(LIST, {"mijn": "1"}))) == {"Mijn concept", "Mijn vraag"}


def test_a_draft_in_the_list_is_neither_open_nor_answered(client, member):
    make_question(member, title="Mijn concept", status=QuestionStatus.DRAFT)
    client.force_login(member)
    page = content(client.get(LIST, {"mijn": "1"}))
    assert '<span class="tag tag--warning">Concept</span>' in page
    assert '<span class="tag">Open</span>' not in page
    assert "Beantwoord</span>" not in page


def test_the_filters_on_tag_sector_and_expertise(client):
    reader = make_member("lezer@example.org")
    reader.profile.expertise.add("jongerenwerk")
    teacher = make_member("docent@example.org", sector=Sector.EDUCATION)
    worker = make_member("werker@example.org", sector=Sector.PRACTICE)
    make_question(teacher, title="Vraag over jongeren", tags=["jongerenwerk"])
    make_question(worker, title="Vraag over de gemeente", tags=["gemeente"])
    make_question(reader, title="Mijn eigen vraag over jongeren", tags=["jongerenwerk"])
    client.force_login(reader)
    assert set(titles(client.get(LIST, {"tag": "Jongerenwerk"}))) == {
        "Vraag over jongeren",
        "Mijn eigen vraag over jongeren",
    }
    assert titles(client.get(LIST, {"sector": "practice"})) == ["Vraag over de gemeente"]
    # Not the reader's own question: a member does not answer their own.
    assert titles(client.get(LIST, {"expertise": "1"})) == ["Vraag over jongeren"]
    page = text(client.get(LIST))
    assert "Onderwijs" in page and "Praktijk" in page  # the askers' sectors


def test_mine_and_expertise_are_ignored_for_visitors(client):
    make_question(title="Openbare vraag", visibility=Visibility.PUBLIC)
    response = client.get(LIST, {"mijn": "1", "expertise": "1"})
    assert titles(response) == ["Openbare vraag"]
    assert 'name="mijn"' not in text(response)


def test_the_list_searches(client, member):
    make_question(title="Signalen ophalen", body="Over de wijk.", tags=["signalering"])
    make_question(title="Geld voor buurtwerk", body="De gemeente bezuinigt.")
    client.force_login(member)
    assert titles(client.get(LIST, {"q": "gemeente"})) == ["Geld voor buurtwerk"]
    assert titles(client.get(LIST, {"q": "signalering"})) == ["Signalen ophalen"]
    assert titles(client.get(LIST, {"q": "wijk signalen"})) == ["Signalen ophalen"]


@pytest.mark.parametrize(
    "params",
    [
        {"staat": "alles"},
        {"sector": "<script>"},
        {"tag": "\x00"},
        {"q": "x" * 100_000},
        {"mijn": "misschien"},
        {"pagina": "-1"},
        {"pagina": "999"},
        {"pagina": "abc"},
    ],
)
def test_bad_filters_leave_a_working_page(client, member, params):
    make_question(title="Een vraag")
    client.force_login(member)
    assert client.get(LIST, params).status_code == 200


def test_twenty_questions_a_page(client, member):
    now = timezone.now()
    for number in range(25):
        make_question(title=f"Vraag {number:02d}", **active_at(now - timedelta(hours=number)))
    client.force_login(member)
    first = client.get(LIST)
    assert titles(first) == [f"Vraag {number:02d}" for number in range(20)]
    assert "25 vragen" in text(first)
    second = client.get(LIST, {"pagina": "2"})
    assert titles(second) == [f"Vraag {number:02d}" for number in range(20, 25)]


def grow(count: int, start: int) -> None:
    askers = [make_member(f"vrager{start + n}@example.org") for n in range(2)]
    for number in range(start, start + count):
        question = make_question(
            askers[number % 2], title=f"Vraag {number}", tags=[f"tag{number}", "buurt"]
        )
        answering.add_answer(question, askers[(number + 1) % 2], "Antwoord.")


@pytest.mark.parametrize("role", ["visitor", "member_online", "coordinator"])
@pytest.mark.parametrize("params", ["", "?staat=open&tag=buurt", "?q=vraag&expertise=1"])
def test_the_list_costs_the_same_number_of_queries_at_any_size(
    client, page_cache_off, role, params
):
    user = make_role(role)
    if user is not None:
        client.force_login(user)
    grow(3, 0)
    small = count_queries(client, LIST + params)
    grow(30, 3)
    assert count_queries(client, LIST + params) == small


def test_every_page_links_to_the_questions(client):
    assert f'href="{LIST}"' in text(client.get(reverse("home")))


def test_questions_read_for_lists_hold_their_tags(django_assert_num_queries):
    # Read with them (for_list), in a list of their own: a card asks no query, and
    # Django builds no query per question to hold them.
    for number in range(3):
        make_question(title=f"Vraag {number}", tags=["armoede", "wonen"])
    questions = list(Question.objects.for_list())
    with django_assert_num_queries(0):
        shown = [sorted(tag.name for tag in question.tag_list()) for question in questions]
    assert shown == [["armoede", "wonen"]] * 3
    assert all(LISTED_TAGS in vars(question) for question in questions)
