"""Publishing and unpublishing a library item at the function level (knowledge/publishing.py).

The writer's form, the item's page and the admin's actions are tested through their pages
in tests/test_library_editing.py and tests/test_library_admin.py.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from knowledge import publishing
from knowledge.models import Resource, ResourceStatus

from .factories import make_item

pytestmark = pytest.mark.django_db

DRAFT = ResourceStatus.DRAFT
PUBLISHED = ResourceStatus.PUBLISHED


def test_a_published_item_gets_its_publication_date_when_saved():
    item = make_item(status=DRAFT)
    assert item.published_at is None
    publishing.publish(item)
    item.save()
    item.refresh_from_db()
    assert item.is_published
    assert item.published_at is not None


def test_publishing_again_keeps_the_first_publication_date():
    first = timezone.now() - timedelta(days=30)
    item = make_item(status=PUBLISHED, published_at=first)
    publishing.unpublish(item)
    item.refresh_from_db()
    assert item.is_draft
    publishing.publish(item)
    item.save()
    item.refresh_from_db()
    assert item.published_at == first


def test_keep_as_draft_makes_a_new_item_a_draft_but_leaves_a_published_one_alone():
    new = Resource(status=PUBLISHED)
    publishing.keep_as_draft(new)
    assert new.is_draft
    published = make_item(status=PUBLISHED)
    publishing.keep_as_draft(published)
    assert published.is_published


def test_publish_all_publishes_only_drafts_and_dates_them_once():
    first = timezone.now() - timedelta(days=30)
    make_item("nieuw", status=DRAFT)
    make_item("eerder", status=DRAFT, published_at=first)
    make_item("al-gepubliceerd", status=PUBLISHED)
    assert publishing.publish_all(Resource.objects.all()).published == 2
    assert set(Resource.objects.values_list("status", flat=True)) == {PUBLISHED}
    assert Resource.objects.get(slug="eerder").published_at == first
    assert Resource.objects.get(slug="nieuw").published_at is not None


def test_unpublish_all_makes_published_items_drafts_and_counts_them():
    make_item("een", status=PUBLISHED)
    make_item("twee", status=PUBLISHED)
    make_item("concept", status=DRAFT)
    assert publishing.unpublish_all(Resource.objects.all()) == 2
    assert set(Resource.objects.values_list("status", flat=True)) == {DRAFT}


def test_members_only_is_a_question_the_item_answers():
    assert make_item("leden", status=DRAFT, visibility="members").is_members_only
    assert not make_item("iedereen", status=DRAFT, visibility="public").is_members_only
