"""Co-authors by consent in a real browser.

1. A member names another as co-author of a new item; the item shows only the writer.
2. The one named opens their requests from their own profile page and accepts (with the
   keyboard); the item now shows both names.

axe-core checks every page on the way.
"""

import re

from playwright.sync_api import expect

from knowledge.models import Authorship

from ..factories import make_member
from .conftest import assert_accessible, log_in, tab_to

TITLE = "Buurttafel als werkvorm"


def test_a_coauthor_is_shown_once_they_accept(browser, live_server, page):
    writer = make_member("noor@example.org", display_name="Noor Bakker")
    ans = make_member("ans@example.org", display_name="Ans de Vries")

    log_in(page, writer.email, "/kennisbank/nieuw/?soort=tool")
    page.get_by_role("textbox", name="Titel").fill(TITLE)
    page.get_by_role("textbox", name="Samenvatting").fill("Een maandelijkse tafel met bewoners.")
    page.get_by_role("textbox", name="Doelgroep").fill("Bewoners en opbouwwerkers.")
    page.get_by_role("textbox", name="Doel", exact=True).fill("Samen signalen bespreken.")
    page.get_by_role("textbox", name="Aanpak").fill("1. Uitnodigen\n2. Aan tafel")
    page.get_by_role("textbox", name="Co-auteurs").fill("Ans de Vries")
    assert_accessible(page)
    page.get_by_role("button", name="Publiceren").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    byline = page.locator("p.meta").first
    expect(byline).to_contain_text("Noor Bakker")
    expect(byline).not_to_contain_text("Ans de Vries")
    assert Authorship.objects.get(user=ans).status == "pending"

    context = browser.new_context(base_url=live_server.url, locale="en-US")
    context.set_default_timeout(10_000)
    invitee = context.new_page()
    log_in(invitee, ans.email, f"/leden/{ans.profile.pk}/")
    invitee.get_by_role("link", name="Verzoeken om co-auteur te zijn").click()
    expect(invitee).to_have_url(re.compile(r"/kennisbank/co-auteurschap/$"))
    expect(invitee.get_by_role("heading", name=TITLE)).to_be_visible()
    assert_accessible(invitee)
    accept = invitee.get_by_role("button", name=f"Instemmen {TITLE}")
    tab_to(invitee, accept)
    invitee.keyboard.press("Enter")
    expect(invitee.get_by_text("Je hebt geen openstaande verzoeken.")).to_be_visible()
    assert_accessible(invitee)

    expect(invitee.get_by_role("link", name=TITLE)).to_have_count(0)  # the request is gone
    invitee.goto(page.url)
    expect(invitee.locator("p.meta").first).to_contain_text("Ans de Vries")
    assert_accessible(invitee)
    context.close()
