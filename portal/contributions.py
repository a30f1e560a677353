"""Give and take: what a member brought to the atelier, counted across the apps.

A contribution is a meeting attended (the agenda), a library item written, a comment or
an account of using a tool (the library), a question asked or an answer given (questions;
an answer that helped the asker is marked), a value story told (value): the one
definition is dashboard/activity.py's. A member's profile lists the latest; the admin's
"give and take" filter finds the active members who contributed nothing lately, or in
a period of the dashboard.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.db.models import Exists, OuterRef

from dashboard.activity import contributed_nothing
from knowledge.models import Comment, Resource, Uptake
from members.models import Profile, ProfileQuerySet
from questions.models import Answer, Question
from sessions_app.models import Event
from value.models import ValueStory

if TYPE_CHECKING:
    from members.access import AnyUser

CONTRIBUTIONS_SHOWN = 20


# The texts of the items beside comments and accounts (tens of KB each): only their
# titles and addresses are shown.
_ITEM_TEXTS = [
    f"resource__{name}" for name in ("body", "body_html", "sections", "sections_html", "tags_text")
]


def shown_on_profile(profile: Profile, viewer: AnyUser) -> dict[str, Any]:
    """The member's latest meetings, items, comments, practice accounts, questions, answers
    and value stories, as far as `viewer` may see them."""
    return latest_of(profile.user_id, viewer, CONTRIBUTIONS_SHOWN)


def latest_of(user_id: int, viewer: AnyUser, shown: int) -> dict[str, Any]:
    """The `shown` latest of each kind of contribution of the member `user_id`, as far as
    `viewer` may see them (seven queries, however many there are), each with what a line
    of a list shows: a title, an address, a date (and an item's kind and state)."""
    attended_events = (
        Event.objects.visible_to(viewer)
        .filter(registrations__user=user_id, registrations__attended=True)
        .only("title", "slug", "start")
        .order_by("-start")[:shown]
    )
    visible_items = Resource.objects.visible_to(viewer)
    items = (
        visible_items.authored_by(user_id)
        .only("title", "slug", "kind", "visibility", "status", "published_at", "created_at")
        .newest_first()[:shown]
    )
    # Only comments on items this viewer may open: a comment must not reveal an item.
    # Checked per comment (EXISTS): `resource__in` read the ids of every visible item.
    comments = (
        Comment.objects.shown()
        .filter(author=user_id)
        .filter(Exists(visible_items.filter(pk=OuterRef("resource_id"))))
        .select_related("resource")
        .defer("body_html", *_ITEM_TEXTS)
        .order_by("-created_at", "-pk")[:shown]
    )
    visible_questions = Question.objects.visible_to(viewer).published()
    questions = (
        visible_questions.asked_by(user_id)
        .only("title", "slug", "helped_answer_id", "answer_count", "published_at")
        .order_by("-published_at", "-pk")[:shown]
    )
    # Only answers to questions this viewer may open, like comments.
    answers = (
        Answer.objects.shown()
        .filter(author=user_id)
        .filter(Exists(visible_questions.filter(pk=OuterRef("question_id"))))
        .annotate(helped=Exists(Question.objects.filter(helped_answer=OuterRef("pk"))))
        .select_related("question")
        .defer("body", "body_html", "question__body", "question__body_html")
        .order_by("-created_at", "-pk")[:shown]
    )
    # Profiles are for members, who may read every account of an item they may open;
    # checked per account (EXISTS), like comments.
    uptakes = (
        Uptake.objects.filter(author=user_id)
        .filter(Exists(visible_items.filter(pk=OuterRef("resource_id"))))
        .select_related("resource")
        .defer("what_happened", "what_to_change", *_ITEM_TEXTS)
        .order_by("-created_at", "-pk")[:shown]
    )
    value_stories = (
        ValueStory.objects.visible_to(viewer)
        .written_by(user_id)
        .only("title", "created_at")
        .newest_first()[:shown]
    )
    return {
        "attended_events": attended_events,
        "items": items,
        "comments": comments,
        "uptakes": uptakes,
        "questions": questions,
        "answers": answers,
        "value_stories": value_stories,
    }


def without_contributions_since(profiles: ProfileQuerySet, since: datetime) -> ProfileQuerySet:
    """The active members among `profiles`, approved before `since`, who contributed
    nothing after it (a contribution as dashboard/activity.py counts it).

    Members approved after `since` have not had the time yet and are left out.
    """
    return profiles.active().filter(approved_at__lt=since).filter(contributed_nothing(since))
