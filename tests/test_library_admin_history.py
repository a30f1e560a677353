"""The admin's "Geschiedenis" page of a library item lists its versions as the site numbers
them, each opening on the site's version page, where restoring goes by the site's rules;
the admin's own revert form is not offered (knowledge/admin.py)."""

import pytest
from django.urls import reverse

from knowledge import versions

from .factories import make_item
from .helpers import text

pytestmark = pytest.mark.django_db


@pytest.fixture
def item(writer):
    item = make_item("buurtgesprek", writer, title="Het buurtgesprek")
    item._history_user = writer
    item.sections = {**item.sections, "approach": "Praat met bewoners. Luister."}
    item.save()
    versions.restore(item, versions.versions_of(item).last(), writer)
    return item


def history_url(item) -> str:
    return reverse("admin:knowledge_resource_history", args=[item.pk])


def test_the_history_page_lists_the_versions_newest_first(admin_client, item):
    page = text(admin_client.get(history_url(item)))
    restored, edited, first = versions.versions_of(item)
    links = [
        reverse("knowledge:version", args=[item.slug, version.history_id])
        for version in (restored, edited, first)
    ]
    positions = [page.index(f'<a href="{link}">') for link in links]
    assert positions == sorted(positions)
    for number in (3, 2, 1):
        assert f"Versie {number}" in page
    assert "Noor Bakker" in page
    assert "eerdere versie teruggezet" in page


def test_a_version_opens_on_the_site_instead_of_the_admins_revert_form(admin_client, item):
    first = versions.versions_of(item).last()
    url = reverse("admin:knowledge_resource_simple_history", args=[item.pk, first.history_id])
    for response in (admin_client.get(url), admin_client.post(url, {"title": "Overschreven"})):
        assert response.status_code == 302
        assert response.url == reverse("knowledge:version", args=[item.slug, first.history_id])
    item.refresh_from_db()
    assert item.title == "Het buurtgesprek"


def test_another_items_version_is_not_found_under_this_item(admin_client, item, writer):
    other = make_item("ander-stuk", writer)
    elsewhere = versions.current_version(other)
    url = reverse("admin:knowledge_resource_simple_history", args=[item.pk, elsewhere.history_id])
    assert admin_client.get(url).status_code == 404


def test_members_do_not_reach_the_history(client, item, writer):
    client.force_login(writer)
    response = client.get(history_url(item))
    assert response.status_code == 302 and "/admin/login/" in response.url
