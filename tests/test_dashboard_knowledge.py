"""The dashboard's knowledge figures (dashboard/knowledge_figures.py): items published per
kind, tools and cases in use, questions asked and answered, the median time to a first
answer, questions open for more than 14 days."""

from datetime import timedelta

import pytest
from django.utils import timezone

from dashboard.knowledge_figures import (
    answering,
    days_to_first_answer,
    items_per_kind,
    questions,
    tool_uptake,
)
from dashboard.periods import Period
from knowledge.models import ResourceKind

from .factories import make_answer, make_item, make_member, make_question, make_uptake
from .helpers import local

pytestmark = pytest.mark.django_db

YEAR = Period.of_year(2025)


def test_items_first_published_in_the_period_per_kind():
    make_item("werkvorm", kind=ResourceKind.TOOL, published_at=local(2025, 12, 31, 23, 30))
    make_item("casus", kind=ResourceKind.CASE, published_at=local(2025, 2, 1))
    make_item("casus-2", kind=ResourceKind.CASE, published_at=local(2025, 3, 1))
    make_item("nieuwjaar", kind=ResourceKind.TOOL, published_at=local(2026, 1, 1, 0, 30))
    make_item("concept", kind=ResourceKind.BACKGROUND, status="draft")

    # Case, tool, background, report.
    assert [row[1] for row in items_per_kind(YEAR).rows] == [2, 1, 0, 0]


def test_tools_and_cases_with_their_accounts_of_use_in_the_period():
    tool = make_item("werkvorm", kind=ResourceKind.TOOL)
    case = make_item("casus", kind=ResourceKind.CASE)
    background = make_item("achtergrond", kind=ResourceKind.BACKGROUND)
    user = make_member()
    for _ in range(3):
        make_uptake(tool, user, created_at=local(2025, 5, 1))
    make_uptake(case, user, created_at=local(2025, 12, 31, 23, 30))
    make_uptake(case, user, created_at=local(2026, 1, 1, 0, 30))
    make_uptake(case, user, created_at=local(2025, 6, 1), hidden=True)
    make_uptake(background, user, created_at=local(2025, 6, 1))

    figure = tool_uptake(YEAR)
    bounded = tool_uptake(YEAR, shown=1)

    assert figure.rows == [["Werkvorm", 3], ["Casus", 1]]
    assert figure.note == "2 tools en casussen hadden in de periode 4 praktijkverslagen."
    assert bounded.rows == [["Werkvorm", 3]]
    assert "de CSV bevat ze allemaal" in bounded.note


def test_questions_asked_answered_and_helped_in_the_period():
    asked = make_question(published_at=local(2025, 3, 1))
    answered = make_question(published_at=local(2025, 12, 31, 23, 30))
    helped = make_question(published_at=local(2025, 4, 1))
    make_question(published_at=local(2026, 1, 1, 0, 30))
    answerer = make_member("helper@example.org")
    make_answer(answered, answerer)
    answer = make_answer(helped, answerer)
    type(helped).objects.filter(pk__in=[answered.pk, helped.pk]).update(answer_count=1)
    type(helped).objects.filter(pk=helped.pk).update(helped_answer=answer)
    assert asked.answer_count == 0

    assert [row[1] for row in questions(YEAR).rows] == [3, 2, 1]


def asked_and_answered(published_at, *hours) -> None:
    question = make_question(published_at=published_at)
    for number, after in enumerate(hours):
        make_answer(
            question,
            make_member(f"antwoord-{question.pk}-{number}@example.org"),
            created_at=published_at + timedelta(hours=after),
        )


def test_the_median_of_an_odd_count_of_first_answers():
    asked_and_answered(local(2025, 3, 1), 12, 2)  # first answer after 2 hours
    asked_and_answered(local(2025, 3, 1), 48)
    asked_and_answered(local(2025, 3, 1), 24, 100)
    asked_and_answered(local(2025, 3, 1))  # no answer: not counted
    asked_and_answered(local(2024, 3, 1), 1)  # asked before the period

    assert days_to_first_answer(YEAR) == 1.0


def test_the_median_of_an_even_count_is_the_mean_of_the_two_middle_ones():
    asked_and_answered(local(2025, 3, 1), 12)
    asked_and_answered(local(2025, 3, 1), 36)
    asked_and_answered(local(2025, 3, 1), 60)
    asked_and_answered(local(2025, 3, 1), 200)

    assert days_to_first_answer(YEAR) == 2.0


def test_a_hidden_answer_is_no_first_answer():
    question = make_question(published_at=local(2025, 3, 1))
    make_answer(
        question, make_member("verborgen@example.org"), created_at=local(2025, 3, 1, 1), hidden=True
    )
    make_answer(question, make_member("zichtbaar@example.org"), created_at=local(2025, 3, 2))

    assert days_to_first_answer(YEAR) == 1.0


def test_without_answers_the_median_is_empty_and_open_questions_are_counted_today():
    now = timezone.now()
    make_question(published_at=now - timedelta(days=15))
    make_question(published_at=now - timedelta(days=13))
    answered = make_question(published_at=now - timedelta(days=30))
    type(answered).objects.filter(pk=answered.pk).update(answer_count=1)

    assert days_to_first_answer(YEAR) is None
    assert [row[1] for row in answering(YEAR).rows] == [None, 1]
