"""What links a value story to the agenda, the library and the questions, as each reader
may see it: the story's page shows what it is about, and the pages of those meetings,
items and questions show the stories about them (title and link only)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from knowledge.item_links import Link, LinkGroup
from knowledge.models import Resource
from questions.models import Question
from sessions_app.models import Event, Registration

from . import stories
from .models import ValueStory, ValueStoryQuerySet

if TYPE_CHECKING:
    from members.access import AnyUser

# Stories shown on a meeting's, item's or question's page; more are a link to the list.
SHOWN_ON_PAGES = 10


@dataclass(frozen=True)
class StoryLinks:
    """What a story's page shows it is about, for one reader."""

    meetings: list[Event]
    resources: list[Resource]
    questions: list[Question]

    def __bool__(self) -> bool:
        return bool(self.meetings or self.resources or self.questions)


def about(story: ValueStory, reader: AnyUser) -> StoryLinks:
    """The meetings, tools and cases and questions of `story` that `reader` may open
    (three queries, however many there are)."""
    return StoryLinks(
        list(
            Event.objects.visible_to(reader)
            .filter(value_stories=story)
            .only("title", "slug", "start")
            .order_by("start", "pk")
        ),
        list(
            Resource.objects.visible_to(reader)
            .filter(value_stories=story)
            .only("title", "slug", "kind")
            .order_by("title", "pk")
        ),
        list(
            Question.objects.visible_to(reader)
            .filter(value_stories=story)
            .only("title", "slug")
            .order_by("title", "pk")
        ),
    )


def _story_links(stories: ValueStoryQuerySet, more_url: str | None = None) -> list[Link]:
    """Links to the newest SHOWN_ON_PAGES stories, and to `more_url` (the list, filtered)
    when there are more (one query)."""
    shown = list(stories.newest_first().only("title")[: SHOWN_ON_PAGES + 1])
    links = [Link(story.title, story.get_absolute_url()) for story in shown[:SHOWN_ON_PAGES]]
    if more_url and len(shown) > SHOWN_ON_PAGES:
        links.append(Link(_("All value stories about this"), more_url))
    return links


def _list_url(**filters: str) -> str:
    return f"{reverse('value:list')}?{urlencode(filters)}"


def story_form_address(event: Event) -> str:
    """The value-story form, filled in with `event` (`?bijeenkomst=<slug>`)."""
    return f"{reverse('value:create')}?{urlencode({'bijeenkomst': event.slug})}"


def story_form_for(event: Event, registration: Registration | None, reader: AnyUser) -> str:
    """For an event's page: the filled-in form's address when `reader` attended `event`
    (their `registration` says so) and may write stories; else ""."""
    if registration is None or not registration.attended or not stories.may_write(reader):
        return ""
    return story_form_address(event)


def stories_about_event(event: Event, reader: AnyUser) -> list[Link]:
    """For an event's page: the stories about it that `reader` may read."""
    stories = ValueStory.objects.visible_to(reader).about_event(event)
    return _story_links(stories, _list_url(bijeenkomst=event.slug))


def item_links(resource: Resource, reader: AnyUser) -> list[LinkGroup]:
    """For the library's item page (knowledge/item_links.py): the stories about it."""
    stories = ValueStory.objects.visible_to(reader).about_resource(resource)
    return [LinkGroup(_("Value stories"), _story_links(stories, _list_url(werkvorm=resource.slug)))]


def question_links(question: Question, reader: AnyUser) -> list[LinkGroup]:
    """For a question's page (questions/page_links.py): the stories about it."""
    stories = ValueStory.objects.visible_to(reader).about_question(question)
    return [LinkGroup(_("Value stories"), _story_links(stories))]
