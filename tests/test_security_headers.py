"""Every kind of page carries the headers that limit what it may do in a browser."""

import pytest
from django.urls import reverse

from knowledge.models import Resource, ResourceKind, ResourceStatus, Visibility

from .conftest import make_event

pytestmark = pytest.mark.django_db

EXPECTED_CSP_PARTS = [
    "default-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
]


@pytest.fixture
def pages(member):
    event = make_event(slug="open-middag", kind="public")
    item = Resource.objects.create(
        kind=ResourceKind.TOOL,
        title="Werkvorm",
        slug="werkvorm",
        summary="S",
        body="B",
        visibility=Visibility.PUBLIC,
        status=ResourceStatus.PUBLISHED,
    )
    return {
        "html page": reverse("home"),
        "form page": reverse("account_login"),
        "event page": event.get_absolute_url(),
        "calendar": reverse("agenda:ics", args=[event.slug]),
        "library item": item.get_absolute_url(),
        "atom feed": reverse("knowledge:feed"),
        "health check": reverse("health"),
        "not found": "/bestaat-niet/",
        "admin login": reverse("admin:login"),
        "static file": "/static/css/site.css",
    }


@pytest.mark.parametrize(
    "kind",
    [
        "html page",
        "form page",
        "event page",
        "calendar",
        "library item",
        "atom feed",
        "health check",
        "not found",
        "admin login",
        "static file",
    ],
)
def test_security_headers_on_every_kind_of_page(client, pages, kind):
    response = client.get(pages[kind])
    assert response.status_code in {200, 404}
    csp = response["Content-Security-Policy"]
    for part in EXPECTED_CSP_PARTS:
        assert part in csp
    # No exceptions for inline code or eval, anywhere.
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "camera=()" in response["Permissions-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_pages_are_not_framed(client):
    response = client.get(reverse("home"))
    assert response["X-Frame-Options"] == "DENY"


def test_cookies_are_httponly_and_samesite(client, member):
    from .conftest import PASSWORD

    client.get(reverse("account_login"))
    client.post(reverse("account_login"), {"login": member.email, "password": PASSWORD})
    session = client.cookies["sessionid"]
    assert session["httponly"]
    assert session["samesite"] == "Lax"
    assert client.cookies["csrftoken"]["httponly"]
