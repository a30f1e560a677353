"""Versions in the large data set (knowledge/large_versions.py), here at a small scale."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from knowledge import versions
from knowledge.models import Resource

from .factories import make_coordinator

pytestmark = pytest.mark.django_db


def test_every_item_has_its_current_version_and_some_have_earlier_ones(client):
    call_command("load_large_data", scale=0.01, yes=True, stdout=StringIO())
    items = list(Resource.objects.all())
    with_history = 0
    for item in items:
        newest, *earlier = versions.versions_of(item)
        assert (newest.body, newest.body_html, newest.title) == (
            item.body,
            item.body_html,
            item.title,
        )
        assert newest.history_user_id == item.created_by_id
        for version in earlier:
            assert item.body.startswith(version.body) and version.body != item.body
            assert version.history_date <= newest.history_date
        with_history += bool(earlier)
    assert 0.15 * len(items) < with_history < 0.6 * len(items)

    # The large data's earlier versions differ in the one text: an item without sections,
    # whose difference shows it (whichever item the database lists first).
    item = next(
        item for item in items if not item.has_sections and versions.versions_of(item).count() > 1
    )
    client.force_login(make_coordinator())
    response = client.get(reverse("knowledge:version", args=[item.slug, newest_id(item)]))
    assert response.status_code == 200 and "<ins>" in response.content.decode()


def newest_id(item):
    return versions.current_version(item).history_id
