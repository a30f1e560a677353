"""Following a tag, in a real browser, and the notification that follows from it.

1. A member opens the library's page of the tag "buurtwerk" and presses "Volgen".
2. Another member, in another browser, shares a background item with that tag.
3. The first member's header counts one unread notification; /meldingen/ lists it,
   marked "Nieuw"; opening it leads to the item and marks it read: the count is gone.

axe-core checks every page on the way.
"""

import re

import pytest
from playwright.sync_api import expect

from notifications.models import Notification

from ..factories import make_item, make_member
from .conftest import assert_accessible, log_in

FOLLOWER = "sanne.hendriks@example.org"
WRITER = "ramon.brouwers@example.org"
TAG = "buurtwerk"
TITLE = "Buurtwerk en de sociale basis"
SUMMARY = "Wat buurtwerk bijdraagt aan een sterke sociale basis in de wijk."


@pytest.fixture
def writer_page(browser, live_server):
    """A second browser, for the member who shares the item."""
    context = browser.new_context(base_url=live_server.url, locale="en-US")
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


def test_a_followed_tag_brings_a_notification(page, writer_page):
    make_member(FOLLOWER, display_name="Sanne Hendriks")
    writer = make_member(WRITER, display_name="Ramon Brouwers")
    make_item("de-buurtkamer", writer, tags=[TAG])  # the tag has a page in the library

    follow_the_tag(page)
    share_an_item_with_the_tag(writer_page)
    see_and_open_the_notification(page)


def follow_the_tag(page):
    log_in(page, FOLLOWER, f"/kennisbank/?tag={TAG}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Kennisbank")
    page.get_by_role("button", name=f"Volgen de tag “{TAG}”").click()
    expect(page).to_have_url(re.compile(rf"/kennisbank/\?tag={TAG}$"))
    expect(page.get_by_role("status")).to_contain_text(f"Je volgt nu de tag “{TAG}”.")
    expect(page.get_by_text(f"Je volgt de tag “{TAG}”.")).to_be_visible()
    expect(page.get_by_role("button", name=f"Niet meer volgen de tag “{TAG}”")).to_be_visible()
    assert_accessible(page)


def share_an_item_with_the_tag(page):
    log_in(page, WRITER, "/kennisbank/nieuw/?soort=background")
    page.get_by_role("textbox", name="Titel").fill(TITLE)
    page.get_by_role("textbox", name="Samenvatting").fill(SUMMARY)
    page.get_by_role("textbox", name="Tekst").fill("Buurtwerk verbindt bewoners.")
    page.get_by_label("Tags").fill(TAG)  # a combobox: it suggests the tags in use
    page.get_by_role("button", name="Publiceren").click()
    expect(page.get_by_role("status")).to_have_text("Gepubliceerd.")


def see_and_open_the_notification(page):
    page.goto("/")
    navigation = page.get_by_role("navigation", name="Hoofdmenu")
    link = navigation.get_by_role("link", name=re.compile("Meldingen"))
    expect(link).to_have_accessible_name("Meldingen (1 ongelezen melding)")
    assert_accessible(page)

    link.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Meldingen")
    line = page.get_by_role("listitem").filter(has_text=TITLE)
    expect(line).to_contain_text("Nieuw")
    assert_accessible(page)

    line.get_by_role("link", name=f"Nieuw in de kennisbank: “{TITLE}”").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    assert Notification.objects.get().read_at is not None
    expect(navigation.get_by_role("link", name="Meldingen", exact=True)).to_be_visible()
    assert_accessible(page)
