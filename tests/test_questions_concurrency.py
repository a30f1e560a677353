"""Answers under concurrency: members who answer at the same moment are all counted, on any
database (each thread has its own connection; SQLite's real locking on a file database)."""

import pytest

from questions import answering
from questions.models import Question

from .factories import make_member, make_question
from .test_agenda_concurrency import assert_no_errors, run_at_once

# Alone, after the tests in parallel (Makefile): threads racing for locks, with timeouts.
pytestmark = pytest.mark.serial


@pytest.mark.django_db(transaction=True)
def test_answers_at_the_same_moment_are_all_counted():
    question = make_question(make_member("vrager@example.org"))
    answerers = [make_member(f"antwoorder{number}@example.org") for number in range(8)]

    outcomes = run_at_once(
        lambda answerer: answering.add_answer(question, answerer, "Tegelijk."), answerers
    )

    assert_no_errors(outcomes)
    question = Question.objects.get(pk=question.pk)
    assert question.answers.count() == 8
    assert question.answer_count == 8
