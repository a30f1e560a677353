"""What a public event page tells link previews and search engines: Open Graph and schema.org
JSON-LD; meetings tell them nothing.
"""

import json
import re
from datetime import datetime
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from PIL import Image

from sessions_app import registration as rules

from .factories import make_event, make_event_at, make_member
from .helpers import FUTURE_YEAR, MEETING, ONLINE_LINK, PUBLIC, content, local

pytestmark = pytest.mark.django_db


def json_ld(page: str) -> list:
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    return [json.loads(block) for block in blocks]


def test_public_event_page_has_open_graph_and_schema_org_event(client):
    start = local(FUTURE_YEAR, 7, 2, 10, 0)
    event = make_event_at(
        "open-dag", start, kind=PUBLIC, title="Open dag", summary="Kom kennismaken."
    )

    page = content(client.get(event.get_absolute_url()))

    absolute_url = settings.SITE_URL + event.get_absolute_url()
    assert '<meta property="og:title" content="Open dag">' in page
    assert '<meta property="og:description" content="Kom kennismaken.">' in page
    assert f'<meta property="og:url" content="{absolute_url}">' in page
    image_url = settings.SITE_URL + settings.STATIC_URL + "img/leeratelier-delen.png"
    assert f'<meta property="og:image" content="{image_url}">' in page
    assert '<meta name="twitter:card" content="summary_large_image">' in page
    (data,) = json_ld(page)
    assert data["image"] == [image_url]
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Event"
    assert data["name"] == "Open dag"
    assert data["startDate"] == f"{FUTURE_YEAR}-07-02T10:00:00+02:00"
    assert data["endDate"] == f"{FUTURE_YEAR}-07-02T12:00:00+02:00"
    assert data["url"] == absolute_url
    assert data["location"]["name"] == "Zuyd Hogeschool, Heerlen"
    assert datetime.fromisoformat(data["startDate"]) == event.start


def test_json_ld_gives_the_address_offers_and_organiser_url(client):
    event = make_event(
        "open-dag",
        kind=PUBLIC,
        capacity=1,
        place="Zuyd Hogeschool, Nieuw Eyckholt 300, 6419 DJ Heerlen",
    )
    absolute_url = settings.SITE_URL + event.get_absolute_url()

    (data,) = json_ld(content(client.get(event.get_absolute_url())))

    assert data["location"] == {
        "@type": "Place",
        "name": "Zuyd Hogeschool",
        "address": {
            "@type": "PostalAddress",
            "streetAddress": "Nieuw Eyckholt 300",
            "postalCode": "6419 DJ",
            "addressLocality": "Heerlen",
            "addressCountry": "NL",
        },
    }
    assert data["offers"] == {
        "@type": "Offer",
        "price": 0,
        "priceCurrency": "EUR",
        "availability": "https://schema.org/InStock",
        "url": absolute_url + "#register-heading",
    }
    assert 'id="register-heading"' in content(client.get(event.get_absolute_url()))
    assert data["organizer"]["url"] == settings.SITE_URL + "/"
    rules.register_member(event, make_member())
    (full,) = json_ld(content(client.get(event.get_absolute_url())))
    assert full["offers"]["availability"] == "https://schema.org/SoldOut"


@pytest.mark.parametrize(
    ("place", "name", "address"),
    [
        (
            "Zuyd Hogeschool, Brusselseweg 150, Maastricht",
            "Zuyd Hogeschool",
            {"streetAddress": "Brusselseweg 150", "addressLocality": "Maastricht"},
        ),
        (
            "Nieuw Eyckholt 300a, 6419DJ Heerlen",
            "Nieuw Eyckholt 300a",
            {
                "streetAddress": "Nieuw Eyckholt 300a",
                "postalCode": "6419DJ",
                "addressLocality": "Heerlen",
            },
        ),
        ("Zuyd Hogeschool, Heerlen", None, None),
        ("Lokaal 2.14", None, None),
    ],
)
def test_a_place_gives_a_postal_address_only_when_written_as_one(place, name, address):
    from sessions_app.structured_data import postal_address

    found = postal_address(place)
    if address is None:
        assert found is None
    else:
        assert found == (name, {"@type": "PostalAddress", **address, "addressCountry": "NL"})


def test_the_share_image_is_a_small_png_of_the_size_link_previews_ask():
    path = finders.find("img/leeratelier-delen.png")
    assert path is not None
    with Image.open(path) as image:
        assert (image.format, image.size) == ("PNG", (1200, 630))
    assert Path(path).stat().st_size < 30_000


def test_winter_event_has_a_plus_one_hour_offset_in_json_ld(client):
    event = make_event_at("open-dag", local(FUTURE_YEAR, 1, 14, 9, 0), kind=PUBLIC)
    (data,) = json_ld(content(client.get(event.get_absolute_url())))
    assert data["startDate"] == f"{FUTURE_YEAR}-01-14T09:00:00+01:00"


def test_a_title_cannot_break_out_of_the_json_ld_script(client):
    title = 'Open </script><script>alert(1)</script> & "dag"'
    event = make_event("open-dag", kind=PUBLIC, title=title)

    page = content(client.get(event.get_absolute_url()))

    assert "<script>alert(1)" not in page
    assert page.count("<script") == page.count("</script>")
    (data,) = json_ld(page)
    assert data["name"] == title
    assert 'content="Open &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;' in page


def test_the_online_link_is_not_in_the_json_ld(client):
    event = make_event("webinar", kind=PUBLIC, place="", online_link=ONLINE_LINK)
    page = content(client.get(event.get_absolute_url()))
    (data,) = json_ld(page)
    assert data["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert ONLINE_LINK not in page


def test_meetings_have_no_open_graph_or_json_ld(client, member):
    event = make_event(kind=MEETING)
    client.force_login(member)

    page = content(client.get(event.get_absolute_url()))

    assert json_ld(page) == []
    assert "application/ld+json" not in page
    assert "og:title" not in page
