"""The demo's version histories (knowledge/demo_versions.py, demo/library/versions/)."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from knowledge import versions
from knowledge.demo_versions import version_moments
from knowledge.models import Resource

pytestmark = pytest.mark.django_db


def test_the_demo_gives_two_tools_a_history_and_every_item_a_version(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    call_command("load_demo", stdout=StringIO())
    tool = Resource.objects.get(slug="signalenkaart")
    newest, middle, first = versions.versions_of(tool)
    assert (newest.summary, newest.body) == (tool.summary, tool.body)
    assert first.history_date < middle.history_date < newest.history_date
    assert versions.author_name(first) == "Sanne Hendriks"
    assert versions.author_name(newest) == "Ramon Brouwers"
    assert versions.changes(middle, newest)  # each a real change
    assert versions.versions_of(Resource.objects.get(slug="portiekgesprekken")).count() == 2
    for item in Resource.objects.all():
        assert versions.current_version(item) is not None, item.slug
    for item in Resource.objects.filter(slug__in=["signalenkaart", "portiekgesprekken"]):
        history = list(versions.versions_of(item))
        # Each version after the item was published, the newest when it last changed.
        assert all(version.history_date >= item.published_at for version in history)
        assert all(version.history_date >= item.created_at for version in history)
        assert history[0].history_date == item.updated_at, item.slug

    call_command("load_demo", stdout=StringIO())
    assert versions.versions_of(tool).count() == 3


def test_no_version_is_dated_before_the_item_was_published():
    now = timezone.now()
    published = now - timedelta(days=30)
    item = Resource(published_at=published, created_at=published - timedelta(days=2))
    assert version_moments(item, [95, 40, 20, 10], now) == [
        published,
        published + timedelta(hours=1),
        now - timedelta(days=20),
        now - timedelta(days=10),
    ]
