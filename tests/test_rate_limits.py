"""Rate limits on the site's own forms, counted in the cache all workers share."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from knowledge.models import Comment, Resource, ResourceKind, ResourceStatus, Visibility
from sessions_app.models import Registration

from .conftest import make_event

pytestmark = pytest.mark.django_db


def test_guest_registration_is_limited_per_address(client):
    event = make_event(slug="open-middag", kind="public")
    url = reverse("agenda:register_guest", args=[event.slug])
    data = {"name": "Gast", "email": "gast@example.org"}
    for _attempt in range(3):
        assert client.post(url, data).status_code == 200
    response = client.post(url, data)
    assert response.status_code == 429
    assert "Te veel pogingen" in response.content.decode()
    # The limit does not tell whether the address registered: one pending row, not four.
    assert Registration.objects.filter(guest_email="gast@example.org").count() == 1


def test_guest_registration_is_limited_per_ip_across_addresses(client):
    event = make_event(slug="open-middag", kind="public")
    url = reverse("agenda:register_guest", args=[event.slug])
    statuses = [
        client.post(url, {"name": "Gast", "email": f"gast{n}@example.org"}).status_code
        for n in range(11)
    ]
    assert statuses[:10] == [200] * 10
    assert statuses[10] == 429
    assert Registration.objects.count() == 10


@pytest.fixture
def item(member):
    resource = Resource.objects.create(
        kind=ResourceKind.TOOL,
        title="Werkvorm",
        slug="werkvorm",
        summary="S",
        body="B",
        visibility=Visibility.PUBLIC,
        status=ResourceStatus.PUBLISHED,
    )
    resource.set_authors([member])
    return resource


def test_comments_are_limited_per_member(client, member, item):
    client.force_login(member)
    url = reverse("knowledge:comment", args=[item.slug])
    for n in range(10):
        assert client.post(url, {"body": f"Reactie {n}"}).status_code == 302
    response = client.post(url, {"body": "Nog een"})
    assert response.status_code == 200
    assert "Te veel reacties" in response.content.decode()
    assert Comment.objects.count() == 10


def test_uploads_are_limited_per_member(client, member, item):
    client.force_login(member)
    url = reverse("knowledge:edit", args=[item.slug])
    data = {
        "kind": "tool",
        "title": "Werkvorm",
        "summary": "S",
        "body": "B",
        "visibility": "public",
        "draft": "1",
    }
    for n in range(10):
        upload = SimpleUploadedFile(f"f{n}.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf")
        assert client.post(url, {**data, "attachment": upload}).status_code == 302
    upload = SimpleUploadedFile("f.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf")
    response = client.post(url, {**data, "attachment": upload})
    assert response.status_code == 200
    assert "Te veel uploads" in response.content.decode()
    assert item.attachments.count() == 10


def test_the_count_is_shared_by_every_worker(client, settings):
    """With the database cache (production's default) the count lives in the database,
    where every gunicorn worker reads it, not in one process's memory."""
    from django.db import connection
    from django.test import Client

    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "atelier_cache",
        }
    }
    event = make_event(slug="open-middag", kind="public")
    url = reverse("agenda:register_guest", args=[event.slug])
    for _attempt in range(3):
        client.post(url, {"name": "Gast", "email": "gast@example.org"})
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM atelier_cache")
        assert cursor.fetchone()[0] > 0
    another_visitor = Client()
    response = another_visitor.post(url, {"name": "Gast", "email": "gast@example.org"})
    assert response.status_code == 429
