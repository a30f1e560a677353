"""News for followers: something new in what members follow becomes a notification.

Who hears of what:

| news                        | the notification is about | told to who follows                  |
|-----------------------------|---------------------------|--------------------------------------|
| a library item is published | the item                  | one of its tags, one of its authors  |
| a question is published     | the question              | one of its tags, its asker           |
| an answer                   | the question              | the question, the answer's writer    |
| a comment                   | the item                  | the item, the comment's writer       |
| an experience of using it   | the account               | the item, the account's writer       |
| a value story               | the story                 | an item or question it is about, or  |
|                             |                           | its writer                           |

Never the one who did it; only members who may see the thing at that moment; nobody
who set that kind of news to "never" (notifications/preferences.py); a member at the
public-events level hears of public items only (that level follows public events and
new public tools, not the members' library). An item or a
question is new when it is first published: a draft published later counts, publishing
it again after making it a draft does not (`is_first_publication`, set by its save).

While a member's notification about a thing is neither read nor e-mailed, more news of
the same kind about it adds to its `count`: 500 comments on one item in a minute are one
line. Each piece of news costs the same few queries however many follow it.

The news is worked out once the change is committed (what a rolled-back save wrote is
no news, and an item's tags are saved after the item), from the post_save signals that
`connect()` hooks up in the app's ready().
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import F, Model, Q, QuerySet
from django.db.models.signals import post_save
from django.utils import timezone
from taggit.models import Tag

from atelier import page_cache
from atelier.page_areas import member_area
from knowledge.models import Authorship, Comment, Resource, TaggedResource, Uptake
from members import access
from members.choices import ParticipationLevel
from members.models import Profile, User
from questions.models import Answer, Question, TaggedQuestion
from value.models import ValueStory

from . import sending
from .models import Follow, Frequency, Kind, Notification
from .preferences import frequency_for_each
from .targets import NOTIFIABLE

Followed = tuple[type[Model], tuple[int, ...]]


@dataclass(frozen=True)
class News:
    """One new thing: its kind, the thing the notification points at, who did it (they
    are not told) and what its followers follow: (model, ids) pairs."""

    kind: str
    target: Model
    done_by: frozenset[int]
    followed: tuple[Followed, ...]


def tell_followers(news: News) -> list[int]:
    """Make, or add to, a notification of `news` for each member who follows one of the
    things it names and may see its target; returns their ids. A bounded number of
    queries, however many followers."""
    followers = _followers(news.followed) - news.done_by
    readers = _at_their_level(news, _who_may_see(news.target, followers))
    if not readers:
        return []
    frequencies = frequency_for_each(readers, news.kind)
    told = [user_id for user_id in readers if frequencies[user_id] != Frequency.NEVER]
    _notify(news.kind, news.target, told)
    at_once = [user_id for user_id in told if frequencies[user_id] == Frequency.IMMEDIATELY]
    if at_once:
        pending = _pending(news.kind, news.target, at_once)
        sending.send_at_once(pending.values_list("pk", flat=True))
    return told


def _followers(followed: Iterable[Followed]) -> set[int]:
    condition = Q()
    for model, ids in followed:
        if ids:
            condition |= Q(content_type=ContentType.objects.get_for_model(model), object_id__in=ids)
    if not condition:
        return set()
    return set(Follow.objects.filter(condition).values_list("user_id", flat=True).distinct())


def _at_their_level(news: News, readers: list[int]) -> list[int]:
    """The readers who hear of `news` at their participation level: a members-only item
    is no news for the public-events level."""
    members_only_item = isinstance(news.target, Resource) and not news.target.is_public
    if not members_only_item or not readers:
        return readers
    public_level = set(
        Profile.objects.filter(
            user_id__in=readers, participation_level=ParticipationLevel.PUBLIC_EVENTS
        ).values_list("user_id", flat=True)
    )
    return [user_id for user_id in readers if user_id not in public_level]


def _who_may_see(target: Model, user_ids: set[int]) -> list[int]:
    """The members among `user_ids` who may see `target` now.

    A thing is news only while everyone of a role sees it alike (published, not hidden):
    so one query per role (coordinator, member) answers for all its followers. Accounts
    that lost their member rights (paused, ended, switched off) hear of nothing.
    """
    if not user_ids:
        return []
    users = list(User.objects.filter(pk__in=user_ids, is_active=True).select_related("profile"))
    access.know_coordinators(users)
    coordinators = [user for user in users if access.is_coordinator(user)]
    members = [user for user in users if access.is_member(user) and user not in coordinators]
    visible = NOTIFIABLE[type(target)]
    readers: list[int] = []
    for role in (coordinators, members):
        if role and visible(role[0]).filter(pk=target.pk).exists():
            readers += [user.pk for user in role]
    return readers


def _pending(kind: str, target: Model, user_ids: list[int]) -> QuerySet[Notification]:
    """These members' notifications of `kind` about `target` that are neither read nor
    e-mailed: the ones news adds to."""
    return Notification.objects.filter(
        user_id__in=user_ids,
        kind=kind,
        target_type=ContentType.objects.get_for_model(target),
        target_id=target.pk,
        read_at__isnull=True,
        emailed_at__isnull=True,
    )


@transaction.atomic
def _notify(kind: str, target: Model, user_ids: list[int]) -> None:
    """Add one to each member's pending notification about `target`, or make one."""
    if not user_ids:
        return
    target_type = ContentType.objects.get_for_model(target)
    now = timezone.now()
    pending = _pending(kind, target, user_ids)
    pending.update(count=F("count") + 1, updated_at=now)
    # Those just added to carry this moment; who has none yet gets a new one.
    added_to = set(pending.filter(updated_at=now).values_list("user_id", flat=True))
    Notification.objects.bulk_create(
        [
            Notification(
                user_id=user_id,
                kind=kind,
                target_type=target_type,
                target_id=target.pk,
                created_at=now,
                updated_at=now,
            )
            for user_id in user_ids
            if user_id not in added_to
        ],
        # Another process made the same one a moment ago: theirs stands for this news too.
        ignore_conflicts=True,
    )
    # update() and bulk_create() send no signals: the header's count on their pages.
    page_cache.mark_stale(*{member_area(user_id) for user_id in user_ids})


# --- The news of each kind, by the id of the new thing -------------------------------------


def item_published(item_id: int) -> list[int]:
    """A library item published for the first time: its tags' and authors' followers."""
    item = Resource.objects.published().filter(pk=item_id).first()
    if item is None:
        return []
    authors = set(
        Authorship.objects.accepted().filter(resource=item).values_list("user_id", flat=True)
    )
    if item.created_by_id is not None:
        authors.add(item.created_by_id)
    tags = TaggedResource.objects.filter(content_object=item).values_list("tag_id", flat=True)
    followed = ((Tag, tuple(tags)), (User, tuple(authors)))
    return tell_followers(News(Kind.ITEMS, item, frozenset(authors), followed))


def question_published(question_id: int) -> list[int]:
    """A question published for the first time: its tags' and its asker's followers."""
    question = Question.objects.published().filter(pk=question_id).first()
    if question is None:
        return []
    asker = {question.asker_id} - {None}
    tags = TaggedQuestion.objects.filter(content_object=question).values_list("tag_id", flat=True)
    followed = ((Tag, tuple(tags)), (User, tuple(asker)))
    return tell_followers(News(Kind.QUESTIONS, question, frozenset(asker), followed))


def answer_added(answer_id: int) -> list[int]:
    """An answer shown under a published question: the question's and the writer's
    followers."""
    answer = (
        Answer.objects.shown()
        .filter(pk=answer_id, question__in=Question.objects.published())
        .select_related("question")
        .first()
    )
    if answer is None:
        return []
    writer = {answer.author_id} - {None}
    followed = ((Question, (answer.question_id,)), (User, tuple(writer)))
    return tell_followers(News(Kind.ANSWERS, answer.question, frozenset(writer), followed))


def comment_added(comment_id: int) -> list[int]:
    """A comment shown under a published item: the item's and the writer's followers."""
    comment = (
        Comment.objects.shown()
        .filter(pk=comment_id, resource__in=Resource.objects.published())
        .select_related("resource")
        .first()
    )
    if comment is None:
        return []
    writer = frozenset({comment.author_id})
    followed = ((Resource, (comment.resource_id,)), (User, tuple(writer)))
    return tell_followers(News(Kind.COMMENTS, comment.resource, writer, followed))


def uptake_recorded(uptake_id: int) -> list[int]:
    """An experience of using a published item: the item's and the writer's followers."""
    account = (
        Uptake.objects.filter(pk=uptake_id, hidden=False, resource__in=Resource.objects.published())
        .select_related("resource")
        .first()
    )
    if account is None:
        return []
    writer = {account.author_id} - {None}
    followed = ((Resource, (account.resource_id,)), (User, tuple(writer)))
    return tell_followers(News(Kind.UPTAKE, account, frozenset(writer), followed))


def story_written(story_id: int) -> list[int]:
    """A value story: the followers of the items and questions it is about, and of its
    writer; its audience decides who of them may read it."""
    story = ValueStory.objects.filter(pk=story_id).first()
    if story is None:
        return []
    writer = {story.author_id} - {None}
    items = ValueStory.resources.through.objects.filter(valuestory_id=story.pk)
    questions = ValueStory.questions.through.objects.filter(valuestory_id=story.pk)
    followed = (
        (Resource, tuple(items.values_list("resource_id", flat=True))),
        (Question, tuple(questions.values_list("question_id", flat=True))),
        (User, tuple(writer)),
    )
    return tell_followers(News(Kind.STORIES, story, frozenset(writer), followed))


# --- Listening for new things ----------------------------------------------------------------


def _after_commit(tell: Callable[[int], list[int]], pk: int) -> None:
    # Robust: the thing itself is saved; news that fails is logged, not the member's error.
    transaction.on_commit(lambda: tell(pk), robust=True)


def _on_first_publication(tell: Callable[[int], list[int]]) -> Callable[..., None]:
    def receiver(sender: type[Model], instance: Model, raw: bool = False, **kwargs: Any) -> None:
        if not raw and getattr(instance, "is_first_publication", False):
            _after_commit(tell, instance.pk)

    return receiver


def _on_creation(tell: Callable[[int], list[int]]) -> Callable[..., None]:
    def receiver(
        sender: type[Model],
        instance: Model,
        created: bool = False,
        raw: bool = False,
        **kwargs: Any,
    ) -> None:
        if created and not raw:
            _after_commit(tell, instance.pk)

    return receiver


RECEIVERS: list[tuple[type[Model], Callable[..., None]]] = [
    (Resource, _on_first_publication(item_published)),
    (Question, _on_first_publication(question_published)),
    (Answer, _on_creation(answer_added)),
    (Comment, _on_creation(comment_added)),
    (Uptake, _on_creation(uptake_recorded)),
    (ValueStory, _on_creation(story_written)),
]


def connect() -> None:
    """Listen for new things (the app's ready())."""
    for model, receiver in RECEIVERS:
        post_save.connect(
            receiver, sender=model, weak=False, dispatch_uid=f"news:{model._meta.label_lower}"
        )
