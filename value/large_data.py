"""The value stories of the large data set (`manage.py load_large_data`): about 3,000 at
--scale 1, by active members about past events, the library's tools and cases and the
questions, across the cycles and audiences; bulk inserts, like the rest of the set."""

import random
from datetime import datetime, timedelta

from atelier.bulk_rows import insert_objects
from atelier.content_files import DEMO_FOLDER, read_toml
from knowledge.models import Resource, ResourceKind, ResourceStatus
from questions.models import Question, QuestionStatus
from sessions_app.models import Event

from .models import Cycle, CycleState, StoryAudience, ValueStory

TEXTS = read_toml(DEMO_FOLDER / "large" / "stories.toml")
STORIES_AT_FULL_SCALE = 3_000
AUDIENCE_SHARES = [
    (StoryAudience.PUBLIC, 40),
    (StoryAudience.MEMBERS, 45),
    (StoryAudience.COORDINATOR, 15),
]
# How often a story tells each cycle: the first cycles are told most.
CYCLE_CHANCES = {
    Cycle.IMMEDIATE: 0.6,
    Cycle.POTENTIAL: 0.7,
    Cycle.APPLIED: 0.5,
    Cycle.REALISED: 0.25,
    Cycle.REFRAMING: 0.15,
}


def add_stories(
    rng: random.Random,
    scale: float,
    writers: list[int],
    events: list[Event],
    resources: list[Resource],
    questions: list[Question],
    themes: list[str],
    places: list[str],
    now: datetime,
) -> str:
    """Insert the stories and what they are about; returns a line for the report."""
    count = max(1, round(STORIES_AT_FULL_SCALE * scale))
    past = [event for event in events if event.end < now]
    tools = [
        r
        for r in resources
        if r.kind in (ResourceKind.TOOL, ResourceKind.CASE) and r.status == ResourceStatus.PUBLISHED
    ]
    asked = [q for q in questions if q.status == QuestionStatus.PUBLISHED]
    if not past or not writers:  # a very small --scale
        return "no value stories: no past events or no active members"
    audiences = [audience for audience, _share in AUDIENCE_SHARES]
    weights = [share for _audience, share in AUDIENCE_SHARES]
    stories, about = [], []
    for _ in range(count):
        event = rng.choice(past)
        words = {"theme": rng.choice(themes), "place": rng.choice(places)}
        told = [cycle for cycle, chance in CYCLE_CHANCES.items() if rng.random() < chance]
        told = told or [Cycle.POTENTIAL]
        fields = {cycle: rng.choice(TEXTS["cycles"][cycle]).format(**words) for cycle in told} | {
            f"{cycle}_state": CycleState.INTENDED if rng.random() < 0.2 else CycleState.HAPPENED
            for cycle in told
        }
        written = min(event.end + timedelta(days=rng.uniform(7, 60)), now)
        stories.append(
            ValueStory(
                author_id=rng.choice(writers),
                title=rng.choice(TEXTS["titles"]).format(**words),
                audience=rng.choices(audiences, weights)[0],
                created_at=written,
                **fields,
            )
        )
        about.append(
            (
                [event],
                rng.sample(tools, min(len(tools), rng.choice([0, 1, 1, 2]))),
                [rng.choice(asked)] if asked and rng.random() < 0.3 else [],
            )
        )
    stories = insert_objects(ValueStory, stories)
    links = _link(stories, about)
    return f"{len(stories):,} value stories with {links:,} links to meetings, items and questions"


def _link(stories: list[ValueStory], about: list[tuple]) -> int:
    through = (
        ValueStory.events.through,
        ValueStory.resources.through,
        ValueStory.questions.through,
    )
    rows: list[list] = [[], [], []]
    for story, things in zip(stories, about, strict=True):
        for index, (model, field) in enumerate(
            zip(through, ("event_id", "resource_id", "question_id"), strict=True)
        ):
            rows[index] += [
                model(valuestory_id=story.pk, **{field: thing.pk}) for thing in things[index]
            ]
    for model, batch in zip(through, rows, strict=True):
        insert_objects(model, batch)
    return sum(len(batch) for batch in rows)
