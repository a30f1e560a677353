"""Versions and the publishing rule: a published tool does not go back to a version from
before its required sections were written, and the drafts before publication stay for
the authors' eyes (knowledge/versions.py, knowledge/publishing.py)."""

import pytest
from django.urls import reverse

from knowledge import versions
from knowledge.models import ResourceStatus

from .factories import make_item, make_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def writer(db):
    return make_member("noor@example.org", display_name="Noor Bakker")


@pytest.fixture
def published_tool(writer):
    """A tool begun as a draft with its goal only, then completed and published."""
    tool = make_item(
        "buurtgesprek",
        writer,
        status=ResourceStatus.DRAFT,
        sections={"goal": "Bewoners praten mee."},
    )
    tool.sections = {
        "goal": "Bewoners praten mee.",
        "target_group": "Bewoners van een straat.",
        "approach": "1. Bel aan.\n2. Luister.",
    }
    tool.status = ResourceStatus.PUBLISHED
    tool.save()
    return tool


def _restore(client, tool, version):
    url = reverse("knowledge:restore_version", args=[tool.slug, version.history_id])
    return client.post(url, follow=True)


def test_a_published_tool_does_not_go_back_to_an_incomplete_version(client, writer, published_tool):
    draft_version = versions.versions_of(published_tool).last()
    client.force_login(writer)

    response = _restore(client, published_tool, draft_version)

    published_tool.refresh_from_db()
    assert published_tool.sections["approach"] == "1. Bel aan.\n2. Luister."
    assert versions.versions_of(published_tool).count() == 2
    content = response.content.decode()
    assert "kan niet worden teruggezet zolang het item gepubliceerd is" in content
    assert "Vul ‘Aanpak’ in" in content


def test_a_draft_may_go_back_to_an_incomplete_version(client, writer, published_tool):
    draft_version = versions.versions_of(published_tool).last()
    published_tool.status = ResourceStatus.DRAFT
    published_tool.save()
    client.force_login(writer)

    _restore(client, published_tool, draft_version)

    published_tool.refresh_from_db()
    assert published_tool.sections == {"goal": "Bewoners praten mee."}


def test_other_members_see_only_the_published_versions(client, writer, published_tool):
    draft_version, published_version = versions.versions_of(published_tool).reverse()
    client.force_login(make_member("lezer@example.org"))

    listed = client.get(reverse("knowledge:versions", args=[published_tool.slug]))
    draft_page = client.get(
        reverse("knowledge:version", args=[published_tool.slug, draft_version.history_id])
    )
    published_page = client.get(
        reverse("knowledge:version", args=[published_tool.slug, published_version.history_id])
    )

    assert [line.version_id for line in listed.context["lines"]] == [published_version.history_id]
    assert draft_page.status_code == 404
    # Nor does the first published version show the draft's words as removed.
    assert published_page.context["previous"] is None
    assert "Dit is de eerste versie." in published_page.content.decode()


def test_the_authors_see_the_draft_versions_too(client, writer, published_tool):
    client.force_login(writer)
    listed = client.get(reverse("knowledge:versions", args=[published_tool.slug]))
    assert len(listed.context["lines"]) == 2
