"""The answer that helped: who marks it, changing and clearing it, hiding it, and how
it shows on the question page and in lists."""

import pytest
from django.urls import reverse

from questions import answering
from questions.models import Question

from .factories import make_coordinator, make_member, make_question, make_role
from .helpers import content, text

pytestmark = pytest.mark.django_db


@pytest.fixture
def asker(db):
    return make_member("vrager@example.org")


@pytest.fixture
def question(asker):
    return make_question(asker, title="Hoe betrek ik jongeren?")


@pytest.fixture
def answers(question):
    first = answering.add_answer(question, make_member("een@example.org"), "Eerste antwoord.")
    second = answering.add_answer(question, make_member("twee@example.org"), "Tweede antwoord.")
    return first, second


def mark(client, question, answer=None):
    return client.post(
        reverse("questions:mark_helped", args=[question.slug]),
        {"answer": answer.pk if answer else ""},
    )


def helped(question):
    return Question.objects.get(pk=question.pk).helped_answer


def test_the_asker_marks_the_answer_that_helped_and_it_comes_first(
    client, asker, question, answers
):
    first, second = answers
    client.force_login(asker)
    assert "Markeer als het antwoord dat hielp" not in text(client.get(question.get_absolute_url()))
    response = mark(client, question, second)
    assert response.status_code == 302
    assert "Gemarkeerd als het antwoord dat je hielp." in text(client.get(response.url))
    assert helped(question) == second
    page = text(client.get(question.get_absolute_url()))
    assert "✓ Dit hielp mij" in page  # a label in words, not a colour only
    assert page.index("Tweede antwoord.") < page.index("Eerste antwoord.")
    assert "Beantwoord" in page


def test_the_asker_changes_the_answer_that_helped_and_clears_it(client, asker, question, answers):
    first, second = answers
    client.force_login(asker)
    mark(client, question, first)
    mark(client, question, second)
    assert helped(question) == second
    mark(client, question)
    assert helped(question) is None


def test_the_coordinator_marks_too(client, question, answers):
    client.force_login(make_coordinator())
    page = text(client.get(question.get_absolute_url()))
    assert "Markeer als het antwoord dat hielp" in page
    assert "Dit hielp mij" not in page  # it did not help the coordinator
    assert 'aria-label="Markeer als het antwoord dat hielp: ' in content(
        client.get(question.get_absolute_url())
    )  # names whose answer
    response = mark(client, question, answers[0])
    assert helped(question) == answers[0]
    flash = text(client.get(response.url))
    assert "Gemarkeerd als het antwoord dat hielp." in flash


@pytest.mark.parametrize("role", ["member_meetings", "member_online"])
def test_other_members_and_answerers_cannot_mark(client, question, answers, role):
    client.force_login(make_role(role))
    assert mark(client, question, answers[0]).status_code == 404
    answerer = answers[1].author
    client.force_login(answerer)
    assert mark(client, question, answers[1]).status_code == 404
    assert helped(question) is None


def test_a_visitor_who_marks_is_sent_to_log_in(client, question, answers):
    response = mark(client, question, answers[0])
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert helped(question) is None


def test_an_answer_to_another_question_cannot_be_marked(client, asker, question, answers):
    other = make_question(asker, title="Andere vraag")
    stranger = answering.add_answer(other, make_member("drie@example.org"), "Elders.")
    client.force_login(asker)
    assert mark(client, question, stranger).status_code == 404
    assert helped(question) is None


@pytest.mark.parametrize("value", ["abc", "-1", "99999", "1 OR 1=1"])
def test_a_malformed_answer_number_marks_nothing(client, asker, question, answers, value):
    client.force_login(asker)
    response = client.post(
        reverse("questions:mark_helped", args=[question.slug]), {"answer": value}
    )
    assert response.status_code == 404
    assert helped(question) is None


def test_hiding_the_answer_that_helped_opens_the_question_again(client, asker, question, answers):
    client.force_login(asker)
    mark(client, question, answers[0])
    client.force_login(make_coordinator())
    client.post(reverse("questions:hide_answer", args=[answers[0].pk]))
    assert helped(question) is None
    client.force_login(asker)
    response = mark(client, question, answers[0])  # a hidden answer cannot be marked
    assert helped(question) is None
    assert "Dit antwoord kan niet worden gemarkeerd." in text(client.get(response["Location"]))


def test_marking_needs_a_post(client, asker, question, answers):
    client.force_login(asker)
    assert client.get(reverse("questions:mark_helped", args=[question.slug])).status_code == 405


def test_an_answered_question_shows_as_answered_in_the_list(client, asker, question, answers):
    open_question = make_question(asker, title="Nog open vraag")
    client.force_login(asker)
    mark(client, question, answers[0])
    answered_page = text(client.get(reverse("questions:list"), {"staat": "beantwoord"}))
    assert "Hoe betrek ik jongeren?" in answered_page
    assert open_question.title not in answered_page
    open_page = text(client.get(reverse("questions:list"), {"staat": "open"}))
    assert open_question.title in open_page
    assert "Hoe betrek ik jongeren?" not in open_page
