"""The demo's questions (demo/questions/, questions/demo.py): a dozen from practice with
answers, some answered, one waiting a week for an answer, one a tool in the library, one
on a coming meeting's agenda, one discussed in a meeting report, and members who are happy
to be asked."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from knowledge.models import ResourceKind
from members.models import Profile, User
from questions.models import Question, QuestionStatus
from sessions_app.models import EventKind

from .factories import make_coordinator
from .helpers import text

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    call_command("load_demo", stdout=StringIO())


def test_the_demo_has_a_dozen_questions_some_answered(demo):
    published = Question.objects.published()
    assert Question.objects.count() == 13
    assert published.answered().count() >= 5
    assert published.unanswered().count() >= 3
    assert Question.objects.filter(status=QuestionStatus.DRAFT).count() == 1


def test_one_question_waits_for_an_answer_for_over_a_week(demo, client):
    waiting = Question.objects.waiting_for_an_answer()
    assert [question.asker.profile.display_name for question in waiting] == ["Ingrid Smeets"]
    client.force_login(make_coordinator("test-coordinator@example.org"))
    page = text(client.get(reverse("admin:index")))
    assert "1 vraag heeft al een week geen antwoord" in page


def test_the_bookkeeping_of_each_question_is_right(demo):
    for question in Question.objects.all():
        shown = list(question.answers.shown())
        assert question.answer_count == len(shown), question.slug
        if shown:
            assert question.last_activity_at == max(answer.created_at for answer in shown)
        if question.helped_answer is not None:
            assert question.helped_answer.question_id == question.pk
        assert question.last_activity_at <= timezone.now()
        assert question.tags.exists(), question.slug


def test_one_became_a_tool_one_is_on_a_coming_agenda_one_in_a_report(demo):
    tool = Question.objects.get(library_item__isnull=False)
    assert tool.library_item.kind == ResourceKind.TOOL
    assert tool.is_answered
    coming = Question.objects.filter(
        events__kind=EventKind.MEETING, events__start__gt=timezone.now()
    )
    assert coming.count() == 1
    discussed = Question.objects.get(reports__isnull=False)
    assert discussed.reports.get().kind == ResourceKind.REPORT


def test_some_members_are_happy_to_be_asked_on_their_expertise(demo):
    willing = Profile.objects.active().filter(open_to_questions=True)
    assert willing.count() >= 5
    question_tags = set(Question.objects.values_list("tags__name", flat=True))
    for profile in willing:
        assert {tag.name for tag in profile.expertise.all()} & question_tags, profile.display_name
    assert Profile.objects.filter(open_to_questions=False).exists()  # off by default


def test_loading_the_demo_again_adds_no_questions(demo):
    counts = (Question.objects.count(), sum(q.answers.count() for q in Question.objects.all()))
    call_command("load_demo", stdout=StringIO())
    assert (
        Question.objects.count(),
        sum(q.answers.count() for q in Question.objects.all()),
    ) == counts


def test_the_demo_question_pages_open(demo, client):
    client.force_login(User.objects.get(email="bijeenkomsten@example.org"))
    for question in Question.objects.published():
        assert client.get(question.get_absolute_url()).status_code == 200
