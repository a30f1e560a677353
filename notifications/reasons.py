"""Why a member hears of news: which of the things they follow it is about, in words, for
the e-mail sent at once ("… because you follow the tag “armoede” …").

The notification does not keep which follow brought it, so it is found again from its
thing: the thing itself (an item or question followed), then its tags, then the members
who made it. What came only through a follow the thing does not show (the writer of one
comment among many) gets no name: the e-mail then says "this".
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Model, Q
from taggit.models import Tag

from knowledge.models import Authorship, Resource, TaggedResource, Uptake
from members.models import User
from questions.models import Question, TaggedQuestion
from value.models import ValueStory

from .following import in_words
from .models import Follow, Notification
from .targets import with_targets

# (model, ids): an id is None where the thing has no maker (an account since deleted).
Candidates = list[tuple[type[Model], list[int | None]]]


def _candidates(target: Model) -> Candidates:
    """The things whose followers hear of news about `target`, most particular first."""
    if isinstance(target, Resource):
        authors = Authorship.objects.accepted().filter(resource=target)
        tags = TaggedResource.objects.filter(content_object=target)
        return [
            (Resource, [target.pk]),
            (Tag, list(tags.values_list("tag_id", flat=True))),
            (User, [target.created_by_id, *authors.values_list("user_id", flat=True)]),
        ]
    if isinstance(target, Question):
        tags = TaggedQuestion.objects.filter(content_object=target)
        return [
            (Question, [target.pk]),
            (Tag, list(tags.values_list("tag_id", flat=True))),
            (User, [target.asker_id]),
        ]
    if isinstance(target, Uptake):
        return [(Resource, [target.resource_id]), (User, [target.author_id])]
    if isinstance(target, ValueStory):
        return [
            (Resource, list(target.resources.values_list("pk", flat=True))),
            (Question, list(target.questions.values_list("pk", flat=True))),
            (User, [target.author_id]),
        ]
    return []


def followed_in_words(user: User, notification_id: int) -> str | None:
    """What `user` follows that the notification is about, in words ("the tag “armoede”",
    a member's name, a title in quotes), or None when that is not to be found (or no
    longer to be seen by them). A few queries: for one e-mail sent at once."""
    notification = Notification.objects.filter(pk=notification_id, user=user.pk).first()
    target = notification.target if notification is not None else None
    if target is None:
        return None
    rank: dict[tuple[int, int], int] = {}
    condition = Q()
    for model, rows in _candidates(target):
        type_id = ContentType.objects.get_for_model(model).pk
        ids = [pk for pk in rows if pk is not None]
        for pk in ids:
            rank.setdefault((type_id, pk), len(rank))
        condition |= Q(content_type_id=type_id, object_id__in=ids)
    follows = sorted(
        Follow.objects.filter(condition, user=user.pk),
        key=lambda follow: rank[(follow.content_type_id, follow.object_id)],
    )
    for _follow, thing in with_targets(user, follows):
        if thing is not None:
            return in_words(thing)
    return None
