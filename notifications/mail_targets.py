"""What notifications are about, as their reader may see it when an e-mail is sent.

Visibility can change after a notification was made (an item goes back to members only,
an answer is hidden, the reader's membership is paused), so every e-mail asks again,
through each model's own `visible_to(user)`: one query per kind of thing, however many
notifications there are.
"""

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import Model

from knowledge.models import Comment, Resource, Uptake
from members.models import User
from questions.models import Answer, Question
from value.models import ValueStory

from .models import Notification


@dataclass(frozen=True)
class Seen:
    """A thing as the e-mail names it: its title and its address on the site."""

    title: str
    path: str


def _resources(user: User, ids: list[int]) -> dict[int, Seen]:
    found = Resource.objects.visible_to(user).filter(pk__in=ids).only("title", "slug")
    return {item.pk: Seen(item.title, item.get_absolute_url()) for item in found}


def _questions(user: User, ids: list[int]) -> dict[int, Seen]:
    found = Question.objects.visible_to(user).filter(pk__in=ids).only("title", "slug")
    return {question.pk: Seen(question.title, question.get_absolute_url()) for question in found}


def _stories(user: User, ids: list[int]) -> dict[int, Seen]:
    found = ValueStory.objects.visible_to(user).filter(pk__in=ids).only("title")
    return {story.pk: Seen(story.title, story.get_absolute_url()) for story in found}


def _uptakes(user: User, ids: list[int]) -> dict[int, Seen]:
    found = (
        Uptake.objects.visible_to(user)
        .filter(pk__in=ids)
        .select_related("resource")
        .only("resource__title", "resource__slug")
    )
    return {uptake.pk: Seen(uptake.resource.title, uptake.get_absolute_url()) for uptake in found}


def _comments(user: User, ids: list[int]) -> dict[int, Seen]:
    found = (
        Comment.objects.shown()
        .filter(pk__in=ids, resource__in=Resource.objects.visible_to(user).values("pk"))
        .select_related("resource")
        .only("resource__title", "resource__slug")
    )
    return {
        comment.pk: Seen(
            comment.resource.title, f"{comment.resource.get_absolute_url()}#reactie-{comment.pk}"
        )
        for comment in found
    }


def _answers(user: User, ids: list[int]) -> dict[int, Seen]:
    found = (
        Answer.objects.shown_to(user)
        .filter(pk__in=ids, question__in=Question.objects.visible_to(user).values("pk"))
        .select_related("question")
        .only("question__title", "question__slug")
    )
    return {
        answer.pk: Seen(
            answer.question.title, f"{answer.question.get_absolute_url()}#antwoord-{answer.pk}"
        )
        for answer in found
    }


VISIBLE: dict[type[Model], Callable[[User, list[int]], dict[int, Seen]]] = {
    Resource: _resources,
    Question: _questions,
    ValueStory: _stories,
    Uptake: _uptakes,
    Comment: _comments,
    Answer: _answers,
}


def seen_by(user: User, notifications: Iterable[Notification]) -> dict[int, Seen]:
    """Notification pk -> what it is about, for the notifications whose thing `user` may
    see now; the others are left out."""
    by_type: dict[int, list[Notification]] = defaultdict(list)
    for notification in notifications:
        by_type[notification.target_type_id].append(notification)
    seen: dict[int, Seen] = {}
    for type_id, group in by_type.items():
        model = ContentType.objects.get_for_id(type_id).model_class()
        if model not in VISIBLE:
            continue
        things = VISIBLE[model](user, [notification.target_id for notification in group])
        seen.update({n.pk: things[n.target_id] for n in group if n.target_id in things})
    return seen
