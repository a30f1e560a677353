"""Every feed the site serves, read and rendered as a feed reader does, in Chromium.

A reader parses the Atom XML and shows each text construct (RFC 4287, 3.1) by its
type: `text` as text, `html` and `xhtml` as markup, with none of the site's own
protection around it (no escaping of its own, no Content-Security-Policy). Here the
items are full of the payloads the security tests use (tests/e2e/test_xss.py), in
the title, the summary, the tags and the author's name; Chromium renders the feed
that way, with alert and friends trapped, and nothing may run. Ordinary text such
as "a < b" must read as "a < b".

The site's calendars have no HTML parts: iCalendar text is plain text (RFC 5545,
3.3.11), and they carry no X-ALT-DESC or FMTTYPE=text/html for a program to render.
"""

import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse
from django.utils import timezone

from knowledge.models import Resource
from members.models import Profile
from sessions_app.models import CalendarFeed, EventKind

from ..factories import ResourceFactory, make_event, make_member
from .test_xss import PAYLOADS, TRAP

ATOM = "{http://www.w3.org/2005/Atom}"
TEXT_CONSTRUCTS = {"title", "subtitle", "summary", "content", "rights"}
ORDINARY = "a < b & c > d"
# The site's feeds. Calendars are checked below; add each new Atom feed here.
FEEDS = ["knowledge:feed"]

# Fills the page with the feed's parts as a reader shows them.
RENDER = """
(parts) => {
  for (const part of parts) {
    const element = document.createElement("div");
    element.className = "part";
    element.dataset.kind = part.kind;
    if (part.type === "text") element.textContent = part.value;
    else element.innerHTML = part.value;  // html and xhtml: rendered as markup
    document.body.append(element);
  }
}
"""

# What ran or could run once the parts are in the page.
INSPECT = """
() => {
  const found = [...window.__xss];
  for (const element of document.querySelectorAll(".part *")) {
    for (const attribute of element.attributes) {
      if (attribute.name.toLowerCase().startsWith("on")) {
        found.push(`${element.tagName} ${attribute.name}=${attribute.value}`);
      }
    }
    if (["SCRIPT", "IFRAME", "OBJECT", "EMBED", "BASE", "META"].includes(element.tagName)) {
      found.push("element " + element.outerHTML.slice(0, 80));
    }
  }
  return found;
}
"""


def chunks(payloads: list[str], limit: int) -> list[str]:
    """The payloads joined by spaces into strings of at most `limit` characters."""
    joined, current = [], ""
    for payload in payloads:
        candidate = f"{current} {payload}" if current else payload
        if len(candidate) > limit and current:
            joined.append(current)
            candidate = payload
        current = candidate
    return [*joined, current]


def reader_parts(feed_xml: bytes) -> list[dict]:
    """Each text construct and person name of an Atom feed, as a reader takes it."""
    root = ET.fromstring(feed_xml)
    assert root.tag == f"{ATOM}feed"
    parts = []
    for element in root.iter():
        name = element.tag.removeprefix(ATOM)
        if name in TEXT_CONSTRUCTS:
            kind = element.get("type", "text")
            if kind == "xhtml":
                value = "".join(ET.tostring(child, encoding="unicode") for child in element)
            else:
                value = element.text or ""
            parts.append({"kind": name, "type": kind, "value": value})
        elif name == "name":
            parts.append({"kind": name, "type": "text", "value": element.text or ""})
    return parts


@pytest.fixture
def hostile_items(db):
    """Public items whose every field a reader shows is full of payloads."""
    author = make_member("schrijver@example.org")
    Profile.objects.filter(user=author).update(display_name="<img src=x onerror=alert(1)>")
    co_author = make_member("tweede@example.org", display_name="</name><script>alert(1)</script>")
    items = []
    titles = chunks(PAYLOADS, 200)
    summaries = chunks(PAYLOADS, 300)
    for number, summary in enumerate([ORDINARY, *summaries]):
        title = ORDINARY if number == 0 else titles[number % len(titles)]
        item = ResourceFactory(
            title=title,
            slug=f"stuk-{number}",
            summary=summary,
            body="Tekst.",
            published_at=timezone.now() - timezone.timedelta(minutes=number),
            created_by=author,
            coauthors=[co_author],
            tags=[PAYLOADS[number % len(PAYLOADS)][:100]],
        )
        items.append(item)
    return items


@pytest.mark.parametrize("feed", FEEDS)
def test_a_feed_reader_renders_no_script_and_shows_text_as_text(
    feed, browser, client, hostile_items
):
    # The feed holds the newest 30: delete what was read and read again until all came.
    seen_summaries = set()
    page = browser.new_page()
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    try:
        while Resource.objects.exists():
            parts = reader_parts(client.get(reverse(feed)).content)
            summaries = [part for part in parts if part["kind"] == "summary"]
            assert summaries, "the feed shows no summaries"
            page.set_content("<!DOCTYPE html><html lang='nl'><title>Lezer</title><body></body>")
            page.evaluate(f"() => {{ {TRAP} }}")
            page.evaluate(RENDER, parts)
            # Give event handlers (onerror of a broken image, onload) the load to fire on.
            page.wait_for_load_state("load")
            page.evaluate("() => new Promise(requestAnimationFrame)")
            found = page.evaluate(INSPECT)
            assert not found and not dialogs, f"{feed}: ran or could run: {found} {dialogs}"
            shown = page.eval_on_selector_all(
                ".part[data-kind=summary]", "elements => elements.map(e => e.textContent)"
            )
            assert shown == [part["value"] for part in summaries]
            seen_summaries.update(shown)
            Resource.objects.filter(
                slug__in=[item.slug for item in hostile_items if item.summary in shown]
            ).delete()
    finally:
        page.close()
    assert seen_summaries == {item.summary for item in hostile_items}
    assert ORDINARY in seen_summaries


@pytest.mark.parametrize("feed", FEEDS)
def test_a_feed_gives_plain_text_as_text(feed, client, hostile_items):
    root = ET.fromstring(client.get(reverse(feed)).content)
    first = next(root.iter(f"{ATOM}entry"))
    summary = first.find(f"{ATOM}summary")
    title = first.find(f"{ATOM}title")
    assert summary.get("type", "text") == "text"
    assert title.get("type", "text") == "text"
    assert summary.text == ORDINARY
    assert title.text == ORDINARY


def test_calendars_have_no_html_parts(client, db):
    event = make_event(
        "open-avond",
        kind=EventKind.PUBLIC,
        title="<img src=x onerror=alert(1)>",
        summary=ORDINARY,
        place="<script>alert(1)</script>",
    )
    feed = CalendarFeed.objects.create(user=make_member())
    for address in [
        reverse("agenda:ics", args=[event.slug]),
        reverse("agenda:feed"),
        reverse("agenda:personal_feed", args=[feed.token]),
    ]:
        content = client.get(address).content.replace(b"\r\n ", b"")
        assert b"X-ALT-DESC" not in content
        assert b"FMTTYPE" not in content
        assert b"text/html" not in content
