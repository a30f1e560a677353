"""The home page shows visitors what the atelier makes: the newest public tools and cases,
public value stories and answered public questions, each with a way to the whole list,
and a way in to join. Only public things, whoever looks.

The next events and meetings: tests/test_home_page.py; its query count:
tests/test_query_budgets.py.
"""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from knowledge.models import ResourceKind, ResourceStatus, Visibility
from questions.models import QuestionStatus
from value.models import CycleState, StoryAudience, ValueStory

from .factories import make_answer, make_member, make_question, make_resource, make_role
from .helpers import login, text

pytestmark = pytest.mark.django_db

ROLES = ["visitor", "applicant", "member_online", "coordinator"]


def story(title: str, audience: str, author=None) -> ValueStory:
    return ValueStory.objects.create(
        author=author,
        title=title,
        immediate="Ik leerde drie collega's kennen.",
        immediate_state=CycleState.HAPPENED,
        audience=audience,
    )


def answered_question(title: str, asker, helper, **fields):
    question = make_question(asker, title=title, **fields)
    question.helped_answer = make_answer(question, helper)
    question.save()
    return question


@pytest.mark.parametrize("role", ROLES)
def test_the_home_page_lists_the_newest_public_tools_and_cases(client, writer, role):
    now = timezone.now()
    for number, kind in enumerate([ResourceKind.TOOL, ResourceKind.CASE] * 3):
        make_resource(f"Openbaar {number}", writer, kind=kind, published_at=now - timedelta(number))
    make_resource("Nieuw verslag", writer, kind=ResourceKind.REPORT, published_at=now)
    make_resource("Nieuwe achtergrond", writer, kind=ResourceKind.BACKGROUND, published_at=now)
    make_resource("Nieuw ledenstuk", writer, visibility=Visibility.MEMBERS, published_at=now)
    make_resource("Nieuw concept", writer, status=ResourceStatus.DRAFT)
    login(client, make_role(role))

    response = client.get(reverse("home"))

    assert [r.title for r in response.context["latest_items"]] == [
        f"Openbaar {number}" for number in range(4)
    ]
    page = text(response)
    for hidden in ["Nieuw verslag", "Nieuwe achtergrond", "Nieuw ledenstuk", "Nieuw concept"]:
        assert hidden not in page
    content = response.content.decode()
    assert 'href="/kennisbank/?soort=tool"' in content
    assert 'href="/kennisbank/?soort=case"' in content


@pytest.mark.parametrize("role", ROLES)
def test_the_home_page_shows_public_value_stories_only(client, writer, role):
    story("Wat de open avond me gaf", StoryAudience.PUBLIC, writer)
    story("Alleen voor leden", StoryAudience.MEMBERS, writer)
    story("Alleen voor de coördinator", StoryAudience.COORDINATOR, writer)
    story("Van een oud-lid", StoryAudience.PUBLIC)
    login(client, make_role(role))

    response = client.get(reverse("home"))

    page = text(response)
    assert [s.title for s in response.context["stories"]] == [
        "Van een oud-lid",
        "Wat de open avond me gaf",
    ]
    assert "Alleen voor leden" not in page and "Alleen voor de coördinator" not in page
    assert "Noor Bakker" in page and "voormalig lid" in page
    # Each story links to its page; the block to the stories' list.
    content = response.content.decode()
    for shown in response.context["stories"]:
        assert f'href="{shown.get_absolute_url()}"' in content
    assert content.count('href="/opbrengst/"') == 1
    assert "Alle waardeverhalen" in page


def test_without_public_stories_the_block_says_so(client):
    story("Alleen voor leden", StoryAudience.MEMBERS)
    response = client.get(reverse("home"))
    assert "Er zijn nog geen openbare verhalen over wat meedoen opleverde." in text(response)


@pytest.mark.parametrize("role", ROLES)
def test_the_home_page_shows_answered_public_questions_only(client, writer, role):
    helper = make_member("helper@example.org", display_name="Hans Helper")
    answered_question("Hoe start ik een buurtkring?", writer, helper, visibility=Visibility.PUBLIC)
    answered_question("Een vraag voor leden", writer, helper)
    answered_question(
        "Een concept", writer, helper, visibility=Visibility.PUBLIC, status=QuestionStatus.DRAFT
    )
    make_question(writer, title="Nog open", visibility=Visibility.PUBLIC)
    login(client, make_role(role))

    response = client.get(reverse("home"))

    assert [q.title for q in response.context["answered_questions"]] == [
        "Hoe start ik een buurtkring?"
    ]
    page = text(response)
    for hidden in ["Een vraag voor leden", "Een concept", "Nog open"]:
        assert hidden not in page
    assert 'href="/vragen/?staat=beantwoord"' in response.content.decode()


def test_the_newest_stories_and_questions_come_first_and_are_few(client, writer):
    for number in range(5):
        story(f"Verhaal {number}", StoryAudience.PUBLIC, writer)
        answered_question(f"Vraag {number}?", writer, writer, visibility=Visibility.PUBLIC)
    response = client.get(reverse("home"))
    assert [s.title for s in response.context["stories"]] == ["Verhaal 4", "Verhaal 3", "Verhaal 2"]
    assert [q.title for q in response.context["answered_questions"]] == [
        "Vraag 4?",
        "Vraag 3?",
        "Vraag 2?",
    ]


@pytest.mark.parametrize(("role", "invited"), [("visitor", True), ("member_online", False)])
def test_a_visitor_is_shown_the_way_in_to_join(client, role, invited):
    login(client, make_role(role))
    response = client.get(reverse("home"))
    content = response.content.decode()
    assert ('href="/accounts/signup/">Lid worden</a>' in content) is invited


def test_a_new_public_story_shows_on_the_stored_home_page_at_once(client, writer):
    client.get(reverse("home"))  # now stored (atelier/page_cache.py)
    story("Net gedeeld", StoryAudience.PUBLIC, writer)
    assert "Net gedeeld" in text(client.get(reverse("home")))


def test_a_newly_answered_question_shows_on_the_stored_home_page_at_once(client, writer):
    question = make_question(writer, title="Wie helpt?", visibility=Visibility.PUBLIC)
    client.get(reverse("home"))
    question.helped_answer = make_answer(question, writer)
    question.save()
    assert "Wie helpt?" in text(client.get(reverse("home")))


@pytest.mark.parametrize(
    ("role", "sees"),
    [
        ("visitor", {"public"}),
        ("applicant", {"public"}),
        ("member_public_events", {"public", "members", "own"}),
        ("coordinator", {"public", "members", "coordinator", "own"}),
    ],
)
def test_a_story_is_seen_by_the_audience_its_author_chose(role, sees):
    reader = make_role(role)
    writer = make_member("schrijver@example.org")
    story("public", StoryAudience.PUBLIC, writer)
    story("members", StoryAudience.MEMBERS, writer)
    story("coordinator", StoryAudience.COORDINATOR, writer)
    story("own", StoryAudience.COORDINATOR, reader)
    visible = ValueStory.objects.visible_to(reader)
    assert set(visible.values_list("title", flat=True)) == sees
