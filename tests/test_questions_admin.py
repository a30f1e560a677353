"""Questions and answers in the coordinator's admin: the lists, search and filters, hiding
and showing answers in bulk, and the count of questions waiting for an answer."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from questions import answering
from questions.models import Answer, Question, QuestionStatus

from .factories import make_coordinator, make_event, make_member, make_question, make_resource
from .helpers import text

pytestmark = pytest.mark.django_db

QUESTIONS = reverse("admin:questions_question_changelist")
ANSWERS = reverse("admin:questions_answer_changelist")


@pytest.fixture
def coordinator(client):
    user = make_coordinator()
    client.force_login(user)
    return user


def published_days_ago(days: int, **fields) -> Question:
    moment = timezone.now() - timedelta(days=days)
    return make_question(published_at=moment, last_activity_at=moment, **fields)


def test_the_coordinator_opens_questions_and_answers(client, coordinator):
    question = make_question(title="Hoe betrek ik jongeren?", tags=["jongeren"])
    question.events.add(make_event("wijkavond"))
    question.reports.add(make_resource("Verslag wijkavond"))
    answer = answering.add_answer(question, make_member("een@example.org"), "Antwoord.")
    for address in [
        QUESTIONS,
        QUESTIONS + "?q=jongeren",
        QUESTIONS + "?beantwoord=open",
        QUESTIONS + "?beantwoord=ja",
        QUESTIONS + "?beantwoord=wacht",
        reverse("admin:questions_question_change", args=[question.pk]),
        ANSWERS,
        ANSWERS + "?hidden__exact=1",
        reverse("admin:questions_answer_change", args=[answer.pk]),
    ]:
        assert client.get(address).status_code == 200, address


def test_the_filters_open_answered_and_waiting(client, coordinator):
    asker = make_member("vrager@example.org")
    answered = make_question(asker, title="Beantwoorde vraag")
    answer = answering.add_answer(answered, make_member("een@example.org"), "Antwoord.")
    answering.mark_helped(answered, answer, asker)
    published_days_ago(1, title="Nieuwe open vraag")
    published_days_ago(8, title="Wachtende vraag")

    def listed(value):
        page = text(client.get(QUESTIONS, {"beantwoord": value}))
        titles = ["Beantwoorde vraag", "Nieuwe open vraag", "Wachtende vraag"]
        return [title for title in titles if title in page]

    assert listed("ja") == ["Beantwoorde vraag"]
    assert listed("open") == ["Nieuwe open vraag", "Wachtende vraag"]
    assert listed("wacht") == ["Wachtende vraag"]


def test_the_lists_show_the_newest_first(client, coordinator):
    published_days_ago(3, title="Oudere vraag")
    published_days_ago(1, title="Nieuwere vraag")
    published_days_ago(2, title="Middelste vraag")
    listed = client.get(QUESTIONS).context["cl"].result_list
    assert [q.title for q in listed] == ["Nieuwere vraag", "Middelste vraag", "Oudere vraag"]
    question = make_question()
    now = timezone.now()
    for days, body in [(3, "Oud."), (1, "Nieuw."), (2, "Midden.")]:
        answer = answering.add_answer(question, make_member(f"{days}@example.org"), body)
        Answer.objects.filter(pk=answer.pk).update(created_at=now - timedelta(days=days))
    listed = client.get(ANSWERS).context["cl"].result_list
    assert [answer.body for answer in listed] == ["Nieuw.", "Midden.", "Oud."]


def test_the_coordinator_hides_and_shows_answers_in_bulk(client, coordinator):
    asker = make_member("vrager@example.org")
    question = make_question(asker)
    first = answering.add_answer(question, make_member("een@example.org"), "Een.")
    second = answering.add_answer(question, make_member("twee@example.org"), "Twee.")
    answering.mark_helped(question, first, asker)
    client.post(ANSWERS, {"action": "hide", "_selected_action": [first.pk, second.pk]})
    question.refresh_from_db()
    assert set(Answer.objects.values_list("hidden", flat=True)) == {True}
    assert question.answer_count == 0
    assert question.helped_answer is None  # a hidden answer no longer helped
    client.post(ANSWERS, {"action": "show", "_selected_action": [first.pk]})
    question.refresh_from_db()
    assert question.answer_count == 1
    assert not Answer.objects.get(pk=first.pk).hidden


def test_the_index_counts_questions_without_an_answer_after_a_week(client, coordinator):
    published_days_ago(8, title="Wacht al een week")
    published_days_ago(9, title="Wacht nog langer")
    published_days_ago(2, title="Pas gesteld")
    answered = published_days_ago(10, title="Wel beantwoord")
    answering.add_answer(answered, make_member("een@example.org"), "Antwoord.")
    make_question(title="Concept", status=QuestionStatus.DRAFT)
    page = text(client.get(reverse("admin:index")))
    assert "2 vragen hebben al een week geen antwoord" in page
    assert f"{QUESTIONS}?beantwoord=wacht" in page


def test_no_waiting_line_when_every_question_has_an_answer(client, coordinator):
    published_days_ago(2, title="Pas gesteld")
    assert "geen antwoord" not in text(client.get(reverse("admin:index")))


def test_members_do_not_reach_the_admin_of_questions(client):
    client.force_login(make_member("lid@example.org"))
    assert client.get(QUESTIONS).status_code == 302
