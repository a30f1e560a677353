"""What crawlers and browsers ask every site for: /robots.txt, /sitemap.xml, /favicon.ico."""

import io
import xml.etree.ElementTree as ET

import pytest
from django.conf import settings
from django.urls import reverse
from PIL import Image

from knowledge.models import ResourceStatus, Visibility
from sessions_app.models import EventKind, EventStatus

from .factories import make_coordinator, make_event, make_item, make_member

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def sitemap_addresses(client, **extra) -> list[str]:
    response = client.get("/sitemap.xml", **extra)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)
    return [url.findtext(f"{SITEMAP}loc") for url in root.iter(f"{SITEMAP}url")]


def test_the_sitemap_holds_public_published_events_and_items_only(client):
    shown = [
        make_event("open-dag", kind=EventKind.PUBLIC),
        make_event("terugblik", kind=EventKind.PUBLIC, days_ahead=-30),
    ]
    hidden = [
        make_event("ledenbijeenkomst", kind=EventKind.MEETING),
        make_event("concept-dag", kind=EventKind.PUBLIC, status=EventStatus.DRAFT),
        make_event("afgelast", kind=EventKind.PUBLIC, status=EventStatus.CANCELLED),
    ]
    shown.append(make_item("openbaar"))
    hidden += [
        make_item("ledenstuk", visibility=Visibility.MEMBERS),
        make_item("concept-stuk", status=ResourceStatus.DRAFT),
        make_item("concept-voor-leden", visibility=Visibility.MEMBERS, status=ResourceStatus.DRAFT),
    ]
    client.force_login(make_coordinator())  # the sitemap is the same for everyone

    addresses = sitemap_addresses(client)

    for thing in shown:
        assert settings.SITE_URL + thing.get_absolute_url() in addresses
    for thing in hidden:
        assert not [a for a in addresses if a.endswith(thing.get_absolute_url())], thing
    for name in ["home", "about", "privacy", "agenda:upcoming", "knowledge:library"]:
        assert settings.SITE_URL + reverse(name) in addresses
    assert len(addresses) == len(set(addresses))


def test_sitemap_and_robots_give_site_url_addresses_whatever_the_host(client, settings):
    settings.SITE_URL = "https://leeratelier.example.org"
    make_event("open-dag", kind=EventKind.PUBLIC)

    addresses = sitemap_addresses(client, HTTP_HOST="localhost")
    robots = client.get("/robots.txt", HTTP_HOST="localhost").content.decode()

    assert addresses
    assert all(a.startswith("https://leeratelier.example.org/") for a in addresses)
    assert "Sitemap: https://leeratelier.example.org/sitemap.xml\n" in robots


def test_robots_keeps_crawlers_out_of_filters_admin_and_accounts(client):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    disallowed = {line.removeprefix("Disallow: ") for line in lines if line.startswith("Disallow")}
    assert {"/admin/", "/accounts/", "/kennisbank/?", "/leden/"} <= disallowed
    # Each item page stays open to crawlers; only its filtered lists are closed.
    assert not any("/kennisbank/openbaar/".startswith(path) for path in disallowed)
    assert not any("/agenda/open-dag/".startswith(path) for path in disallowed)
    assert f"Sitemap: {settings.SITE_URL}/sitemap.xml" in lines


def test_the_favicon_is_the_sites_icon(client):
    response = client.get("/favicon.ico")

    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    image = Image.open(io.BytesIO(b"".join(response.streaming_content)))
    assert image.format == "ICO"
    assert (32, 32) in image.info["sizes"]


@pytest.mark.parametrize("address", ["/robots.txt", "/sitemap.xml", "/favicon.ico"])
def test_the_conventions_answer_members_and_visitors_alike(client, address):
    assert client.get(address).status_code == 200
    client.force_login(make_member())
    assert client.get(address).status_code == 200
