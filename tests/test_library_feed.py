"""The library's Atom feed: public, published items only, valid Atom, plain-text summaries."""

import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from knowledge.models import ResourceStatus, Visibility

from .factories import make_coordinator, make_member, make_resource
from .helpers import ATOM

pytestmark = pytest.mark.django_db


def test_the_feed_lists_public_published_items_newest_first(client, writer):
    now = timezone.now()
    for number in range(35):
        make_resource(f"Stuk {number:02d}", writer, published_at=now - timedelta(hours=number))
    make_resource("Ledenstuk", writer, visibility=Visibility.MEMBERS, published_at=now)
    make_resource("Concept", writer, status=ResourceStatus.DRAFT)
    client.force_login(make_coordinator())  # even for the coordinator
    response = client.get(reverse("knowledge:feed"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    titles = [entry.findtext(f"{ATOM}title") for entry in root.iter(f"{ATOM}entry")]
    assert titles == [f"Stuk {number:02d}" for number in range(30)]
    entry = next(root.iter(f"{ATOM}entry"))
    assert entry.find(f"{ATOM}link").get("href").endswith("/kennisbank/stuk-00/")
    assert entry.findtext(f"{ATOM}author/{ATOM}name") == "Noor Bakker"
    assert entry.findtext(f"{ATOM}summary") == "Kort over deze werkvorm."


def test_each_author_of_a_feed_entry_has_an_author_element_of_their_own(client, writer):
    second = make_member("ans@example.org", display_name="Ans de Vries")
    make_resource("Samen geschreven", writer, coauthors=[second])
    root = ET.fromstring(client.get(reverse("knowledge:feed")).content)
    entry = next(root.iter(f"{ATOM}entry"))
    names = [author.findtext(f"{ATOM}name") for author in entry.findall(f"{ATOM}author")]
    assert names == ["Noor Bakker", "Ans de Vries"]


def test_a_feed_summary_is_plain_text(client, writer):
    make_resource("a < b", writer, summary="Als a < b & <b>vet</b>")
    root = ET.fromstring(client.get(reverse("knowledge:feed")).content)
    summary = next(root.iter(f"{ATOM}entry")).find(f"{ATOM}summary")
    assert summary.get("type") == "text"
    assert summary.text == "Als a < b & <b>vet</b>"


def test_an_empty_feed_is_valid_atom(client):
    root = ET.fromstring(client.get(reverse("knowledge:feed")).content)
    assert root.findtext(f"{ATOM}title") == "Leeratelier Samenlevingsopbouw: kennisbank"
    assert list(root.iter(f"{ATOM}entry")) == []
