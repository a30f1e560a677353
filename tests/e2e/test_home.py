"""A visitor reads the home and about pages and switches the language."""

import re

from playwright.sync_api import expect

from .conftest import assert_accessible


def test_home_about_and_language_switch(page, live_server, db):
    # The browser asks for English, but the site is Dutch until the visitor chooses.
    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    expect(page.get_by_role("heading", level=1)).to_have_text("Leeratelier Samenlevingsopbouw")
    assert_accessible(page)

    page.get_by_role("navigation", name="Hoofdmenu").get_by_role(
        "link", name="Over het atelier"
    ).click()
    expect(page).to_have_url(re.compile(r"/over/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Over het leeratelier")
    assert_accessible(page)

    page.get_by_role("button", name="English").click()
    expect(page).to_have_url(re.compile(r"/over/$"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("link", name="Skip to content")).to_be_attached()
    assert_accessible(page)

    page.get_by_role("button", name="Nederlands").click()
    expect(page.locator("html")).to_have_attribute("lang", "nl")


def test_skip_link_is_the_first_stop_and_moves_focus_to_the_content(page, live_server, db):
    page.goto("/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Naar de inhoud")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"#main$"))


def test_no_horizontal_scrolling_on_a_phone(browser, live_server, db):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 320, "height": 640})
    page = context.new_page()
    for path in ["/", "/over/", "/accounts/signup/"]:
        page.goto(path)
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), path
    context.close()
