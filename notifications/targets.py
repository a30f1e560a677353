"""What a follow or a notification points at, and whether its member may (still) see it.

A notification is made only for members who may see its thing at that moment
(notifications/news.py), but the thing can change afterwards: made members-only,
unpublished, hidden, deleted; and the member's own rights can change. So every page and
e-mail that shows notifications asks `visible_notifications` first, at the moment it
shows or sends them, and each model's own `visible_to(user)` decides, as everywhere
else on the site (docs/design.md, "A notification, digest entry or e-mail shows only
what its reader may see at the moment it is sent").

The functions here work in bulk: one query per kind of thing, however many
notifications or follows are shown; a run of digests asks for many readers at once
(`visible_to_each`), each still through their own `visible_to`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from itertools import islice
from typing import TYPE_CHECKING, Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, IntegerField, Model, OuterRef, Q, QuerySet, Value
from taggit.models import Tag

from knowledge.models import Resource, TaggedResource, Uptake
from members import access
from members.models import Profile, TaggedProfile, User
from questions.models import Question, TaggedQuestion
from value.models import ValueStory

from .models import Follow, Notification

if TYPE_CHECKING:
    from members.access import AnyUser

Visible = Callable[["AnyUser"], QuerySet]


def _tags_seen_by(user: AnyUser) -> QuerySet:
    # A tag is seen where it is used: on an item or question the member may read, or in
    # the expertise of a member they may see. A tag of someone's draft only stays hidden.
    return Tag.objects.filter(
        Q(pk__in=TaggedResource.objects.filter(
            content_object__in=Resource.objects.visible_to(user)
        ).values("tag_id"))
        | Q(pk__in=TaggedQuestion.objects.filter(
            content_object__in=Question.objects.visible_to(user)
        ).values("tag_id"))
        | Q(pk__in=TaggedProfile.objects.filter(
            content_object__in=Profile.objects.visible_to(user)
        ).values("tag_id"))
    )  # fmt: skip


def _members_seen_by(user: AnyUser) -> QuerySet:
    return User.objects.filter(profile__in=Profile.objects.visible_to(user)).select_related(
        "profile"
    )


# What a member may follow: each model with the rows a member may see of it.
FOLLOWABLE: dict[type[Model], Visible] = {
    Tag: _tags_seen_by,
    Resource: lambda user: Resource.objects.visible_to(user).only("pk", "title", "slug"),
    Question: lambda user: Question.objects.visible_to(user).only("pk", "title", "slug"),
    User: _members_seen_by,
}

# What a notification may point at (the thing with news), with the columns its line shows.
SHOWN: dict[type[Model], Callable[[QuerySet], QuerySet]] = {
    Resource: lambda things: things.only("pk", "title", "slug"),
    Question: lambda things: things.only("pk", "title", "slug"),
    Uptake: lambda things: things.select_related("resource").only(
        "pk", "place", "resource", "resource__title", "resource__slug"
    ),
    ValueStory: lambda things: things.only("pk", "title"),
}
NOTIFIABLE: dict[type[Model], Visible] = {
    Resource: lambda user: SHOWN[Resource](Resource.objects.visible_to(user)),
    Question: lambda user: SHOWN[Question](Question.objects.visible_to(user)),
    Uptake: lambda user: SHOWN[Uptake](Uptake.objects.visible_to(user)),
    ValueStory: lambda user: SHOWN[ValueStory](ValueStory.objects.visible_to(user)),
}
READERS_PER_QUERY = 50  # one statement asks for this many readers (a UNION of their parts)


def visible_condition(user: AnyUser) -> Q:
    """The condition on notifications that `user` may see the thing of now: the rule of
    `visible_notifications` inside one query (an EXISTS on each kind of thing)."""
    visible = Q(pk__in=[])
    for model, seen_by in NOTIFIABLE.items():
        may_see = seen_by(user).filter(pk=OuterRef("target_id"))
        visible |= Q(Exists(may_see), target_type=ContentType.objects.get_for_model(model))
    return visible


def followable_by(user: AnyUser, model: type[Model]) -> QuerySet:
    """The rows of `model` that `user` may follow: those they may see."""
    return FOLLOWABLE[model](user)


def _visible_targets(
    user: AnyUser, wanted: dict[int, set[int]], visible: dict[type[Model], Visible]
) -> dict[tuple[int, int], Model]:
    """(content type id, id) -> the thing, for the wanted things `user` may see."""
    found = {}
    for type_id, ids in wanted.items():
        model = ContentType.objects.get_for_id(type_id).model_class()
        if model not in visible:
            continue
        for pk, thing in visible[model](user).in_bulk(ids).items():
            found[(type_id, pk)] = thing
    return found


def visible_notifications(
    user: AnyUser, notifications: Iterable[Notification]
) -> list[Notification]:
    """The notifications whose thing `user` may see now, in the order given, each with its
    `target` loaded; the others are left out (never shown, never sent).

    Notifications are for members: for anyone else the list is empty. One query per
    kind of thing among the notifications (at most four), however many there are.
    """
    notifications = list(notifications)
    if not access.is_member(user):
        return []
    wanted: dict[int, set[int]] = defaultdict(set)
    for notification in notifications:
        wanted[notification.target_type_id].add(notification.target_id)
    found = _visible_targets(user, wanted, NOTIFIABLE)
    shown = []
    for notification in notifications:
        target = found.get((notification.target_type_id, notification.target_id))
        if target is not None:
            notification.target = target
            shown.append(notification)
    return shown


def visible_notifications_of_many(
    readers: Iterable[User], notifications: Iterable[Notification]
) -> dict[int, list[Notification]]:
    """`visible_notifications` for many readers at once (a batch of digests): reader id ->
    their notifications whose thing they may see now, in the order given, each with its
    `target` loaded. A fixed number of queries for up to READERS_PER_QUERY readers."""
    members = {reader.pk: reader for reader in readers if access.is_member(reader)}
    notifications = [n for n in notifications if n.user_id in members]
    wanted: dict[int, dict[int, set[int]]] = defaultdict(lambda: defaultdict(set))
    for notification in notifications:
        wanted[notification.target_type_id][notification.user_id].add(notification.target_id)
    seen: set[tuple[int, int, int]] = set()
    found: dict[tuple[int, int], Model] = {}
    for type_id, ids_of_reader in wanted.items():
        model = ContentType.objects.get_for_id(type_id).model_class()
        if model not in SHOWN:
            continue
        pairs = visible_to_each(model._default_manager.all(), members, ids_of_reader)
        seen.update((reader_id, type_id, pk) for reader_id, pk in pairs)
        things = SHOWN[model](model._default_manager.all()).in_bulk({pk for _, pk in pairs})
        found.update(((type_id, pk), thing) for pk, thing in things.items())
    shown: dict[int, list[Notification]] = defaultdict(list)
    for notification in notifications:
        if (notification.user_id, notification.target_type_id, notification.target_id) in seen:
            notification.target = found[(notification.target_type_id, notification.target_id)]
            shown[notification.user_id].append(notification)
    return shown


def visible_to_each(
    things: Any,  # a queryset of one of the site's models, with its `visible_to(user)`
    readers: dict[int, User],
    wanted: dict[int, set[int]],
) -> set[tuple[int, int]]:
    """(reader id, thing id) for each of the `wanted` things (reader id -> ids) of the
    queryset `things` that the reader may see now: `things.visible_to(reader)`, the same
    rule as for one reader, for many in one query per READERS_PER_QUERY readers (a UNION
    of each reader's own part)."""
    pairs: set[tuple[int, int]] = set()
    asking = iter([(readers[pk], ids) for pk, ids in wanted.items() if ids])
    while group := list(islice(asking, READERS_PER_QUERY)):
        parts = [
            things.visible_to(reader)
            .filter(pk__in=ids)
            .annotate(reader=Value(reader.pk, output_field=IntegerField()))
            .values_list("pk", "reader")  # the columns as a UNION lists them: fields first
            .order_by()
            for reader, ids in group
        ]
        pairs.update((reader_id, pk) for pk, reader_id in parts[0].union(*parts[1:], all=True))
    return pairs


def with_targets(user: AnyUser, follows: Iterable[Follow]) -> list[tuple[Follow, Model | None]]:
    """The follows in the order given, each with the thing it follows when `user` may still
    see it and None when not (deleted, unpublished, a member who left): the list of what
    they follow offers to stop following those too. One query per kind of thing."""
    follows = list(follows)
    wanted: dict[int, set[int]] = defaultdict(set)
    for follow in follows:
        wanted[follow.content_type_id].add(follow.object_id)
    found = _visible_targets(user, wanted, FOLLOWABLE)
    return [(follow, found.get((follow.content_type_id, follow.object_id))) for follow in follows]
