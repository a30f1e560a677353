"""What links a question to the agenda and the library, as each reader may see it.

The coordinator puts a question on the agenda of a members' meeting (`Question.events`);
a meeting report names the questions it discussed (`Question.reports`); an answered
question can become a library item (`Question.library_item`, questions/into_library.py).
Each side's page shows the other, and only what its reader may open.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Exists, OuterRef, QuerySet
from django.utils.translation import gettext as _

from knowledge.item_links import Link, LinkGroup
from knowledge.models import Resource
from members import access
from sessions_app.models import Event, EventKind

from .models import Question

if TYPE_CHECKING:
    from members.access import AnyUser


@dataclass(frozen=True)
class QuestionLinks:
    """What a question's page shows of the agenda and the library, for one reader."""

    meetings: list[Event]
    reports: list[Resource]
    library_item: Resource | None


def links_of(question: Question, reader: AnyUser) -> QuestionLinks:
    """The meetings, reports and library item of `question` that `reader` may open
    (three queries at most, however many there are)."""
    meetings = Event.objects.visible_to(reader).filter(questions=question).order_by("start")
    items = Resource.objects.visible_to(reader).only("title", "slug", "kind", "published_at")
    reports = items.filter(discussed_questions=question).newest_first()
    library_item = None
    if question.library_item_id is not None:
        library_item = items.filter(pk=question.library_item_id).first()
    return QuestionLinks(list(meetings), list(reports), library_item)


def questions_on_agenda(event: Event, reader: AnyUser) -> QuerySet[Question]:
    """The questions on `event`'s agenda that `reader` may open, oldest first."""
    return (
        Question.objects.visible_to(reader)
        .filter(events=event)
        .only("title", "slug", "helped_answer_id")
        .order_by("published_at", "pk")
    )


def may_put_on_agenda(user: AnyUser) -> bool:
    """Only the coordinator puts questions on a meeting's agenda (docs/design.md)."""
    return access.is_coordinator(user)


def meetings_to_choose(question: Question) -> QuerySet[Event]:
    """The meetings `question` can still be put on: coming, published members' meetings
    whose agenda does not have it yet, soonest first."""
    return (
        Event.objects.published()
        .filter(kind=EventKind.MEETING)
        .upcoming()
        .exclude(questions=question)
    )


def put_on_agenda(question: Question, meeting: Event) -> None:
    """Add the question to the meeting's agenda (the page cache follows the link table)."""
    question.events.add(meeting)


def item_links(resource: Resource, reader: AnyUser) -> list[LinkGroup]:
    """For the library's item page (knowledge/item_links.py): the question the item grew
    out of, and the questions a report discussed, as far as `reader` may open them (two
    queries, one when there are none)."""
    discussed = Question.reports.through.objects.filter(resource=resource)
    # The item's questions first (by their own indexes), then those the reader may see:
    # in one query SQLite read every published question to find them (0.1 s on the large
    # data set). With none linked (most items) Django sends no second query.
    linked = list(
        Question.objects.filter(library_item=resource)
        .order_by()
        .values_list("pk", flat=True)
        .union(discussed.values_list("question_id", flat=True))
    )
    questions = list(
        Question.objects.visible_to(reader)
        .filter(pk__in=linked)
        .annotate(discussed=Exists(discussed.filter(question=OuterRef("pk"))))
        .only("title", "slug", "library_item_id")
        .order_by("title", "pk")
    )
    return [
        LinkGroup(
            _("From the question"),
            _links(question for question in questions if question.library_item_id == resource.pk),
        ),
        LinkGroup(
            _("Questions discussed"),
            _links(question for question in questions if question.discussed),
        ),
    ]


def _links(questions: Iterable[Question]) -> list[Link]:
    return [Link(question.title, question.get_absolute_url()) for question in questions]
