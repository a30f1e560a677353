"""Writing value stories: who may, what a story can be about, saving and deleting.

A story (Wenger, Trayner & De Laat, 2011) is about what its writer took part in: meetings
they attended or registered for, tools and cases, questions from practice. The form
offers a short list of each, only what the writer may see, so that no story can point at
a draft, a members-only item for a non-member, or someone else's meeting, and the lists
stay short as the atelier grows.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from knowledge.models import Comment, Resource, ResourceKind, Uptake
from members import access
from questions.models import Answer, Question
from sessions_app.models import Event, Registration, RegistrationStatus

from .models import ValueStory

if TYPE_CHECKING:
    from members.access import AnyUser
    from members.models import User

    from .forms import ValueStoryForm

# How many of each the form offers, so that its lists stay short however much the
# atelier holds: the writer's own most recent meetings; the tools, cases and questions
# they worked on, and the newest few besides (for what they used without writing about
# it). What a story has already, and the follow-up's meeting, are offered too.
EVENTS_OFFERED = 20
TOUCHED_OFFERED = 20
NEWEST_OFFERED = 8
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
    own = Event.objects.visible_to(user).filter(pk__in=places, start__lte=timezone.now())
    newest = own.order_by("-start", "-pk").values("pk")[:EVENTS_OFFERED]
    return _offered(own, keep, newest).order_by("-start", "-pk")


def resources_to_choose(
    user: AnyUser, keep: QuerySet[Resource] | None = None
) -> QuerySet[Resource]:
    """Published tools and cases the writer may read: those they wrote, used or commented
    on (at most TOUCHED_OFFERED), the NEWEST_OFFERED most recently published and those in
    `keep`, by title."""
    tools = Resource.objects.visible_to(user).published().filter(kind__in=STORY_KINDS)
    newest = tools.order_by("-published_at", "-pk")
    touched = newest.filter(
        Q(pk__in=Resource.objects.authored_by(user).values("pk"))
        | Q(pk__in=Uptake.objects.written_by(user).values("resource_id"))
        | Q(pk__in=Comment.objects.filter(author=user.pk).values("resource_id"))
    )
    return _offered(
        tools,
        keep,
        touched.values("pk")[:TOUCHED_OFFERED],
        newest.values("pk")[:NEWEST_OFFERED],
    ).order_by("title", "pk")


def questions_to_choose(
    user: AnyUser, keep: QuerySet[Question] | None = None
) -> QuerySet[Question]:
    """Published questions the writer may read: those they asked or answered (at most
    TOUCHED_OFFERED), the NEWEST_OFFERED most recently active and those in `keep`, by
    title."""
    questions = Question.objects.visible_to(user).published()
    newest = questions.newest_activity_first()
    touched = newest.filter(
        Q(asker=user.pk) | Q(pk__in=Answer.objects.filter(author=user.pk).values("question_id"))
    )
    return _offered(
        questions,
        keep,
        touched.values("pk")[:TOUCHED_OFFERED],
        newest.values("pk")[:NEWEST_OFFERED],
    ).order_by("title", "pk")


def _offered(rows: QuerySet, keep: QuerySet | None, *firsts: QuerySet) -> QuerySet:
    """Those of `rows` among `firsts` (each the ids of a bounded slice of them) or in
    `keep`: one query that reads a bounded number of rows, however many there are."""
    offered = Q()
    for first in firsts:
        offered |= Q(pk__in=first)
    if keep is not None:
        offered |= Q(pk__in=keep.values("pk"))
    return rows.filter(offered)


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
