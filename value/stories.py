"""Writing value stories: who may, what a story can be about, saving and deleting.

A story (Wenger, Trayner & De Laat, 2011) is about what its writer took part in: meetings
they attended or registered for, tools and cases, questions from practice. The form
offers a short list of each, only what the writer may see, so that no story can point at
a draft, a members-only item for a non-member, or someone else's meeting.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from knowledge.models import Resource, ResourceKind
from members import access
from questions.models import Question
from sessions_app.models import Event, Registration, RegistrationStatus

from .models import ValueStory

if TYPE_CHECKING:
    from members.access import AnyUser
    from members.models import User

    from .forms import ValueStoryForm

# How many of each the form offers: the most recent; older ones stay on a story that has them.
EVENTS_OFFERED = 40
RESOURCES_OFFERED = 100
QUESTIONS_OFFERED = 50
STORY_KINDS = (ResourceKind.TOOL, ResourceKind.CASE)


def may_write(user: AnyUser) -> bool:
    """Active members write value stories (docs/design.md, the access table)."""
    return access.can_contribute(user)


def may_edit(story: ValueStory, user: AnyUser) -> bool:
    """Only its author changes or deletes a story on the site, while a member; the
    coordinator does so in the admin."""
    return may_write(user) and story.is_written_by(user)


def events_to_choose(user: AnyUser, keep: QuerySet[Event] | None = None) -> QuerySet[Event]:
    """The events the writer attended or had a place for (not recorded absent), that have
    begun, newest first: at most EVENTS_OFFERED, and those in `keep` (already chosen)."""
    # One subquery over the writer's own registrations: conditions on `registrations__`
    # across filter() and exclude() would each look at anyone's registration.
    places = (
        Registration.objects.filter(user=user.pk, status=RegistrationStatus.CONFIRMED)
        .exclude(attended=False)
        .values("event_id")
    )
    own = (
        Event.objects.visible_to(user)
        .filter(pk__in=places, start__lte=timezone.now())
        .order_by("-start", "-pk")
    )
    return _offered(own, EVENTS_OFFERED, keep).order_by("-start", "-pk")


def resources_to_choose(
    user: AnyUser, keep: QuerySet[Resource] | None = None
) -> QuerySet[Resource]:
    """Published tools and cases the writer may read, the most recently published first
    (at most RESOURCES_OFFERED) and those in `keep`, by title."""
    tools = (
        Resource.objects.visible_to(user)
        .published()
        .filter(kind__in=STORY_KINDS)
        .order_by("-published_at", "-pk")
    )
    return _offered(tools, RESOURCES_OFFERED, keep).order_by("title", "pk")


def questions_to_choose(
    user: AnyUser, keep: QuerySet[Question] | None = None
) -> QuerySet[Question]:
    """Published questions the writer may read, the most recently active first (at most
    QUESTIONS_OFFERED) and those in `keep`, by title."""
    questions = Question.objects.visible_to(user).published().newest_activity_first()
    return _offered(questions, QUESTIONS_OFFERED, keep).order_by("title", "pk")


def _offered(rows: QuerySet, most: int, keep: QuerySet | None) -> QuerySet:
    """The first `most` of `rows`, and those of `keep` that `rows` holds: one query that
    reads a bounded number of rows, however many there are."""
    chosen = rows.model.objects.filter(pk__in=rows.values("pk")[:most])
    if keep is not None:
        chosen = chosen | rows.model.objects.filter(pk__in=rows.filter(pk__in=keep.values("pk")))
    return chosen


@transaction.atomic
def save_story(form: ValueStoryForm, author: User) -> ValueStory:
    """Save a valid ValueStoryForm as `author`'s story, with what it is about: all of it
    or nothing."""
    story = form.save(commit=False)
    if story.author_id is None:
        story.author = author
    story.save()
    form.save_m2m()
    return story


def delete_story(story: ValueStory) -> None:
    """Delete the story; its links to meetings, items and questions go with it."""
    story.delete()
