"""Attachments of library items: upload, storage, who may download, removal and the files left
behind.

What a file is and whether it is accepted: tests/test_attachment_*.py.
"""

import contextlib
import io
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse
from PIL import Image

from knowledge.models import Attachment, Resource, ResourceStatus, Visibility

from .factories import (
    PDF_BYTES,
    make_attachment,
    make_coordinator,
    make_member,
    make_resource,
    make_role,
)
from .helpers import (
    MEMBER_ROLES,
    NON_MEMBER_ROLES,
    is_login_redirect,
    login,
    media_files,
    pdf_upload,
    resource_data,
)

pytestmark = pytest.mark.django_db


def test_a_pdf_attachment_is_stored_under_a_random_name_and_served_as_a_download(client, writer):
    client.force_login(writer)
    client.post(
        reverse("knowledge:create"),
        {**resource_data(visibility="members", publish="1"), "attachment": pdf_upload()},
    )
    resource = Resource.objects.get()
    attachment = resource.attachments.get()
    assert re.fullmatch(r"attachments/[0-9a-f]{32}\.pdf", attachment.file.name)
    assert "wijkavond" not in attachment.file.name.lower()
    assert (Path(settings.MEDIA_ROOT) / attachment.file.name).read_bytes() == PDF_BYTES
    assert attachment.download_name == "Verslag wijkavond.pdf"
    assert attachment.size == len(PDF_BYTES)
    assert attachment.content_type == "application/pdf"

    url = reverse(
        "knowledge:attachment", args=[resource.slug, attachment.pk, attachment.download_name]
    )
    assert attachment.get_absolute_url() == url
    assert url in client.get(resource.get_absolute_url()).content.decode()
    client.force_login(make_member("lezer@example.org"))
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="Verslag wijkavond.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "private" in response["Cache-Control"]
    assert b"".join(response.streaming_content) == PDF_BYTES


def test_an_attachment_of_a_public_item_is_served_to_a_visitor(client, writer):
    resource = make_resource("Openbaar", writer)
    attachment = make_attachment(resource)
    response = client.get(attachment.get_absolute_url())
    assert response["Cache-Control"] == "private, no-cache"  # no proxy keeps it
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"


@pytest.mark.parametrize("role", NON_MEMBER_ROLES)
def test_a_members_only_attachment_is_not_found_whatever_the_address(client, writer, role):
    secret = make_resource("Ledenstuk", writer, visibility=Visibility.MEMBERS)
    public = make_resource("Openbaar", writer)
    attachment = make_attachment(secret, "geheim.pdf")
    make_attachment(public, "openbaar.pdf")
    login(client, make_role(role))
    name = attachment.download_name
    for args in [
        (secret.slug, attachment.pk, name),  # the real address
        ("bestaat-niet", attachment.pk, name),  # a wrong slug, the right pk
        (public.slug, attachment.pk, name),  # a slug they may see, another item's pk
        (public.slug, attachment.pk, "openbaar.pdf"),
    ]:
        response = client.get(reverse("knowledge:attachment", args=args))
        assert response.status_code == 404, args


@pytest.mark.parametrize("role", MEMBER_ROLES + ["coordinator"])
def test_members_download_a_members_only_attachment(client, writer, role):
    secret = make_resource("Ledenstuk", writer, visibility=Visibility.MEMBERS)
    attachment = make_attachment(secret)
    login(client, make_role(role))
    assert client.get(attachment.get_absolute_url()).status_code == 200


def test_an_attachment_is_only_served_under_its_own_item(client, writer):
    first = make_resource("Eerste", writer)
    second = make_resource("Tweede", writer, visibility=Visibility.MEMBERS)
    attachment = make_attachment(second)
    client.force_login(make_member("lezer@example.org"))
    url = reverse("knowledge:attachment", args=[first.slug, attachment.pk, "verslag.pdf"])
    assert client.get(url).status_code == 404
    assert client.get(attachment.get_absolute_url()).status_code == 200


def test_an_image_attachment_is_served_as_an_image(client, writer):
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "teal").save(buffer, format="PNG")
    client.force_login(writer)
    client.post(
        reverse("knowledge:create"),
        {
            **resource_data(publish="1"),
            "attachment": SimpleUploadedFile("Foto wijk.png", buffer.getvalue(), "image/png"),
        },
    )
    attachment = Attachment.objects.get()
    assert re.fullmatch(r"attachments/[0-9a-f]{32}\.png", attachment.file.name)
    response = client.get(attachment.get_absolute_url())
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"] == 'attachment; filename="Foto wijk.png"'


def test_an_attachment_over_20_mb_is_refused_and_nothing_saved(client, writer):
    client.force_login(writer)
    data = PDF_BYTES + b"0" * (20 * 1024 * 1024 + 1 - len(PDF_BYTES))
    response = client.post(
        reverse("knowledge:create"),
        {**resource_data(publish="1"), "attachment": pdf_upload("groot.pdf", data)},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["attachment"] == [
        "Het bestand is groter dan 20 MB. Kies een kleiner bestand."
    ]
    assert Resource.objects.count() == 0 and media_files() == []


def test_an_attachment_of_a_draft_is_only_for_its_authors_and_the_coordinator(client, writer):
    draft = make_resource("Concept", writer, status=ResourceStatus.DRAFT)
    attachment = make_attachment(draft)
    client.force_login(make_member("ander@example.org"))
    assert client.get(attachment.get_absolute_url()).status_code == 404
    client.force_login(writer)
    assert client.get(attachment.get_absolute_url()).status_code == 200
    client.force_login(make_coordinator())
    assert client.get(attachment.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("button", ["publish", "draft", "preview"])
def test_a_lying_file_is_refused_and_nothing_is_saved(client, writer, button):
    client.force_login(writer)
    html = b"<!doctype html><html><body><script>alert(1)</script></body></html>"
    response = client.post(
        reverse("knowledge:create"),
        {**resource_data(**{button: "1"}), "attachment": pdf_upload("verslag.pdf", html)},
    )
    assert response.status_code == 200
    errors = response.context["form"].errors["attachment"]
    assert errors and errors[0].startswith("Dit soort bestand kan niet.")
    assert Resource.objects.count() == 0
    assert Attachment.objects.count() == 0
    assert media_files() == []


def test_an_attachment_added_on_edit_is_kept_with_the_item(client, writer):
    resource = make_resource("Het stuk", writer)
    client.force_login(writer)
    client.post(
        reverse("knowledge:edit", args=[resource.slug]),
        {**resource_data(publish="1"), "attachment": pdf_upload("bijlage.pdf")},
    )
    assert resource.attachments.get().download_name == "bijlage.pdf"


def test_an_author_removes_an_attachment_and_its_file(
    client, writer, django_capture_on_commit_callbacks
):
    resource = make_resource("Het stuk", writer)
    attachment = make_attachment(resource)
    path = Path(settings.MEDIA_ROOT) / attachment.file.name
    assert path.exists()
    client.force_login(writer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("knowledge:delete_attachment", args=[resource.slug, attachment.pk])
        )
    assert response.status_code == 302
    assert not Attachment.objects.exists()
    assert not path.exists()


def test_deleting_an_attachment_row_removes_its_file_once_committed(
    writer, django_capture_on_commit_callbacks
):
    attachment = make_attachment(make_resource("Het stuk", writer))
    path = Path(settings.MEDIA_ROOT) / attachment.file.name
    with django_capture_on_commit_callbacks() as callbacks:
        Attachment.objects.filter(pk=attachment.pk).delete()
    assert path.exists()  # a reader may still be served it until the deletion is final
    for callback in callbacks:
        callback()
    assert not path.exists()


def test_a_deletion_that_is_rolled_back_keeps_the_file(writer, django_capture_on_commit_callbacks):
    attachment = make_attachment(make_resource("Het stuk", writer))
    path = Path(settings.MEDIA_ROOT) / attachment.file.name
    with (
        django_capture_on_commit_callbacks(execute=True),
        contextlib.suppress(RuntimeError),
        transaction.atomic(),
    ):
        attachment.delete()
        raise RuntimeError("rolled back")
    assert Attachment.objects.filter(file=attachment.file.name).exists()
    assert path.exists()


def test_deleting_an_item_in_the_admin_leaves_no_files_behind(
    client, writer, django_capture_on_commit_callbacks
):
    resource = make_resource("Het stuk", writer)
    make_attachment(resource)
    make_attachment(resource, "tweede.pdf")
    kept = make_attachment(make_resource("Ander stuk", writer))
    assert len(media_files()) == 3
    client.force_login(make_coordinator())
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:knowledge_resource_delete", args=[resource.pk]), {"post": "yes"}
        )
    assert response.status_code == 302
    assert not Resource.objects.filter(pk=resource.pk).exists()
    assert media_files() == [Path(settings.MEDIA_ROOT) / kept.file.name]


@pytest.mark.parametrize("who", ["other member", "applicant", "visitor"])
def test_others_cannot_remove_an_attachment(client, writer, who):
    resource = make_resource("Het stuk", writer)
    other = make_resource("Ander stuk", make_member("ander@example.org"))
    attachment = make_attachment(resource)
    users = {
        "other member": make_member("lezer@example.org"),
        "applicant": make_role("applicant"),
        "visitor": None,
    }
    login(client, users[who])
    for slug in [resource.slug, other.slug]:
        response = client.post(reverse("knowledge:delete_attachment", args=[slug, attachment.pk]))
        if who == "visitor":
            assert is_login_redirect(response)
        else:
            assert response.status_code == 404
    assert Attachment.objects.filter(pk=attachment.pk).exists()


def test_an_author_cannot_remove_another_items_attachment_through_their_own_item(client, writer):
    mine = make_resource("Mijn stuk", writer)
    theirs = make_resource("Ander stuk", make_member("ander@example.org"))
    attachment = make_attachment(theirs)
    client.force_login(writer)
    response = client.post(reverse("knowledge:delete_attachment", args=[mine.slug, attachment.pk]))
    assert response.status_code == 404
    assert Attachment.objects.filter(pk=attachment.pk).exists()
