"""Demo questions for `make run`: questions from practice with their answers.

The questions are Markdown files in demo/questions/, one a question, named by its slug;
the header holds the facts (the asker by their key in demo/members/, the meetings by
their slug in demo/events/, reports and the library item it became by their slug in
demo/library/), the body is the situation from practice. The answers to a question are
in demo/questions/answers/<slug>.toml (demo/README.md explains the fields).

Dates are relative to today. Questions are looked up by slug: a question that exists is
left alone, with its answers, so a second run adds nothing and changes nothing.
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.utils import timezone

from atelier.content_files import DEMO_FOLDER, build, read_content_folder, read_toml
from knowledge.models import Resource, Visibility
from members.demo import demo_profiles
from sessions_app.models import Event

from .models import Answer, Question, QuestionStatus

FOLDER = DEMO_FOLDER / "questions"
ASKED_HOUR = 9


@dataclass(frozen=True)
class DemoAnswer:
    by: str  # the key of a demo member
    days_later: int  # days after the question was asked
    text: str
    hidden: bool = False  # hidden by the coordinator


@dataclass(frozen=True)
class DemoQuestion:
    slug: str
    title: str
    body: str
    asker: str  # the key of a demo member; empty: a former member
    asked_days_ago: int
    tags: list[str]
    visibility: str = Visibility.MEMBERS
    status: str = QuestionStatus.PUBLISHED
    helped: int = 0  # which answer helped the asker, counting from 1; 0: none yet
    meetings: list[str] = field(default_factory=list)  # on their agendas, by slug
    reports: list[str] = field(default_factory=list)  # discussed in these reports, by slug
    library_item: str = ""  # the library item it became, by slug
    answers: tuple[DemoAnswer, ...] = ()


def demo_questions() -> list[DemoQuestion]:
    """The demo questions of demo/questions/, with their answers."""
    return [
        file.build(DemoQuestion, slug=file.key, body=file.body, answers=_answers(file.key))
        for file in read_content_folder(FOLDER)
    ]


def _answers(slug: str) -> tuple[DemoAnswer, ...]:
    path = FOLDER / "answers" / f"{slug}.toml"
    if not path.exists():
        return ()
    return tuple(build(DemoAnswer, path, **fields) for fields in read_toml(path)["answer"])


def load_questions(now: datetime | None = None) -> int:
    """Add the demo questions that are missing, with their answers; returns how many."""
    now = now or timezone.now()
    questions = demo_questions()
    existing = set(
        Question.objects.filter(slug__in=[demo.slug for demo in questions]).values_list(
            "slug", flat=True
        )
    )
    users = {key: profile.user for key, profile in demo_profiles().items()}
    created = 0
    for number, demo in enumerate(questions):
        if demo.slug not in existing:
            _create_question(demo, number, users, now)
            created += 1
    return created


def _create_question(demo: DemoQuestion, number: int, users: dict, now: datetime) -> Question:
    tz = timezone.get_default_timezone()
    day = timezone.localdate(now, tz) - timedelta(days=demo.asked_days_ago)
    asked = datetime.combine(day, datetime.min.time(), tzinfo=tz)
    asked = min(asked + timedelta(hours=ASKED_HOUR, minutes=23 * number), now - timedelta(hours=2))
    published = demo.status == QuestionStatus.PUBLISHED
    question = Question.objects.create(
        title=demo.title,
        slug=demo.slug,
        body=demo.body,
        asker=users.get(demo.asker),
        visibility=demo.visibility,
        status=demo.status,
        created_at=asked,
        published_at=asked if published else None,
        last_activity_at=asked,
    )
    question.tags.add(*demo.tags)
    answers = []
    for position, demo_answer in enumerate(demo.answers, start=1):
        written = min(
            asked + timedelta(days=demo_answer.days_later, hours=position),
            now - timedelta(minutes=10 * (len(demo.answers) - position + 1)),
        )
        answers.append(
            Answer.objects.create(
                question=question,
                author=users.get(demo_answer.by),
                body=demo_answer.text,
                hidden=demo_answer.hidden,
                created_at=written,
            )
        )
    shown = [answer for answer in answers if not answer.hidden]
    Question.objects.filter(pk=question.pk).update(
        answer_count=len(shown),
        helped_answer=answers[demo.helped - 1] if demo.helped else None,
        last_activity_at=max([asked, *(answer.created_at for answer in shown)]),
        updated_at=asked,
        library_item=Resource.objects.filter(slug=demo.library_item).first(),
    )
    question.events.add(*Event.objects.filter(slug__in=demo.meetings))
    question.reports.add(*Resource.objects.filter(slug__in=demo.reports))
    return question
