"""Who reads a value story: the audience its author chose (docs/design.md). "coordinator":
the coordinator and the author; "members": members too; "public": everyone. Checked for the
six roles on every page that shows stories: /opbrengst/, the story's page, and the pages
of the meeting, the tool and the question it is about."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from knowledge.models import Visibility
from sessions_app.models import EventKind
from value.models import StoryAudience, ValueStory

from .factories import (
    ROLES,
    make_event,
    make_item,
    make_member,
    make_question,
    make_role,
    make_story,
)
from .helpers import login, text

pytestmark = pytest.mark.django_db

T, F = True, False
# audience: (visitor, applicant, m:public_events, m:online, m:meetings, coordinator)
READERS = {
    StoryAudience.PUBLIC: (T, T, T, T, T, T),
    StoryAudience.MEMBERS: (F, F, T, T, T, T),
    StoryAudience.COORDINATOR: (F, F, F, F, F, T),
}
CELLS = [
    pytest.param(audience, role, expected, id=f"{audience}-{role}")
    for audience, row in READERS.items()
    for role, expected in zip(ROLES, row, strict=True)
]


@pytest.fixture
def story_about():
    """A public event, a public tool and a public question, which every role may open."""
    writer = make_member("schrijver@example.org", display_name="Sanne Schrijver")
    return {
        "writer": writer,
        "event": make_event("open-middag", kind=EventKind.PUBLIC, days_ahead=-30),
        "tool": make_item("het-buurtgesprek", writer),
        "question": make_question(writer, slug="open-vraag", visibility=Visibility.PUBLIC),
    }


def the_story(story_about, audience) -> ValueStory:
    about = (story_about["event"], story_about["tool"], story_about["question"])
    return make_story(story_about["writer"], audience, about, title="Een verhaal om te lezen")


def pages(story_about) -> dict[str, str]:
    return {
        "list": reverse("value:list"),
        "event": story_about["event"].get_absolute_url(),
        "tool": story_about["tool"].get_absolute_url(),
        "question": story_about["question"].get_absolute_url(),
    }


@pytest.mark.parametrize(("audience", "role", "expected"), CELLS)
def test_the_audience_decides_who_reads_the_story_everywhere(
    client, story_about, audience, role, expected
):
    story = the_story(story_about, audience)
    login(client, make_role(role))

    page = client.get(story.get_absolute_url())
    assert page.status_code == (200 if expected else 404)
    for name, address in pages(story_about).items():
        response = client.get(address)
        assert response.status_code == 200, name
        shown = story.title in text(response)
        assert shown is expected, f"{name}: the story {'missing' if expected else 'shown'}"
        assert (story.get_absolute_url() in response.content.decode()) is expected, name


@pytest.mark.parametrize("audience", StoryAudience.values)
def test_the_author_always_reads_their_own_story(client, story_about, audience):
    story = the_story(story_about, audience)
    client.force_login(story_about["writer"])

    assert client.get(story.get_absolute_url()).status_code == 200
    assert story.title in text(client.get(reverse("value:list")))


def test_visible_to_follows_the_table_for_every_role(story_about):
    stories = {audience: the_story(story_about, audience) for audience in StoryAudience.values}
    for index, role in enumerate(ROLES):
        reader = make_role(role)
        seen = set(ValueStory.objects.visible_to(reader or AnonymousUser()))
        expected = {stories[a] for a, row in READERS.items() if row[index]}
        assert seen == expected, role


def test_a_public_story_does_not_reveal_the_members_meeting_it_is_about(client, story_about):
    meeting = make_event("ledenbijeenkomst", kind=EventKind.MEETING, title="Geheim overleg")
    members_tool = make_item("ledenwerkvorm", title="Besloten werkvorm", visibility="members")
    story = make_story(story_about["writer"], StoryAudience.PUBLIC, (meeting, members_tool))

    page = text(client.get(story.get_absolute_url()))
    assert story.title in page
    assert "Geheim overleg" not in page
    assert "Besloten werkvorm" not in page

    client.force_login(make_member("lid@example.org"))
    page = text(client.get(story.get_absolute_url()))
    assert "Geheim overleg" in page
    assert "Besloten werkvorm" in page


def test_a_story_of_a_former_member_says_so(client, story_about):
    story = make_story(None, StoryAudience.PUBLIC, title="Zonder naam")

    assert "voormalig lid" in text(client.get(story.get_absolute_url()))
