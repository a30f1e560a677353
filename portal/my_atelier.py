"""What "Mijn atelier" (/mijn/) shows an active member, in calm blocks: their next
registrations, what is new since their last visit in what they follow, open questions in
their expertise, their latest contributions and one suggestion of what to share.

Each block is a few lines and a link to its full list, so the page costs the same
number of queries, reading the same number of rows, however much there is.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from notifications.suggestion import suggestion_for
from questions.forms import OPEN
from questions.models import Question
from sessions_app.models import Registration

from . import contributions
from .last_visit import last_visit
from .unread_news import news_since

if TYPE_CHECKING:
    from members.models import User

REGISTRATIONS_SHOWN = 3
NEWS_SHOWN = 5
QUESTIONS_SHOWN = 3
CONTRIBUTIONS_SHOWN = 5
# The questions' list with the filters of the block: open, in my expertise.
OPEN_IN_MY_EXPERTISE = urlencode({"staat": OPEN, "expertise": "1"})


@dataclass(frozen=True)
class Contribution:
    """One line of "my latest contributions": what it was, its title and address."""

    when: datetime
    kind: str
    title: str
    address: str


def page_for(user: User, now: datetime | None = None) -> dict[str, Any]:
    """Every block of the page for `user`, an active member (or the coordinator)."""
    now = now or timezone.now()
    since = last_visit(user, now)
    return {
        "registrations": next_registrations(user, now),
        "last_visit": since,
        "news": news_since(user, since, NEWS_SHOWN),
        "questions": list(
            Question.objects.open_in_expertise_of(user)
            .only("title", "slug", "answer_count", "last_activity_at")
            .newest_activity_first()[:QUESTIONS_SHOWN]
        ),
        "questions_address": f"{reverse('questions:list')}?{OPEN_IN_MY_EXPERTISE}",
        "contributions": latest_contributions(user),
        "suggestion": suggestion_for(user, now),
    }


def next_registrations(user: User, now: datetime) -> list[Registration]:
    """The member's first REGISTRATIONS_SHOWN places (or places on a waiting list, with
    `waitlist_place`) for events that have not ended, soonest first."""
    return list(
        Registration.objects.filter(user=user.pk, event__end__gte=now)
        .active()
        .with_event_visibility(user)
        .with_waitlist_place()
        .select_related("event")
        .order_by("event__start", "pk")[:REGISTRATIONS_SHOWN]
    )


def latest_contributions(user: User) -> list[Contribution]:
    """The member's CONTRIBUTIONS_SHOWN newest contributions of every kind together
    (portal/contributions.py), newest first."""
    latest = contributions.latest_of(user.pk, user, CONTRIBUTIONS_SHOWN)
    lines = [
        *(
            Contribution(event.start, _("Attended"), event.title, event.get_absolute_url())
            for event in latest["attended_events"]
        ),
        *(
            Contribution(
                item.published_at or item.created_at,
                _("Shared"),
                item.title,
                item.get_absolute_url(),
            )
            for item in latest["items"]
        ),
        *(
            Contribution(
                comment.created_at,
                _("Commented"),
                comment.resource.title,
                f"{comment.resource.get_absolute_url()}#reactie-{comment.pk}",
            )
            for comment in latest["comments"]
        ),
        *(
            Contribution(
                uptake.created_at,
                _("Used in practice"),
                uptake.resource.title,
                uptake.get_absolute_url(),
            )
            for uptake in latest["uptakes"]
        ),
        *(
            Contribution(
                question.published_at, _("Asked"), question.title, question.get_absolute_url()
            )
            for question in latest["questions"]
        ),
        *(
            Contribution(
                answer.created_at,
                _("Answered"),
                answer.question.title,
                f"{answer.question.get_absolute_url()}#antwoord-{answer.pk}",
            )
            for answer in latest["answers"]
        ),
        *(
            Contribution(story.created_at, _("Value story"), story.title, story.get_absolute_url())
            for story in latest["value_stories"]
        ),
    ]
    return sorted(lines, key=lambda line: line.when, reverse=True)[:CONTRIBUTIONS_SHOWN]
