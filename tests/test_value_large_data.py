"""The value stories of `manage.py load_large_data` (value/large_data.py), at a small scale:
in proportion, within the rules (each tells a cycle, each told cycle marked), about past
events, published tools and cases and published questions."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from knowledge.models import ResourceKind, ResourceStatus
from questions.models import QuestionStatus
from value.large_data import STORIES_AT_FULL_SCALE
from value.models import StoryAudience, ValueStory

SCALE = 0.002


@pytest.fixture
def loaded(db):
    call_command("load_large_data", scale=SCALE, yes=True, stdout=StringIO())


def test_the_stories_are_in_proportion_and_keep_the_rules(loaded):
    stories = ValueStory.objects.prefetch_related("events", "resources", "questions")
    assert stories.count() == round(STORIES_AT_FULL_SCALE * SCALE)
    now = timezone.now()
    for story in stories:
        assert story.told_cycles() and story.author is not None
        assert story.audience in StoryAudience.values
        (event,) = story.events.all()
        assert event.end < now and story.created_at >= event.end
        assert all(
            r.kind in (ResourceKind.TOOL, ResourceKind.CASE)
            and r.status == ResourceStatus.PUBLISHED
            for r in story.resources.all()
        )
        assert all(q.status == QuestionStatus.PUBLISHED for q in story.questions.all())
        assert "{" not in story.title
