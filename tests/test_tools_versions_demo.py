"""The demo's version histories (knowledge/demo_versions.py, demo/library/versions/)."""

from io import StringIO

import pytest
from django.core.management import call_command

from knowledge import versions
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

    call_command("load_demo", stdout=StringIO())
    assert versions.versions_of(tool).count() == 3
