"""The demo's value stories (demo/stories/, value/demo.py): a dozen, by demo members about
the meetings they attended and the demo's tools, across the five cycles and the three
audiences; loading twice adds nothing."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from value.demo import demo_stories, load_stories
from value.models import Cycle, StoryAudience, ValueStory

from .helpers import text

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    call_command("load_demo", stdout=StringIO())


def test_fourteen_stories_across_the_cycles_and_audiences(demo):
    stories = list(ValueStory.objects.all())
    assert len(stories) == len(demo_stories()) == 14
    assert {story.audience for story in stories} == set(StoryAudience.values)
    for cycle in Cycle.values:
        assert ValueStory.objects.telling(cycle).exists(), cycle
    assert all(story.author is not None for story in stories)
    assert any(told.is_intended for story in stories for told in story.told_cycles())


def test_each_story_is_about_what_its_writer_took_part_in(demo):
    for story in ValueStory.objects.prefetch_related("events"):
        assert story.events.exists(), story.title
        for event in story.events.all():
            assert event.registrations.filter(user=story.author, attended=True).exists(), (
                story.title,
                event.slug,
            )
    assert ValueStory.objects.filter(resources__isnull=False).distinct().count() >= 8
    assert ValueStory.objects.filter(questions__isnull=False).distinct().count() >= 3


def test_loading_again_adds_nothing(demo):
    assert load_stories() == 0
    assert ValueStory.objects.count() == 14


def test_a_visitor_reads_the_public_demo_stories(demo, client):
    page = text(client.get(reverse("value:list")))
    public = ValueStory.objects.filter(audience=StoryAudience.PUBLIC)
    assert public.count() == 8
    for story in ValueStory.objects.all():
        assert (story.title in page) is (story.audience == StoryAudience.PUBLIC), story.title
