"""Answering questions: who may answer, editing one's answer, the coordinator hiding one,
and the question's bookkeeping (answer count, last activity)."""

import pytest
from django.urls import reverse

from knowledge.models import Visibility
from questions import answering
from questions.models import Answer, Question, QuestionStatus

from .factories import make_coordinator, make_member, make_question, make_role
from .helpers import SCRIPT, is_login_redirect, text

pytestmark = pytest.mark.django_db


@pytest.fixture
def asker(db):
    return make_member("vrager@example.org", display_name="Fatima Bakker")


@pytest.fixture
def answerer(db):
    return make_member("antwoorder@example.org", display_name="Joost Peeters")


def answer_url(question):
    return reverse("questions:answer", args=[question.slug])


def test_a_member_answers_and_the_question_counts_it(client, asker, answerer):
    question = make_question(asker)
    before = question.last_activity_at
    client.force_login(answerer)
    response = client.post(answer_url(question), {"body": f"Een **logboek**.\n\n{SCRIPT}"})
    answer = Answer.objects.get()
    assert response["Location"] == f"{question.get_absolute_url()}#antwoord-{answer.pk}"
    assert answer.author == answerer and "<strong>logboek</strong>" in answer.body_html
    assert "<script" not in answer.body_html
    question.refresh_from_db()
    assert question.answer_count == 1
    assert question.last_activity_at > before
    page = text(client.get(question.get_absolute_url()))
    assert "Joost Peeters" in page and "1 antwoord" in page


def test_a_visitor_who_answers_is_sent_to_log_in(client, asker):
    question = make_question(asker, visibility=Visibility.PUBLIC)
    assert is_login_redirect(client.post(answer_url(question), {"body": "Hallo"}))
    assert not Answer.objects.exists()


def test_an_applicant_cannot_answer_a_public_question(client, asker):
    question = make_question(asker, visibility=Visibility.PUBLIC)
    client.force_login(make_role("applicant"))
    assert client.post(answer_url(question), {"body": "Hallo"}).status_code == 404
    assert "Leden beantwoorden hier de vragen." in text(client.get(question.get_absolute_url()))
    assert not Answer.objects.exists()


def test_nobody_answers_a_draft(client, asker, answerer):
    draft = make_question(asker, status=QuestionStatus.DRAFT)
    client.force_login(answerer)
    assert client.post(answer_url(draft), {"body": "Hallo"}).status_code == 404
    client.force_login(asker)
    assert client.post(answer_url(draft), {"body": "Hallo"}).status_code == 404
    assert not Answer.objects.exists()


def test_a_visitor_reads_the_answers_to_a_public_question(client, asker, answerer):
    question = make_question(asker, visibility=Visibility.PUBLIC)
    answering.add_answer(question, answerer, "Praat met de wethouder.")
    page = text(client.get(question.get_absolute_url()))
    assert "Praat met de wethouder." in page
    assert 'name="body"' not in page  # no answer form


def test_the_author_edits_their_answer_and_the_edit_time_shows(client, asker, answerer):
    question = make_question(asker)
    answer = answering.add_answer(question, answerer, "Eerste versie.")
    client.force_login(answerer)
    edit = reverse("questions:edit_answer", args=[answer.pk])
    assert client.get(edit).status_code == 200
    response = client.post(edit, {"body": "Tweede versie."})
    assert response["Location"] == f"{question.get_absolute_url()}#antwoord-{answer.pk}"
    answer.refresh_from_db()
    assert answer.body == "Tweede versie." and answer.edited_at is not None
    page = text(client.get(question.get_absolute_url()))
    assert "Tweede versie." in page and "bewerkt op" in page


@pytest.mark.parametrize("role", ["member_online", "coordinator"])
def test_nobody_else_edits_an_answer(client, asker, answerer, role):
    answer = answering.add_answer(make_question(asker), answerer, "Van mij.")
    client.force_login(make_role(role))
    edit = reverse("questions:edit_answer", args=[answer.pk])
    assert client.get(edit).status_code == 404
    assert client.post(edit, {"body": "Gekaapt."}).status_code == 404
    answer.refresh_from_db()
    assert answer.body == "Van mij."


def test_the_coordinator_hides_an_answer_and_shows_it_again(client, asker, answerer):
    question = make_question(asker)
    answer = answering.add_answer(question, answerer, "Iets wat niet kan.")
    client.force_login(make_coordinator())
    hide = reverse("questions:hide_answer", args=[answer.pk])
    client.post(hide)
    answer.refresh_from_db()
    question.refresh_from_db()
    assert answer.hidden and question.answer_count == 0
    client.force_login(make_member("ander@example.org"))
    assert "Iets wat niet kan." not in text(client.get(question.get_absolute_url()))
    client.force_login(answerer)  # the author still sees it, marked as hidden
    page = text(client.get(question.get_absolute_url()))
    assert "Iets wat niet kan." in page and "Verborgen" in page
    client.force_login(make_coordinator("tweede-coordinator@example.org"))
    client.post(hide)
    answer.refresh_from_db()
    question.refresh_from_db()
    assert not answer.hidden and question.answer_count == 1


@pytest.mark.parametrize("role", ["member_meetings", "applicant"])
def test_only_the_coordinator_hides_an_answer(client, asker, answerer, role):
    answer = answering.add_answer(make_question(asker), answerer, "Blijft staan.")
    client.force_login(make_role(role))
    assert client.post(reverse("questions:hide_answer", args=[answer.pk])).status_code == 404
    answer.refresh_from_db()
    assert not answer.hidden


def test_a_member_cannot_answer_a_question_they_may_not_see(client, asker, answerer):
    question = make_question(asker, status=QuestionStatus.DRAFT)
    client.force_login(answerer)
    assert client.post(answer_url(question), {"body": "Hallo"}).status_code == 404


def test_answers_come_in_the_order_they_were_written(client, asker, answerer):
    question = make_question(asker)
    second_answerer = make_member("tweede@example.org")
    answering.add_answer(question, answerer, "Eerste antwoord.")
    answering.add_answer(question, second_answerer, "Tweede antwoord.")
    client.force_login(asker)
    page = text(client.get(question.get_absolute_url()))
    assert page.index("Eerste antwoord.") < page.index("Tweede antwoord.")
    assert Question.objects.get().answer_count == 2
