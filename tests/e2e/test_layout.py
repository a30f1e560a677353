"""The layout on a phone and on a wide screen: a compact header, the width used well."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from sessions_app.models import EventKind

from ..factories import ResourceFactory, make_event, make_member
from .conftest import assert_accessible, log_in

PHONE = {"width": 375, "height": 667}
WIDE = {"width": 1280, "height": 800}
HEADER_MAX_HEIGHT = 120
# What sticks out on the right, for the failure message.
WIDER_THAN_THE_SCREEN = """[document.documentElement.scrollWidth, window.innerWidth,
    [...document.querySelectorAll("body *")]
    .filter(el => el.getBoundingClientRect().right > window.innerWidth - 1)
    .map(el => el.tagName + "." + el.className + ":" + el.getBoundingClientRect().right)
    .slice(-5)]"""


@pytest.fixture
def content(transactional_db):
    for number in range(4):
        make_event(
            f"buurtavond-{number}",
            kind=EventKind.PUBLIC,
            days_ahead=7 + number,
            description="Een avond vol verhalen uit de praktijk. " * 20,
        )
    for number in range(4):
        ResourceFactory(
            title=f"Werkvorm {number}: het gesprek aan de keukentafel",
            slug=f"werkvorm-{number}",
            summary="Een werkvorm om met bewoners in gesprek te gaan.",
            # A word longer than any screen, as a pasted address can be: it must break.
            body="Zo doe je het. " * 50 + "https://voorbeeld.nl/" + "lang" * 100,
            published_at=timezone.now() - timedelta(days=number),
            tags=["buurtwerk", "participatie"],
        )
    member = make_member("lid-layout@example.org", display_name="Lid Layout")
    member.profile.expertise.add("buurtwerk")
    return member


def box(locator) -> dict:
    return locator.bounding_box()


def side_by_side(left, right) -> bool:
    """`left` ends before `right` starts, and the two share height on the screen."""
    a, b = box(left), box(right)
    return (
        a["x"] + a["width"] <= b["x"]
        and a["y"] < b["y"] + b["height"]
        and b["y"] < a["y"] + a["height"]
    )


def new_page(browser, live_server, viewport):
    context = browser.new_context(base_url=live_server.url, viewport=viewport)
    context.set_default_timeout(10_000)
    return context.new_page()


def test_on_a_phone_the_header_is_compact_and_the_menu_works_by_keyboard(
    browser, live_server, content
):
    page = new_page(browser, live_server, PHONE)
    for path in ["/", "/agenda/", "/kennisbank/"]:
        page.goto(path)
        header = box(page.locator(".site-header"))
        assert header["height"] <= HEADER_MAX_HEIGHT, (path, header)
        # The page's own heading is above the fold.
        assert box(page.get_by_role("heading", level=1))["y"] < PHONE["height"] / 2, path

    page.goto("/")
    page.keyboard.press("Tab")  # the skip link
    page.keyboard.press("Tab")  # the site's name
    page.keyboard.press("Tab")
    menu_button = page.locator(".site-menu__toggle")
    expect(menu_button).to_be_focused()
    expect(page.locator(".site-header").get_by_role("link", name="Kennisbank")).to_be_hidden()
    page.keyboard.press("Enter")
    library = page.get_by_role("navigation", name="Hoofdmenu").get_by_role(
        "link", name="Kennisbank"
    )
    expect(library).to_be_visible()
    assert_accessible(page)
    page.keyboard.press("Tab")
    expect(page.locator(".site-header").get_by_role("link", name="Agenda")).to_be_focused()
    page.keyboard.press("Tab")
    expect(library).to_be_focused()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/kennisbank/$"))
    page.context.close()


def test_on_a_phone_nothing_scrolls_sideways(browser, live_server, content):
    for viewport in ({"width": 320, "height": 640}, PHONE):
        page = new_page(browser, live_server, viewport)
        log_in(page, "lid-layout@example.org", "/")
        for path in [
            "/",
            "/agenda/",
            "/agenda/archief/",
            "/agenda/buurtavond-0/",
            "/kennisbank/",
            "/kennisbank/werkvorm-0/",
            "/leden/",
            f"/leden/{content.profile.pk}/",
        ]:
            page.goto(path)
            fits = page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
            assert fits, (viewport, path, page.evaluate(WIDER_THAN_THE_SCREEN))
        page.context.close()


def test_a_wide_screen_is_used_and_running_text_keeps_its_measure(browser, live_server, content):
    page = new_page(browser, live_server, WIDE)
    log_in(page, "lid-layout@example.org", "/")

    for path in ["/kennisbank/?q=werkvorm", "/leden/"]:
        page.goto(path)
        results = page.locator(".with-sidebar > :not(.filters)")
        assert side_by_side(page.locator(".with-sidebar > .filters"), results), path

    page.goto("/agenda/")
    first, second = page.locator(".card-list > li").all()[:2]
    assert side_by_side(first, second), "the agenda's cards in two columns"
    page.goto("/kennisbank/?q=werkvorm")
    first, second = page.locator(".card-list > li").all()[:2]
    assert side_by_side(first, second), "the library's cards in two columns"

    page.goto("/agenda/buurtavond-0/")
    assert side_by_side(page.locator(".event__about"), page.locator(".event__facts"))
    description = box(page.locator(".event__about .prose"))
    assert description["width"] <= 44 * 16, description  # about 70 characters a line
    assert_accessible(page)
    page.context.close()
