"""One friendly suggestion of what a member could share: the give-and-take condition
(everyone shares, not only takes) as an invitation rather than a rule.

The first that applies, most personal first:

1. a meeting they attended in the last STORY_WEEKS weeks without a value story of
   theirs about it: "what did it bring you?";
2. a tool or case they used (named in a value story of theirs, or made at a meeting
   they attended) without an account of using it;
3. an open question in their expertise that they have not answered;
4. otherwise: write down a tool or a practice case.

"Mijn atelier" shows it, and the digest can too: it lives here, the lowest layer that
both reach and that sees the agenda, the library, the questions and the value stories.
Each step costs one query.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from knowledge.models import Resource, Uptake
from questions.models import Answer, Question
from sessions_app.models import Event, Registration
from value.links import story_form_address
from value.models import ValueStory

if TYPE_CHECKING:
    from members.models import User

STORY_WEEKS = 8


@dataclass(frozen=True)
class Suggestion:
    """What to share (`text`), and the link that starts it."""

    text: str
    link_text: str
    address: str


def suggestion_for(user: User, now: datetime | None = None) -> Suggestion:
    """The one suggestion for `user`, an active member (see the module's order)."""
    now = now or timezone.now()
    return (
        _story_about_a_meeting(user, now)
        or _account_of_a_tool(user)
        or _answer_to_a_question(user)
        or Suggestion(
            _("What works in your practice is worth sharing: a tool, a way of working or a case."),
            _("Share a tool or practice case"),
            reverse("knowledge:create"),
        )
    )


def _story_about_a_meeting(user: User, now: datetime) -> Suggestion | None:
    attended = Registration.objects.filter(user=user.pk, attended=True).values("event_id")
    told = ValueStory.events.through.objects.filter(
        event=OuterRef("pk"), valuestory__author=user.pk
    )
    meeting = (
        Event.objects.visible_to(user)
        .filter(pk__in=attended, start__gte=now - timedelta(weeks=STORY_WEEKS), end__lte=now)
        .exclude(Exists(told))
        .only("title", "slug")
        .order_by("-start", "-pk")
        .first()
    )
    if meeting is None:
        return None
    return Suggestion(
        _("You were at “%(title)s”. What did it bring you? A few sentences help others see it.")
        % {"title": meeting.title},
        _("Write a value story"),
        story_form_address(meeting),
    )


def _account_of_a_tool(user: User) -> Suggestion | None:
    in_own_story = ValueStory.resources.through.objects.filter(valuestory__author=user.pk)
    attended = Registration.objects.filter(user=user.pk, attended=True).values("event_id")
    # The member's few candidates first, as one list: as two conditions joined by OR,
    # PostgreSQL read the library newest first until one matched (0.14 s at ten times the
    # large data set).
    worked_with = (
        in_own_story.order_by()
        .values_list("resource_id")
        .union(Resource.objects.filter(event__in=attended).order_by().values_list("pk"))
    )
    tool = (
        Resource.objects.visible_to(user)
        .published()
        .tools_and_cases()
        .filter(pk__in=worked_with)
        .exclude(Exists(Uptake.objects.filter(resource=OuterRef("pk"), author=user.pk)))
        .exclude(pk__in=Resource.objects.authored_by(user).values("pk"))
        .only("title", "slug")
        .newest_first()
        .first()
    )
    if tool is None:
        return None
    return Suggestion(
        _("You worked with “%(title)s”. How did it go in your practice?") % {"title": tool.title},
        _("Tell how you used it"),
        reverse("knowledge:record_uptake", args=[tool.slug]),
    )


def _answer_to_a_question(user: User) -> Suggestion | None:
    answered = Answer.objects.filter(question=OuterRef("pk"), author=user.pk)
    question = (
        Question.objects.open_in_expertise_of(user)
        .exclude(Exists(answered))
        .only("title", "slug")
        .newest_activity_first()
        .first()
    )
    if question is None:
        return None
    return Suggestion(
        _("“%(title)s” is waiting for an answer, and it is in your expertise.")
        % {"title": question.title},
        _("Answer the question"),
        question.get_absolute_url(),
    )
