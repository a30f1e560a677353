"""Every kind of page carries the headers that limit what it may do in a browser."""

import io
import os
import runpy
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from knowledge.attachments import check_attachment
from knowledge.sharing import add_attachment
from members.avatars import process_avatar
from sessions_app.models import CalendarFeed

from .factories import ResourceFactory, make_event, make_role
from .samples import pdf

pytestmark = pytest.mark.django_db

EXPECTED_CSP_PARTS = [
    "default-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
]


PDF = pdf()  # a real one: attachments are checked by their structure


def png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (200, 200), "steelblue").save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def pages(member, coordinator):
    """Per kind of page: its address, who asks, how, and the answer it gets."""
    event = make_event(slug="open-middag", kind="public")
    item = ResourceFactory(title="Werkvorm", slug="werkvorm", summary="S", body="B")
    item.set_authors([member])
    attachment = add_attachment(
        item,
        check_attachment(SimpleUploadedFile("werkwijze.pdf", PDF, "application/pdf")),
        member,
    )
    large, small = process_avatar(SimpleUploadedFile("foto.png", png(), "image/png"))
    profile = member.profile
    profile.avatar.save(large.name, large, save=False)
    profile.avatar_small.save(small.name, small, save=False)
    profile.save()
    feed = CalendarFeed.objects.create(user=member)
    applicant = make_role("applicant")
    anyone = None
    return {
        "html page": (reverse("home"), anyone, "get", 200),
        "form page": (reverse("account_login"), anyone, "get", 200),
        "event page": (event.get_absolute_url(), anyone, "get", 200),
        "calendar": (reverse("agenda:ics", args=[event.slug]), anyone, "get", 200),
        "library item": (item.get_absolute_url(), anyone, "get", 200),
        "atom feed": (reverse("knowledge:feed"), anyone, "get", 200),
        "health check": (reverse("health"), anyone, "get", 200),
        "not found": ("/bestaat-niet/", anyone, "get", 404),
        "admin login": (reverse("admin:login"), anyone, "get", 302),  # to the site's login
        "static file": ("/static/css/site.css", anyone, "get", 200),
        "attachment download": (attachment.get_absolute_url(), anyone, "get", 200),
        "avatar image": (reverse("members:avatar", args=[profile.pk]), member, "get", 200),
        "member page": (reverse("members:directory"), member, "get", 200),
        "forbidden": (reverse("members:directory"), applicant, "get", 403),
        "method not allowed": (event.get_absolute_url(), anyone, "post", 405),
        "admin change page": (
            reverse("admin:sessions_app_event_change", args=[event.pk]),
            coordinator,
            "get",
            200,
        ),
        "personal calendar feed": (
            reverse("agenda:personal_feed", args=[feed.token]),
            anyone,
            "get",
            200,
        ),
    }


PAGE_KINDS = [
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
    "attachment download",
    "avatar image",
    "member page",
    "forbidden",
    "method not allowed",
    "admin change page",
    "personal calendar feed",
]


def assert_security_headers(response) -> None:
    csp = response["Content-Security-Policy"]
    for part in EXPECTED_CSP_PARTS:
        assert part in csp
    # No exceptions for inline code or eval, anywhere.
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "camera=()" in response["Permissions-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_security_headers_on_every_kind_of_page(client, pages, kind):
    path, user, method, status = pages[kind]
    if user is not None:
        client.force_login(user)
    response = getattr(client, method)(path)
    assert response.status_code == status
    assert_security_headers(response)


def test_pages_are_not_framed(client):
    response = client.get(reverse("home"))
    assert response["X-Frame-Options"] == "DENY"


def test_cookies_are_httponly_and_samesite(client, member):
    from .factories import PASSWORD

    client.get(reverse("account_login"))
    client.post(reverse("account_login"), {"login": member.email, "password": PASSWORD})
    session = client.cookies["sessionid"]
    assert session["httponly"]
    assert session["samesite"] == "Lax"
    assert client.cookies["csrftoken"]["httponly"]


# --- Production mode ------------------------------------------------------------------

SETTINGS_FILE = Path(__file__).resolve().parent.parent / "atelier" / "settings.py"
# What atelier/settings.py switches on or sharpens when PRODUCTION is on, and the
# cookie settings that hold in both modes.
SECURITY_SETTINGS = [
    "SESSION_COOKIE_SECURE",
    "SESSION_COOKIE_HTTPONLY",
    "SESSION_COOKIE_SAMESITE",
    "CSRF_COOKIE_SECURE",
    "CSRF_COOKIE_HTTPONLY",
    "CSRF_COOKIE_SAMESITE",
    "LANGUAGE_COOKIE_SECURE",
    "LANGUAGE_COOKIE_SAMESITE",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SECURE_PROXY_SSL_HEADER",
    "SECURE_CONTENT_TYPE_NOSNIFF",
    "SECURE_REFERRER_POLICY",
    "X_FRAME_OPTIONS",
    "CONTENT_SECURITY_POLICY",
    "PERMISSIONS_POLICY",
]


def production_values() -> dict:
    """atelier/settings.py as a server reads it, run afresh with PRODUCTION=true and no
    other security variable set: the defaults production really gets."""
    environment = {
        "PRODUCTION": "true",
        "SECRET_KEY": "k8Qz-3vLm_p0Xr7tYw2Ns5Jd9Hf4Gb6Ca1Ue8Io0Pl3Mn7Bv2Cx5Zs9Dq4Wr6Ty1",
        "ALLOWED_HOSTS": "leeratelier.example.org",
        "SITE_URL": "https://leeratelier.example.org",
    }
    unset = [
        "DEBUG",
        "SECURE_SSL_REDIRECT",
        "SECURE_HSTS_SECONDS",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS",
        "SECURE_HSTS_PRELOAD",
    ]
    saved = dict(os.environ)
    try:
        for name in unset:
            os.environ.pop(name, None)
        os.environ.update(environment)
        values = runpy.run_path(str(SETTINGS_FILE))
    finally:
        os.environ.clear()
        os.environ.update(saved)
    return {name: values[name] for name in SECURITY_SETTINGS}


@pytest.fixture
def production(settings):
    """The test settings with production's security settings on top."""
    values = production_values()
    for name, value in values.items():
        setattr(settings, name, value)
    return values


def test_production_mode_sharpens_the_security_settings():
    values = production_values()
    assert values["SECURE_HSTS_SECONDS"] >= 60 * 60 * 24 * 365
    assert values["SECURE_HSTS_INCLUDE_SUBDOMAINS"] and values["SECURE_HSTS_PRELOAD"]
    assert values["SECURE_SSL_REDIRECT"]
    assert values["SESSION_COOKIE_SECURE"] and values["CSRF_COOKIE_SECURE"]
    assert values["LANGUAGE_COOKIE_SECURE"]
    assert values["SECURE_PROXY_SSL_HEADER"] == ("HTTP_X_FORWARDED_PROTO", "https")


@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_https_pages_carry_hsts_and_the_other_headers_in_production(
    client, production, pages, kind
):
    path, user, method, status = pages[kind]
    if user is not None:
        client.force_login(user)
    response = getattr(client, method)(path, secure=True)
    assert response.status_code == status
    assert response["Strict-Transport-Security"] == (
        f"max-age={production['SECURE_HSTS_SECONDS']}; includeSubDomains; preload"
    )
    assert_security_headers(response)


def test_plain_http_is_sent_to_https_in_production(client, production):
    response = client.get(reverse("home"))
    assert response.status_code == 301
    assert response["Location"] == "https://testserver/"
    # No HSTS over plain http: browsers ignore it there, and it would say nothing.
    assert "Strict-Transport-Security" not in response


def test_https_behind_the_proxy_header_gets_hsts_in_production(client, production):
    response = client.get(reverse("home"), headers={"x-forwarded-proto": "https"})
    assert response.status_code == 200
    assert "Strict-Transport-Security" in response


def test_cookies_after_login_are_secure_httponly_and_samesite_in_production(
    client, production, member
):
    from .factories import PASSWORD

    client.get(reverse("account_login"), secure=True)
    response = client.post(
        reverse("account_login"), {"login": member.email, "password": PASSWORD}, secure=True
    )
    assert response.status_code == 302
    assert "_auth_user_id" in client.session
    for name in ("sessionid", "csrftoken"):
        cookie = response.cookies[name]
        assert cookie["secure"] is True, name
        assert cookie["httponly"] is True, name
        assert cookie["samesite"] == "Lax", name
    # The language cookie only tells the language, but it is not sent over plain http either.
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"}, secure=True)
    language = response.cookies["django_language"]
    assert language["secure"] is True
    assert language["samesite"] == "Lax"


@pytest.mark.django_db
def test_a_post_without_its_csrf_token_gets_the_sites_dutch_page():
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post("/i18n/setlang/", {"language": "en"})

    assert response.status_code == 403
    page = response.content.decode()
    assert "Dit formulier is verlopen" in page
    assert "Er is niets opgeslagen" in page
    assert "CSRF" not in page  # not Django's technical page
