"""The header's search box: compact on a phone (behind a button beside "Menu"), a field in
the header on a wide screen; by keyboard, without JavaScript, and the results page
accessible."""

import re

import pytest
from playwright.sync_api import expect

from sessions_app.models import EventKind

from ..factories import ResourceFactory, make_event, make_member
from .conftest import assert_accessible, log_in

PHONE = {"width": 375, "height": 667}
SMALL_PHONE = {"width": 320, "height": 640}
WIDE = {"width": 1280, "height": 800}
HEADER_MAX_HEIGHT = 120


@pytest.fixture
def content(transactional_db):
    make_event("buurtavond", kind=EventKind.PUBLIC, title="Buurtavond over armoede")
    ResourceFactory(title="Armoede in de buurt", slug="armoede-in-de-buurt", tags=["armoede"])
    member = make_member("lid-zoeken@example.org", display_name="Amira Bouzid")
    member.profile.expertise.add("armoede en bestaanszekerheid")
    return member


def new_page(browser, live_server, viewport, javascript=True):
    context = browser.new_context(
        base_url=live_server.url, viewport=viewport, java_script_enabled=javascript
    )
    context.set_default_timeout(10_000)
    return context.new_page()


def test_on_a_phone_the_search_is_behind_a_button_and_works_without_javascript(
    browser, live_server, content
):
    page = new_page(browser, live_server, PHONE, javascript=False)
    page.goto("/")
    header = page.locator(".site-header")
    assert header.bounding_box()["height"] <= HEADER_MAX_HEIGHT
    field = page.get_by_role("searchbox", name="Zoeken op de site")
    expect(field).to_be_hidden()
    # Keyboard: past the skip link, the site's name and "Menu" to the search button.
    for _ in range(4):
        page.keyboard.press("Tab")
    toggle = page.locator(".site-search-toggle__button")
    expect(toggle).to_be_focused()
    page.keyboard.press("Enter")
    expect(field).to_be_visible()
    assert header.bounding_box()["height"] <= HEADER_MAX_HEIGHT  # the box opens over the page
    page.keyboard.press("Tab")
    expect(field).to_be_focused()
    page.keyboard.type("armoede")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/zoeken/\?q=armoede$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Zoekresultaten voor “armoede”")
    assert header.bounding_box()["height"] <= HEADER_MAX_HEIGHT
    page.context.close()


def test_on_a_small_phone_nothing_scrolls_sideways(browser, live_server, content):
    page = new_page(browser, live_server, SMALL_PHONE)
    log_in(page, "lid-zoeken@example.org", "/zoeken/?q=armoede")
    page.locator(".site-search-toggle__button").click()
    fits = page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert fits
    assert page.locator(".site-header").bounding_box()["height"] <= HEADER_MAX_HEIGHT
    page.context.close()


def test_on_a_wide_screen_the_box_is_in_the_header_and_the_results_are_accessible(
    browser, live_server, content
):
    page = new_page(browser, live_server, WIDE)
    log_in(page, "lid-zoeken@example.org", "/")
    expect(page.locator(".site-search-toggle__button")).to_be_hidden()
    field = page.get_by_role("searchbox", name="Zoeken op de site")
    field.fill("armoede")
    page.locator(".site-header__search").get_by_role("button", name="Zoeken").click()
    expect(page).to_have_url(re.compile(r"/zoeken/\?q=armoede$"))
    for group in ("Kennisbank", "Agenda", "Leden"):
        expect(page.get_by_role("heading", level=2, name=re.compile(group))).to_be_visible()
    expect(page.get_by_role("link", name="Amira Bouzid")).to_be_visible()
    assert_accessible(page)
    page.goto("/zoeken/?q=xylofoon")
    expect(page.get_by_text("Niets gevonden voor “xylofoon”.")).to_be_visible()
    assert_accessible(page)
    page.context.close()
