"""The library in the coordinator's admin: bulk publishing, hiding comments, featured tags."""

import xml.etree.ElementTree as ET
from datetime import datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from knowledge.models import Comment, FeaturedTag, Resource, ResourceStatus

from .factories import make_attachment, make_comment, make_resource
from .helpers import ATOM, resource_admin_data

pytestmark = pytest.mark.django_db


def test_the_coordinator_opens_the_library_in_the_admin(admin_client, writer):
    resource = make_resource("Het stuk", writer, tags=["buurt"])
    make_comment(resource=resource, author=writer, body="Hoi")
    make_attachment(resource)
    for address in [
        reverse("admin:knowledge_resource_changelist"),
        reverse("admin:knowledge_resource_changelist") + "?q=stuk",
        reverse("admin:knowledge_resource_change", args=[resource.pk]),
        reverse("admin:knowledge_comment_changelist"),
        reverse("admin:knowledge_featuredtag_changelist"),
        reverse("admin:knowledge_featuredtag_add"),
    ]:
        assert admin_client.get(address).status_code == 200, address


def test_the_coordinator_publishes_and_unpublishes_in_bulk(admin_client, writer):
    drafts = [
        make_resource(f"Concept {number}", writer, status=ResourceStatus.DRAFT)
        for number in range(2)
    ]
    changelist = reverse("admin:knowledge_resource_changelist")
    response = admin_client.post(
        changelist, {"action": "publish", "_selected_action": [item.pk for item in drafts]}
    )
    assert response.status_code == 302
    for item in drafts:
        item.refresh_from_db()
        assert item.status == ResourceStatus.PUBLISHED and item.published_at is not None
    admin_client.post(changelist, {"action": "unpublish", "_selected_action": [drafts[0].pk]})
    drafts[0].refresh_from_db()
    assert drafts[0].status == ResourceStatus.DRAFT


def test_bulk_publishing_and_unpublishing_moves_the_updated_date(admin_client, writer):
    draft = make_resource("Concept", writer, status=ResourceStatus.DRAFT)
    long_ago = timezone.now() - timedelta(days=30)
    Resource.objects.filter(pk=draft.pk).update(updated_at=long_ago)
    changelist = reverse("admin:knowledge_resource_changelist")
    before = timezone.now().replace(microsecond=0)
    admin_client.post(changelist, {"action": "publish", "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert draft.updated_at >= before
    # The feed tells readers the item changed.
    root = ET.fromstring(admin_client.get(reverse("knowledge:feed")).content)
    (entry,) = root.iter(f"{ATOM}entry")
    assert datetime.fromisoformat(entry.findtext(f"{ATOM}updated")) >= before
    Resource.objects.filter(pk=draft.pk).update(updated_at=long_ago)
    admin_client.post(changelist, {"action": "unpublish", "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert draft.status == ResourceStatus.DRAFT and draft.updated_at >= before


def test_the_coordinator_hides_comments_in_bulk(admin_client, writer):
    resource = make_resource("Het stuk", writer)
    comments = [
        make_comment(resource=resource, author=writer, body=f"Reactie {number}")
        for number in range(3)
    ]
    response = admin_client.post(
        reverse("admin:knowledge_comment_changelist"),
        {"action": "hide", "_selected_action": [comments[0].pk, comments[1].pk]},
    )
    assert response.status_code == 302
    assert [c.hidden for c in Comment.objects.order_by("pk")] == [True, True, False]


def test_the_coordinator_adds_a_featured_tag(admin_client, client):
    make_resource("Getagd", tags=["legitimiteit"])
    tag = Resource.objects.get().tags.get()
    response = admin_client.post(
        reverse("admin:knowledge_featuredtag_add"),
        {"tag": tag.pk, "description": "Over het mandaat van het vak.", "position": 1},
    )
    assert response.status_code == 302
    assert FeaturedTag.objects.get().tag == tag
    client.logout()
    assert (
        "Over het mandaat van het vak." in client.get(reverse("knowledge:library")).content.decode()
    )


def test_a_member_cannot_use_the_admin(client, writer):
    client.force_login(writer)
    response = client.get(reverse("admin:knowledge_resource_changelist"))
    assert response.status_code == 302


def test_the_coordinator_publishes_a_draft_from_its_change_form(admin_client, writer):
    draft = make_resource("Een concept", writer, status=ResourceStatus.DRAFT)
    data = resource_admin_data(draft, status=ResourceStatus.PUBLISHED)
    response = admin_client.post(reverse("admin:knowledge_resource_change", args=[draft.pk]), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    published = Resource.objects.get(pk=draft.pk)
    assert published.is_published
    assert published.published_at is not None
    assert (
        reverse("knowledge:detail", args=[draft.slug])
        in admin_client.get(reverse("knowledge:library")).content.decode()
    )
