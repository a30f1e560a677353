"""Following: a member follows a tag, a library item, a question or another member, and
hears of what is new in it (notifications/news.py).

Only members follow, and only what they may see: anything else is not there for them
(the view answers 404). Stopping is always possible, also for a thing they can no
longer see. A member does not follow themselves.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlencode

from django.contrib.contenttypes.models import ContentType
from django.db.models import Model, Q, QuerySet
from django.urls import reverse
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from taggit.models import Tag

from knowledge.follow_buttons import FollowButton
from knowledge.models import Resource
from members import access
from members.models import User
from questions.models import Question

from .models import Follow
from .targets import followable_by, with_targets

if TYPE_CHECKING:
    from members.access import AnyUser

# The word for each kind of thing in the follow addresses (/meldingen/volgen/tag/12/).
ADDRESS_WORDS: dict[str, type[Model]] = {
    "tag": Tag,
    "item": Resource,
    "vraag": Question,
    "lid": User,
}
WORD_OF = {model: word for word, model in ADDRESS_WORDS.items()}


def may_follow(user: AnyUser) -> bool:
    """Members follow (and the coordinator); visitors, applicants and former members not."""
    return access.is_member(user)


def _type(model: type[Model]) -> ContentType:
    return ContentType.objects.get_for_model(model)


def follow(user: User, model: type[Model], pk: int) -> Model:
    """`user` follows the thing (again: no harm). Raises `model.DoesNotExist` for a thing
    they may not see, or themselves."""
    if model is User and pk == user.pk:
        raise User.DoesNotExist
    thing = followable_by(user, model).get(pk=pk)
    Follow.objects.get_or_create(user=user, content_type=_type(model), object_id=thing.pk)
    return thing


def unfollow(user: User, model: type[Model], pk: int) -> Model | None:
    """`user` stops following the thing, seen or not (no harm if they did not follow it);
    returns the thing when they may still see it."""
    Follow.objects.filter(user=user, content_type=_type(model), object_id=pk).delete()
    return followable_by(user, model).filter(pk=pk).first()


def in_words(thing: Model) -> str:
    """What is followed, in plain words for a message: "the tag “buurt”", a member's name,
    an item's or question's title in quotes."""
    if isinstance(thing, Tag):
        return _("the tag “%(name)s”") % {"name": thing.name}
    if isinstance(thing, User):
        return thing.display_name
    return f"“{thing}”"


def follows_of(user: AnyUser) -> QuerySet[Follow]:
    """What `user` follows, the newest first."""
    return Follow.objects.filter(user=user.pk).order_by("-created_at", "-pk")


def _followed_among(user: AnyUser, things: list[Model]) -> set[tuple[int, int]]:
    """(content type id, id) of the things `user` follows, in one query."""
    condition = Q()
    for thing in things:
        condition |= Q(content_type=_type(type(thing)), object_id=thing.pk)
    rows = Follow.objects.filter(condition, user=user.pk).values_list("content_type", "object_id")
    return set(rows)


def _subject(thing: Model) -> SafeString:
    """What the button follows, in words: "the tag “buurt”". Names and titles are the
    members' Dutch, marked so on an English page."""
    if isinstance(thing, Tag):
        name = format_html('<span lang="nl">{}</span>', thing.name)
        return mark_safe(conditional_escape(_("the tag “%(name)s”")) % {"name": name})  # noqa: S308
    if isinstance(thing, User):
        return format_html('<span lang="nl">{}</span>', thing.display_name)
    return format_html('“<span lang="nl">{}</span>”', thing)


def follow_buttons(reader: AnyUser, things: Iterable[Model]) -> list[FollowButton]:
    """A follow button for each thing (knowledge/follow_buttons.py): one query for all of
    them; none for a reader who may not follow."""
    if not may_follow(reader):
        return []
    shown = [thing for thing in things if not (isinstance(thing, User) and thing.pk == reader.pk)]
    if not shown:
        return []
    following = _followed_among(reader, shown)
    buttons = []
    for thing in shown:
        is_following = (_type(type(thing)).pk, thing.pk) in following
        address = [WORD_OF[type(thing)], thing.pk]
        buttons.append(
            FollowButton(
                action=reverse(
                    "notifications:unfollow" if is_following else "notifications:follow",
                    args=address,
                ),
                is_following=is_following,
                label=_("Stop following") if is_following else _("Follow"),
                subject=_subject(thing),
            )
        )
    return buttons


@dataclass(frozen=True)
class FollowedThing:
    """A line of the member's list of what they follow."""

    kind: str  # "Tag", "Library item", ...
    name: str  # "" for a thing they can no longer see
    url: str
    unfollow: str  # the address that stops it


def _kind_labels() -> dict[str, str]:
    return {
        "tag": _("Tag"),
        "item": _("Library item"),
        "vraag": _("Question"),
        "lid": _("Member"),
    }


def _shown(thing: Model | None) -> tuple[str, str]:
    """The name and address of a thing followed; none for one no longer to be seen."""
    if isinstance(thing, Tag):
        return thing.name, f"{reverse('knowledge:library')}?{urlencode({'tag': thing.name})}"
    if isinstance(thing, User):
        return thing.display_name, thing.profile.get_absolute_url()
    if isinstance(thing, Resource | Question):
        return thing.title, thing.get_absolute_url()
    return "", ""


def followed_things(user: AnyUser, follows: Iterable[Follow]) -> list[FollowedThing]:
    """The lines for these follows of `user`, in their order; one query per kind of thing."""
    words = {_type(model).pk: word for word, model in ADDRESS_WORDS.items()}
    labels = _kind_labels()
    lines = []
    for follow, thing in with_targets(user, follows):
        word = words[follow.content_type_id]
        name, url = _shown(thing)
        unfollow_address = reverse("notifications:unfollow", args=[word, follow.object_id])
        lines.append(FollowedThing(labels[word], name, url, unfollow_address))
    return lines
