"""Restoring an earlier version is asked first: the restore button leads to a page that
shows what restoring changes and restores only on its own form's POST
(knowledge/version_views.py)."""

import re

import pytest
from django.urls import reverse

from knowledge import versions
from knowledge.models import ResourceStatus

from .factories import make_coordinator, make_item, make_member
from .helpers import is_login_redirect, text
from .test_tools_versions_pages import tool_in_two_versions

pytestmark = pytest.mark.django_db


@pytest.fixture
def item(writer):
    """The second version adds "Luister vooral goed." to the approach (`writer`: conftest)."""
    return tool_in_two_versions(writer)


def _restore_url(item, version):
    return reverse("knowledge:restore_version", args=[item.slug, version.history_id])


def test_the_version_page_links_to_the_question_instead_of_restoring(client, item, writer):
    first = versions.versions_of(item).last()
    client.force_login(writer)
    page = text(client.get(reverse("knowledge:version", args=[item.slug, first.history_id])))
    assert f'href="{_restore_url(item, first)}">Deze versie terugzetten</a>' in page
    assert f'action="{_restore_url(item, first)}"' not in page


@pytest.mark.parametrize("who", ["author", "coordinator"])
def test_the_question_shows_what_restoring_changes_and_changes_nothing_yet(
    client, item, writer, who
):
    first = versions.versions_of(item).last()
    client.force_login(writer if who == "author" else make_coordinator())

    response = client.get(_restore_url(item, first))

    page = text(response)
    assert "<h1>Versie 1 terugzetten?</h1>" in page
    assert "<del>Luister vooral goed.</del>" in page  # the words that go
    assert '<form method="post"' in page
    assert re.search(r"<button[^>]*>\s*Versie 1 terugzetten\s*</button>", page)
    assert versions.versions_of(item).count() == 2
    item.refresh_from_db()
    assert "Luister vooral goed." in item.sections["approach"]


def test_the_forms_post_restores(client, item, writer):
    first = versions.versions_of(item).last()
    client.force_login(writer)
    response = client.post(_restore_url(item, first))
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.sections["approach"] == "Praat met bewoners."
    assert versions.versions_of(item).count() == 3


def test_the_current_version_has_nothing_to_restore(client, item, writer):
    client.force_login(writer)
    page = text(client.get(_restore_url(item, versions.current_version(item))))
    assert "terugzetten verandert niets" in page
    assert '<form method="post"' not in page


def test_a_version_the_published_item_cannot_go_back_to_says_why_and_offers_no_button(
    client, writer
):
    tool = make_item("concept", writer, status=ResourceStatus.DRAFT, sections={"goal": "Doel."})
    tool.sections = {"goal": "Doel.", "target_group": "Bewoners.", "approach": "Bel aan."}
    tool.status = ResourceStatus.PUBLISHED
    tool.save()
    client.force_login(writer)
    page = text(client.get(_restore_url(tool, versions.versions_of(tool).last())))
    assert "kan niet worden teruggezet zolang het item gepubliceerd is" in page
    assert "Vul ‘Aanpak’ in" in page
    assert '<form method="post"' not in page


def test_only_authors_and_the_coordinator_are_asked(client, item):
    first = versions.versions_of(item).last()
    assert is_login_redirect(client.get(_restore_url(item, first)))
    client.force_login(make_member("ander@example.org"))
    assert client.get(_restore_url(item, first)).status_code == 404
