"""An item's versions in a real browser.

A member edits the summary of their tool, opens "Versies" from the tool's page, sees the
numbered versions and the words added and removed in the newest one, and restores the
earlier version after a page that shows what that changes, by keyboard; the restore is a
new version. axe-core checks every page on the way.
"""

import re

from playwright.sync_api import expect

from knowledge import versions
from knowledge.models import Resource

from ..factories import make_item, make_member
from .conftest import assert_accessible, log_in

BEFORE = "Een maandelijkse tafel met bewoners."
AFTER = "Een wekelijkse tafel met bewoners en ondernemers."


def test_a_member_sees_what_changed_and_restores_the_earlier_version(live_server, page):
    writer = make_member("noor@example.org", display_name="Noor Bakker")
    tool = make_item("buurttafel", writer, title="Buurttafel", summary=BEFORE)

    log_in(page, writer.email, f"/kennisbank/{tool.slug}/bewerken/")
    page.get_by_role("textbox", name="Samenvatting").fill(AFTER)
    page.get_by_role("button", name="Opslaan (blijft gepubliceerd)").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Buurttafel")
    assert_accessible(page)

    page.get_by_role("link", name="Versies").click()
    expect(page).to_have_url(re.compile(r"/kennisbank/buurttafel/versies/$"))
    expect(page.locator(".versions__line")).to_have_count(2)
    assert_accessible(page)

    expect(page.locator(".versions__line a")).to_have_text(["Versie 2", "Versie 1"])
    page.get_by_role("link", name="Versie 2").click()
    expect(page.get_by_text("Versie 2 vergeleken met versie 1")).to_be_visible()
    difference = page.locator(".difference__text")
    expect(difference.locator("ins")).to_have_text(["wekelijkse", "en ondernemers"])
    expect(difference.locator("del")).to_have_text(["maandelijkse"])
    assert_accessible(page)

    page.get_by_role("link", name="versie 1", exact=True).click()  # the one before
    expect(page.get_by_text("Dit is de eerste versie.")).to_be_visible()
    assert_accessible(page)

    # Restoring is asked first, with what it changes; by keyboard alone.
    page.get_by_role("link", name="Deze versie terugzetten").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Versie 1 terugzetten?")
    confirmation = page.locator(".difference__text")
    expect(confirmation.locator("ins")).to_have_text(["maandelijkse"])
    expect(confirmation.locator("del")).to_have_text(["wekelijkse", "en ondernemers"])
    assert_accessible(page)
    assert Resource.objects.get(pk=tool.pk).summary == AFTER  # nothing restored yet
    page.get_by_role("button", name="Versie 1 terugzetten").focus()
    page.keyboard.press("Enter")

    expect(page.get_by_text("is teruggezet. Dat is een nieuwe versie.")).to_be_visible()
    expect(page.locator(".versions__line")).to_have_count(3)
    assert_accessible(page)
    assert Resource.objects.get(pk=tool.pk).summary == BEFORE
    assert versions.current_version(tool).history_user == writer
