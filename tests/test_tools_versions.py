"""Every saved change of an item is a version, with who and when (knowledge/item_history.py),
whichever way it was saved; a save that changes nothing makes none; the first versions of
items from before versions were kept (migration 0008)."""

from datetime import timedelta
from importlib import import_module

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import timezone

from knowledge import publishing, versions
from knowledge.models import Resource, ResourceStatus

from .factories import make_coordinator, make_item, make_member
from .helpers import admin_item_data, resource_data

pytestmark = pytest.mark.django_db

HistoricalResource = Resource.history.model


def test_the_writers_form_makes_a_version_for_each_saved_change(client):
    writer = make_member("noor@example.org", display_name="Noor Bakker")
    client.force_login(writer)
    client.post(reverse("knowledge:create"), {**resource_data(), "publish": "1"})
    item = Resource.objects.get()
    edited = resource_data(summary="Een werkvorm om met bewoners en collega's te praten.")
    client.post(reverse("knowledge:edit", args=[item.slug]), {**edited, "publish": "1"})

    newest, first = versions.versions_of(item)
    assert (first.summary, newest.summary) == (resource_data()["summary"], edited["summary"])
    assert newest.history_user == first.history_user == writer
    assert versions.author_name(newest) == "Noor Bakker"
    assert timezone.now() - newest.history_date < timedelta(minutes=1)
    assert first.history_date <= newest.history_date


def test_saving_the_same_text_again_makes_no_version(client):
    writer = make_member("noor@example.org")
    client.force_login(writer)
    client.post(reverse("knowledge:create"), {**resource_data(), "publish": "1"})
    item = Resource.objects.get()
    for _ in range(2):
        client.post(
            reverse("knowledge:edit", args=[item.slug]), {**resource_data(), "publish": "1"}
        )
    assert versions.versions_of(item).count() == 1


def test_bookkeeping_makes_no_version_but_publishing_does():
    item = make_item("werkvorm", status=ResourceStatus.DRAFT)
    item.published_at = timezone.now() - timedelta(days=3)  # the first publication date
    item.save()
    item.body_html = "<p>Opnieuw weergegeven.</p>"  # save() renders it again anyway
    item.save()
    assert versions.versions_of(item).count() == 1

    publishing.publish(item)
    item.save()
    publishing.unpublish(item)
    newest, published, first = versions.versions_of(item)
    assert (first.status, published.status, newest.status) == ("draft", "published", "draft")


def test_the_admin_change_form_makes_a_version_by_the_coordinator(client):
    coordinator = make_coordinator()
    item = make_item("werkvorm", title="Het buurtgesprek")
    client.force_login(coordinator)
    data = admin_item_data(item, title="Het buurtgesprek in de wijk")
    response = client.post(reverse("admin:knowledge_resource_change", args=[item.pk]), data)
    assert response.status_code == 302
    newest = versions.current_version(item)
    assert newest.title == "Het buurtgesprek in de wijk"
    assert newest.history_user == coordinator
    assert versions.author_name(newest) == "de coördinator"


def test_the_admins_bulk_unpublishing_makes_a_version_of_each(client):
    client.force_login(make_coordinator())
    items = [make_item(f"werkvorm-{n}") for n in range(2)]
    client.post(
        reverse("admin:knowledge_resource_changelist"),
        {"action": "unpublish", "_selected_action": [item.pk for item in items]},
    )
    for item in items:
        assert versions.current_version(item).status == ResourceStatus.DRAFT
        assert versions.versions_of(item).count() == 2


def test_a_version_of_a_deleted_account_is_by_a_former_member():
    writer = make_member("weg@example.org")
    item = make_item("werkvorm", writer)
    item._history_user = writer
    item.summary = "Nieuw."
    item.save()
    writer.delete()
    assert versions.author_name(versions.current_version(item)) == "voormalig lid"


def test_deleting_an_item_deletes_its_versions():
    item = make_item("werkvorm")
    item.delete()
    assert not HistoricalResource.objects.exists()


def test_the_migration_gives_every_item_without_versions_a_first_one():
    writer = make_member("noor@example.org")
    old = make_item("oud", writer)
    HistoricalResource.objects.filter(id=old.pk).delete()  # from before versions were kept
    kept = make_item("bewaard", writer)
    migration = import_module("knowledge.migrations.0008_first_versions")

    migration.first_versions(apps, None)

    first = versions.current_version(old)
    assert (first.title, first.body_html, first.history_user) == (old.title, old.body_html, writer)
    assert first.history_date == Resource.objects.get(pk=old.pk).updated_at
    assert versions.versions_of(kept).count() == 1
