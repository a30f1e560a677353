"""A members-only question is invisible to visitors and applicants everywhere: its page, the
list, the list's search, the library's search and the feed; stored pages follow new answers."""

import pytest
from django.urls import reverse

from knowledge.models import Visibility
from questions import answering

from .factories import make_member, make_question, make_role
from .helpers import NON_MEMBER_ROLES, content

pytestmark = pytest.mark.django_db

MEMBERS_TITLE = "Ledenvraag over de wijkraad"
PUBLIC_TITLE = "Openbare vraag over de wijkraad"


@pytest.fixture
def questions(db):
    asker = make_member("vrager@example.org")
    return {
        "members": make_question(asker, title=MEMBERS_TITLE, tags=["wijkraad"]),
        "public": make_question(
            asker, title=PUBLIC_TITLE, visibility=Visibility.PUBLIC, tags=["wijkraad"]
        ),
    }


def pages_that_list_questions() -> list[str]:
    return [
        reverse("questions:list"),
        reverse("questions:list") + "?q=wijkraad",
        reverse("questions:list") + "?tag=wijkraad",
        reverse("knowledge:library") + "?q=wijkraad",
        reverse("questions:feed"),
    ]


@pytest.mark.parametrize("role", NON_MEMBER_ROLES)
def test_a_members_question_is_invisible_to_non_members(client, questions, role):
    user = make_role(role)
    if user is not None:
        client.force_login(user)
    assert client.get(questions["members"].get_absolute_url()).status_code == 404
    for address in pages_that_list_questions():
        page = content(client.get(address))
        assert PUBLIC_TITLE in page, address
        assert MEMBERS_TITLE not in page, address


@pytest.mark.parametrize("role", ["member_public_events", "member_online", "member_meetings"])
def test_members_find_the_members_question_except_in_the_public_feed(client, questions, role):
    client.force_login(make_role(role))
    assert client.get(questions["members"].get_absolute_url()).status_code == 200
    for address in pages_that_list_questions()[:-1]:
        assert MEMBERS_TITLE in content(client.get(address)), address
    assert MEMBERS_TITLE not in content(client.get(reverse("questions:feed")))


def test_a_stored_question_page_shows_a_new_answer(client, questions):
    question = questions["public"]
    assert "Nog geen antwoorden." in content(client.get(question.get_absolute_url()))
    answering.add_answer(question, make_member("een@example.org"), "Een vers antwoord.")
    page = content(client.get(question.get_absolute_url()))
    assert "Een vers antwoord." in page
    assert "1 antwoord" in content(client.get(reverse("questions:list")))
