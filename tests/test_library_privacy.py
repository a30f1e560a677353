"""One's library items and comments in the data export, and what deleting an account does to
them.
"""

import json
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from knowledge.models import Attachment, Comment, Resource, ResourceStatus
from portal import privacy

from .factories import PASSWORD, make_attachment, make_comment, make_member, make_resource

pytestmark = pytest.mark.django_db


def test_the_data_export_includes_library_items_and_comments(client, writer):
    resource = make_resource("Mijn stuk", writer, tags=["buurt"])
    make_resource("Mijn concept", writer, status=ResourceStatus.DRAFT)
    make_resource("Van een ander", make_member("ander@example.org"))
    make_comment(resource=resource, author=writer, body="Mijn reactie")
    client.force_login(writer)
    data = json.loads(client.get(reverse("members:export")).content)
    assert [item["title"] for item in data["library_items"]] == ["Mijn stuk", "Mijn concept"]
    assert data["library_items"][0]["tags"] == ["buurt"]
    assert data["library_items"][1]["status"] == "draft"
    assert data["comments"] == [
        {
            "on": "Mijn stuk",
            "body": "Mijn reactie",
            "written_at": Comment.objects.get().created_at.isoformat(),
            "hidden": False,
        }
    ]


def _delete_account(client, user, remove_items: bool, capture):
    client.force_login(user)
    data = {"password": PASSWORD}
    if remove_items:
        data["remove_items"] = "on"
    with capture(execute=True):
        response = client.post(reverse("members:delete_account"), data)
    assert response.status_code == 302


def _authorship_world(writer):
    coauthor = make_member("ans@example.org", display_name="Ans de Vries")
    reader = make_member("lezer@example.org", display_name="Lezer")
    alone = make_resource("Alleen geschreven", writer)
    together = make_resource("Samen geschreven", writer, coauthors=[coauthor])
    draft = make_resource("Mijn concept", writer, status=ResourceStatus.DRAFT)
    shared_draft = make_resource(
        "Gedeeld concept", writer, coauthors=[coauthor], status=ResourceStatus.DRAFT
    )
    files = {
        name: Path(settings.MEDIA_ROOT) / make_attachment(item).file.name
        for name, item in [("alone", alone), ("together", together), ("draft", draft)]
    }
    make_comment(resource=together, author=writer, body="Van de schrijver")
    make_comment(resource=alone, author=reader, body="Van een lezer")
    make_comment(resource=together, author=reader, body="Lezer bij samen")
    return coauthor, reader, alone, together, draft, shared_draft, files


def test_deleting_an_account_keeps_published_items_as_former_member(
    client, writer, django_capture_on_commit_callbacks
):
    coauthor, reader, alone, together, draft, shared_draft, files = _authorship_world(writer)
    _delete_account(client, writer, False, django_capture_on_commit_callbacks)

    alone.refresh_from_db()
    assert list(alone.authors.all()) == [] and alone.created_by is None
    assert alone.author_names() == ["voormalig lid"]
    client.logout()
    assert "voormalig lid" in client.get(alone.get_absolute_url()).content.decode()
    assert files["alone"].exists()

    assert list(Resource.objects.get(pk=together.pk).authors.all()) == [coauthor]
    assert list(Resource.objects.get(pk=shared_draft.pk).authors.all()) == [coauthor]
    assert files["together"].exists()

    assert not Resource.objects.filter(pk=draft.pk).exists()
    assert not files["draft"].exists()

    assert not Comment.objects.filter(body="Van de schrijver").exists()
    # Other members' comments stay with the items that stay.
    assert set(Comment.objects.values_list("body", flat=True)) == {
        "Van een lezer",
        "Lezer bij samen",
    }


def test_deleting_an_account_with_remove_items_removes_the_sole_author_items(
    client, writer, django_capture_on_commit_callbacks
):
    coauthor, reader, alone, together, draft, shared_draft, files = _authorship_world(writer)
    _delete_account(client, writer, True, django_capture_on_commit_callbacks)

    assert not Resource.objects.filter(pk__in=[alone.pk, draft.pk]).exists()
    assert not files["alone"].exists() and not files["draft"].exists()
    assert Attachment.objects.filter(resource=together).exists()
    assert files["together"].exists()
    assert list(Resource.objects.get(pk=together.pk).authors.all()) == [coauthor]
    assert Resource.objects.filter(pk=shared_draft.pk).exists()
    # Other members' comments on the removed items go with them (the item is gone);
    # their comments on items that stay are kept.
    assert list(Comment.objects.values_list("body", flat=True)) == ["Lezer bij samen"]


def test_erase_member_leaves_other_members_items_alone(writer):
    other = make_member("ander@example.org")
    theirs = make_resource("Van een ander", other)
    theirs_draft = make_resource("Concept van een ander", other, status=ResourceStatus.DRAFT)
    privacy.erase_member(writer, remove_items=True)
    assert Resource.objects.filter(pk__in=[theirs.pk, theirs_draft.pk]).count() == 2
