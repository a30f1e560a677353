"""Demo value stories for `make run`: what taking part brought the demo's members.

The stories are Markdown files in demo/stories/, one a story; the header holds the facts
(the writer by their key in demo/members/, the meetings by their slug in demo/events/,
tools and cases by their slug in demo/library/, questions by their slug in
demo/questions/), the body has a `##` heading per cycle the story speaks to: Direct,
Potentieel, Toegepast, Gerealiseerd, Herdefiniëring (demo/README.md).

A story is looked up by its title: one that exists is left alone, so a second run adds
nothing and changes nothing.
"""

import re
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from django.utils import timezone

from atelier.content_files import DEMO_FOLDER, day_last_year, read_content_folder
from knowledge.models import Resource
from members.demo import demo_profiles
from questions.models import Question
from sessions_app.models import Event

from .models import Cycle, CycleState, ValueStory

FOLDER = DEMO_FOLDER / "stories"
HEADINGS = {
    "direct": Cycle.IMMEDIATE,
    "potentieel": Cycle.POTENTIAL,
    "toegepast": Cycle.APPLIED,
    "gerealiseerd": Cycle.REALISED,
    "herdefiniëring": Cycle.REFRAMING,
}
HEADING = re.compile(r"^## (.+)$", re.MULTILINE)


@dataclass(frozen=True)
class DemoStory:
    title: str
    author: str  # the key of a demo member; empty: a former member
    audience: str
    cycles: dict[str, str]  # cycle -> text
    written_days_ago: int | None = None
    written_last_year_on: str = ""  # or, for the yearly report, a day last year ("12-03")
    intended: list[str] = field(default_factory=list)  # cycles intended, not happened yet
    meetings: list[str] = field(default_factory=list)
    items: list[str] = field(default_factory=list)
    questions: list[str] = field(default_factory=list)


def cycles_of(body: str, path: str) -> dict[str, str]:
    """The text under each `## <cycle>` heading of `body`, by cycle."""
    parts = HEADING.split(body)
    cycles = {}
    for heading, text in zip(parts[1::2], parts[2::2], strict=True):
        key = heading.strip().lower()
        if key not in HEADINGS:
            raise ValueError(f"{path}: “{heading}” is not a cycle ({', '.join(HEADINGS)})")
        cycles[HEADINGS[key]] = text.strip()
    return cycles


def demo_stories() -> list[DemoStory]:
    """The demo stories of demo/stories/."""
    stories = []
    for file in read_content_folder(FOLDER):
        cycles = cycles_of(file.body, str(file.path))
        intended = [HEADINGS.get(name.lower(), name) for name in file.fields.pop("intended", [])]
        if not set(intended) <= set(cycles):
            raise ValueError(f"{file.path}: `intended` names a cycle the story does not tell")
        story = file.build(DemoStory, cycles=cycles, intended=intended)
        if (story.written_days_ago is None) == (not story.written_last_year_on):
            raise ValueError(f"{file.path}: give `written_days_ago` or `written_last_year_on`")
        stories.append(story)
    return stories


def load_stories(now: datetime | None = None) -> int:
    """Add the demo stories that are missing; returns how many."""
    now = now or timezone.now()
    stories = demo_stories()
    existing = set(
        ValueStory.objects.filter(title__in=[s.title for s in stories]).values_list(
            "title", flat=True
        )
    )
    users = {key: profile.user for key, profile in demo_profiles().items()}
    created = 0
    for demo in stories:
        if demo.title not in existing:
            _create_story(demo, users, now)
            created += 1
    return created


def _written_at(demo: DemoStory, now: datetime) -> datetime:
    if demo.written_last_year_on:
        day = day_last_year(demo.written_last_year_on, timezone.localdate(now))
        return datetime.combine(day, time(10), tzinfo=timezone.get_default_timezone())
    return now - timedelta(days=demo.written_days_ago or 0, hours=-10)


def _create_story(demo: DemoStory, users: dict, now: datetime) -> ValueStory:
    told = {
        **demo.cycles,
        **{
            f"{cycle}_state": CycleState.INTENDED if cycle in demo.intended else CycleState.HAPPENED
            for cycle in demo.cycles
        },
    }
    story = ValueStory.objects.create(
        title=demo.title,
        author=users.get(demo.author),
        audience=demo.audience,
        created_at=_written_at(demo, now),
        **told,
    )
    story.events.add(*Event.objects.filter(slug__in=demo.meetings))
    story.resources.add(*Resource.objects.filter(slug__in=demo.items))
    story.questions.add(*Question.objects.filter(slug__in=demo.questions))
    return story
