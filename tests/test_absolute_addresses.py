"""Every absolute address the site gives out is built on SITE_URL, by one function.

Link previews, search engines, calendar programs, feed readers and mail need whole
addresses; they come from atelier.addresses.absolute_url, never from the request's
Host header (which the client chooses) nor from a default such as 127.0.0.1:8000.
Each test asks with another Host than SITE_URL's, so a leak shows.
"""

import re
from pathlib import Path

import pytest
from django.core import mail
from django.urls import reverse

from atelier.addresses import absolute_url
from atelier.models import SiteSettings
from members import approval
from members.models import MembershipStatus, Profile
from sessions_app import registration as rules
from sessions_app.models import EventKind

from .factories import (
    ResourceFactory,
    make_coordinator,
    make_event,
    make_member,
    make_profile,
    make_user,
)

pytestmark = pytest.mark.django_db

SITE = "https://leeratelier.example.org"
OTHER_HOST = "localhost"
# Addresses that are not the site's own: vocabularies and the event's own online link.
NOT_OURS = ("https://schema.org", "http://www.w3.org", "http://www.sitemaps.org")
ADDRESS = re.compile(r"""https?://[^\s"'<>\\]+""")


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = SITE


def addresses_in(text: str) -> list[str]:
    return [a for a in ADDRESS.findall(text) if not a.startswith(NOT_OURS)]


def assert_all_on_site_url(text: str, where: str) -> list[str]:
    found = addresses_in(text)
    assert found, f"{where}: no absolute address at all"
    wrong = [a for a in found if not a.startswith(SITE + "/")]
    assert not wrong, f"{where}: addresses not on SITE_URL: {wrong}"
    return found


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/agenda/open-dag/", f"{SITE}/agenda/open-dag/"),
        ("agenda/", f"{SITE}/agenda/"),
        ("/", f"{SITE}/"),
        ("https://cdn.example.org/x.png", "https://cdn.example.org/x.png"),
    ],
)
def test_absolute_url_builds_on_site_url(path, expected):
    assert absolute_url(path) == expected


def test_a_public_event_page_points_everything_at_site_url(client):
    event = make_event("open-dag", kind=EventKind.PUBLIC)
    page = client.get(event.get_absolute_url(), HTTP_HOST=OTHER_HOST).content.decode()

    found = assert_all_on_site_url(page, "event page")

    url = f"{SITE}/agenda/open-dag/"
    assert f'<link rel="canonical" href="{url}">' in page
    assert f'<meta property="og:url" content="{url}">' in page
    assert f'<meta property="og:image" content="{SITE}/static/' in page
    assert f'"url": "{url}"' in page  # JSON-LD
    assert f"{SITE}/agenda/open-dag/#register-heading" in found  # JSON-LD offer


def test_calendars_point_at_site_url(client):
    event = make_event("open-dag", kind=EventKind.PUBLIC)
    member = make_member()
    client.force_login(member)
    mine = client.get(reverse("agenda:mine"), HTTP_HOST=OTHER_HOST)
    feed_url = mine.context["feed_url"]
    assert feed_url.startswith(f"{SITE}/agenda/persoonlijk/")
    rules.register_member(event, member)
    for address in [
        reverse("agenda:ics", args=[event.slug]),
        reverse("agenda:feed"),
        feed_url.removeprefix(SITE),
    ]:
        content = client.get(address, HTTP_HOST=OTHER_HOST).content
        assert_all_on_site_url(content.replace(b"\r\n ", b"").decode(), address)


def test_the_atom_feed_points_at_site_url(client):
    author = make_member("schrijver@example.org")
    item = ResourceFactory(title="Werkvorm", slug="werkvorm", summary="Kort.", body="Tekst.")
    item.set_authors([author])
    feed = client.get(reverse("knowledge:feed"), HTTP_HOST=OTHER_HOST).content.decode()

    found = assert_all_on_site_url(feed, "Atom feed")

    assert f"{SITE}/kennisbank/werkvorm/" in found
    assert f"{SITE}/kennisbank/feed/" in found  # rel="self"
    assert f"{SITE}/kennisbank/" in found  # the feed's own page


def test_an_items_citation_points_at_site_url(client):
    item = ResourceFactory(title="Werkvorm", slug="werkvorm", summary="Kort.", body="Tekst.")
    page = client.get(item.get_absolute_url(), HTTP_HOST=OTHER_HOST).content.decode()
    assert f"{SITE}/kennisbank/werkvorm/" in page
    assert OTHER_HOST + "/kennisbank" not in page


def test_registration_mails_and_their_calendars_point_at_site_url():
    event = make_event("open-dag", kind=EventKind.PUBLIC)
    rules.register_guest(event, "Gast", "gast@example.org")
    member = make_member()
    rules.register_member(event, member)

    assert len(mail.outbox) == 2
    for message in mail.outbox:
        assert_all_on_site_url(message.body, message.subject)
        for _name, content, mimetype in message.attachments:
            if "calendar" in mimetype:
                text = content if isinstance(content, str) else content.decode()
                assert_all_on_site_url(text.replace("\r\n ", ""), "attachment")


def test_membership_mails_point_at_site_url(rf):
    coordinator = make_coordinator()
    applicant = make_user("aanvrager@example.org")
    profile = make_profile(applicant, MembershipStatus.APPLIED)
    request = rf.get("/", HTTP_HOST=OTHER_HOST)
    request.user = coordinator
    site = SiteSettings.load()
    site.coordinator_email = "coordinator@example.org"
    site.save()

    approval.submit_application(profile, request)
    approval.approve(Profile.objects.filter(pk=profile.pk), coordinator, request)

    assert len(mail.outbox) == 2  # to the coordinator, then to the new member
    for message in mail.outbox:
        assert_all_on_site_url(message.body, message.subject)


def test_no_code_builds_an_absolute_address_but_absolute_url():
    """One function: nothing else reads SITE_URL or asks the request for its host."""
    root = Path(__file__).resolve().parent.parent
    offenders = []
    for app in ["atelier", "members", "sessions_app", "knowledge"]:
        for source in (root / app).rglob("*.py"):
            if source.name in {"settings.py", "addresses.py"} or "migrations" in source.parts:
                continue
            text = source.read_text()
            for needle in ["settings.SITE_URL", "build_absolute_uri", "get_host()"]:
                if needle in text:
                    offenders.append(f"{source.relative_to(root)}: {needle}")
    assert not offenders
