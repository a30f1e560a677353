"""`manage.py load_large_data` adds questions from practice and answers in proportion, with
their bookkeeping as the questions app keeps it (here at the small scale of
tests/test_large_data.py)."""

import pytest
from django.db.models import Count, F, Max, Q

from questions.models import Answer, Question, QuestionStatus, TaggedQuestion

from .test_large_data import load

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded(db) -> str:
    return load()


def test_questions_and_answers_are_the_full_size_times_the_scale(loaded):
    assert Question.objects.count() == 40
    assert Answer.objects.count() == 120
    assert TaggedQuestion.objects.count() >= 40
    assert "40 questions" in loaded


def test_each_questions_count_and_last_activity_follow_its_shown_answers(loaded):
    questions = Question.objects.annotate(
        shown=Count("answers", filter=Q(answers__hidden=False)),
        last_answer=Max("answers__created_at", filter=Q(answers__hidden=False)),
    )
    for question in questions:
        assert question.answer_count == question.shown, question.slug
        expected = max(filter(None, [question.created_at, question.last_answer]))
        assert question.last_activity_at == expected, question.slug


def test_the_answer_that_helped_is_a_shown_answer_to_the_question_by_another(loaded):
    answered = Question.objects.filter(helped_answer__isnull=False)
    assert answered.exists()
    assert not answered.exclude(helped_answer__question=F("pk")).exists()
    assert not answered.filter(helped_answer__hidden=True).exists()
    assert not Answer.objects.filter(author=F("question__asker")).exists()


def test_answers_go_to_published_questions_after_they_were_asked(loaded):
    assert not Answer.objects.exclude(question__status=QuestionStatus.PUBLISHED).exists()
    assert not Answer.objects.filter(created_at__lt=F("question__published_at")).exists()
    drafts = Question.objects.filter(status=QuestionStatus.DRAFT)
    assert not drafts.filter(published_at__isnull=False).exists()
    assert not Question.objects.exclude(body_html__startswith="<").exists()
