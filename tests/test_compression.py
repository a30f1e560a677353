"""Pages, feeds and calendars gzipped when the client asks, without breaking the page cache or
the feeds' 304s, and never a signed-in member's page (atelier/compression.py); static files
get brotli versions beside gzip ones at collectstatic (WhiteNoise with the brotli package)."""

import gzip
import re
import shutil
from pathlib import Path

import brotli
import pytest
from django.urls import reverse
from whitenoise.compress import Compressor

from sessions_app.models import CalendarFeed

from .factories import make_event, make_member, make_registration, make_resource
from .helpers import PUBLIC

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parent.parent
GZIP = {"HTTP_ACCEPT_ENCODING": "gzip, deflate, br"}
CSRF_INPUT = re.compile(rb'name="csrfmiddlewaretoken" value="([A-Za-z0-9]{64})"')


@pytest.fixture
def library():
    for number in range(12):
        make_resource(f"Buurtgesprek over wonen en welzijn, deel {number}")


def unpacked(response) -> bytes:
    assert response["Content-Encoding"] == "gzip"
    return gzip.decompress(response.content)


def without_csrf_token(page: bytes) -> bytes:
    return CSRF_INPUT.sub(b"TOKEN", page)


def test_a_page_is_gzipped_when_the_client_asks_and_only_then(client, library):
    plain = client.get("/kennisbank/")
    packed = client.get("/kennisbank/", **GZIP)
    assert not plain.has_header("Content-Encoding")
    assert len(packed.content) < len(plain.content) / 3
    assert without_csrf_token(unpacked(packed)) == without_csrf_token(plain.content)
    assert "Accept-Encoding" in packed["Vary"]


def test_a_page_from_the_page_cache_is_gzipped_with_a_fresh_csrf_token_each_time(client, library):
    # The page cache keeps the page uncompressed; each answer gets its own masked token,
    # so the bytes of the secret never repeat between two compressed answers (BREACH).
    first, second = (unpacked(client.get("/kennisbank/", **GZIP)) for _ in range(2))
    assert without_csrf_token(first) == without_csrf_token(second)
    assert CSRF_INPUT.findall(first) != CSRF_INPUT.findall(second)


def test_a_signed_in_members_page_is_never_compressed(client, member, library):
    # It may hold the member's own keys (calendar address, cancel links), and every page
    # repeats its address: the two things BREACH needs.
    client.force_login(member)
    make_registration(make_event("intervisie", days_ahead=5), member)
    for address in (
        "/kennisbank/",
        reverse("agenda:mine"),
        reverse("agenda:detail", args=["intervisie"]),
    ):
        response = client.get(address + "?herhaald=tekst", **GZIP)
        assert response.status_code == 200
        assert not response.has_header("Content-Encoding"), address


def test_feeds_and_calendars_are_gzipped(client):
    make_event("open-huis", kind=PUBLIC, days_ahead=3, title="Open huis in de wijk")
    member = make_member()
    personal = reverse(
        "agenda:personal_feed", args=[CalendarFeed.objects.create(user=member).token]
    )
    for address in (reverse("agenda:feed"), reverse("knowledge:feed"), personal):
        assert unpacked(client.get(address, **GZIP)) == client.get(address).content, address


@pytest.mark.parametrize("feed", ["agenda:feed", "knowledge:feed"])
def test_a_gzipped_feed_still_answers_304_while_nothing_changed(client, feed):
    make_event("open-huis", kind=PUBLIC, days_ahead=3)
    make_resource("Een stuk voor de feed")
    first = client.get(reverse(feed), **GZIP)
    assert first["Content-Encoding"] == "gzip"
    assert first["ETag"].startswith('W/"')  # weakened by the compression
    by_tag = client.get(reverse(feed), HTTP_IF_NONE_MATCH=first["ETag"], **GZIP)
    by_date = client.get(reverse(feed), HTTP_IF_MODIFIED_SINCE=first["Last-Modified"], **GZIP)
    assert (by_tag.status_code, by_date.status_code) == (304, 304)
    assert by_tag.content == b""


def test_what_is_compressed_already_is_left_alone(client):
    assert not client.get("/favicon.ico", **GZIP).has_header("Content-Encoding")


def test_behind_a_compressing_proxy_the_site_leaves_it_to_the_proxy(client, settings, library):
    settings.COMPRESS_RESPONSES = False
    response = client.get("/kennisbank/", **GZIP)
    assert not response.has_header("Content-Encoding")
    assert "Accept-Encoding" not in response.get("Vary", "")


def test_collectstatic_makes_brotli_versions_beside_gzip_ones(tmp_path):
    css = tmp_path / "site.css"
    shutil.copy(ROOT / "static" / "css" / "site.css", css)
    written = set(Compressor(quiet=True).compress(str(css)))
    assert written == {f"{css}.gz", f"{css}.br"}
    assert brotli.decompress(Path(f"{css}.br").read_bytes()) == css.read_bytes()
