"""Hearing of the atelier without visiting it, in one browser journey (issue 17, item 12).

Sanne follows the tag "buurtwerk". Ramon, in another browser, publishes an item with that
tag. Sanne's header counts the notification and /meldingen/ lists it. The weekly digest
(`send_digests --period weekly`, as cron runs it) brings the item to her inbox, through
the mail queue. Her mail program unsubscribes with one click: a POST without cookies or
login to the address in the List-Unsubscribe header, answered 200; the weekly digest is
off, and her e-mail settings page says so. axe-core checks every page on the way; each
step has its own detailed test (test_following, test_digest_settings).
"""

import re

from django.core.management import call_command
from playwright.sync_api import expect

from notifications.models import Frequency, Kind, Notification
from notifications.preferences import frequencies_of

from ..factories import make_item, make_member
from ..helpers import mails_to
from .conftest import assert_accessible, log_in

FOLLOWER = "sanne.hendriks@example.org"
WRITER = "ramon.brouwers@example.org"
TAG = "buurtwerk"
TITLE = "Buurtwerk en de sociale basis"


def test_a_followed_tag_reaches_the_digest_and_one_click_ends_it(
    page, browser, live_server, settings
):
    settings.SITE_URL = live_server.url  # the addresses in the e-mail
    settings.DIGEST_HOUR = 0  # this week's digest is due whenever the test runs
    follower = make_member(FOLLOWER, display_name="Sanne Hendriks")
    writer = make_member(WRITER, display_name="Ramon Brouwers")
    make_item("de-buurtkamer", writer, tags=[TAG])  # the tag has a page in the library

    def new_context():
        context = browser.new_context(base_url=live_server.url, locale="en-US")
        context.set_default_timeout(10_000)
        return context

    # Sanne follows the tag.
    log_in(page, FOLLOWER, f"/kennisbank/?tag={TAG}")
    page.get_by_role("button", name=f"Volgen de tag “{TAG}”").click()
    expect(page.get_by_role("status")).to_contain_text(f"Je volgt nu de tag “{TAG}”.")
    assert_accessible(page)

    # Ramon publishes an item with the tag.
    ramon = new_context().new_page()
    log_in(ramon, WRITER, "/kennisbank/nieuw/?soort=background")
    ramon.get_by_role("textbox", name="Titel").fill(TITLE)
    ramon.get_by_role("textbox", name="Samenvatting").fill("Wat buurtwerk bijdraagt.")
    ramon.get_by_role("textbox", name="Tekst").fill("Buurtwerk verbindt bewoners.")
    ramon.get_by_label("Tags").fill(TAG)
    ramon.get_by_role("radio", name="Iedereen").check()
    ramon.get_by_role("button", name="Publiceren").click()
    expect(ramon.get_by_role("status")).to_have_text("Gepubliceerd.")

    # The notification is in Sanne's header and on /meldingen/.
    page.goto("/")
    menu = page.get_by_role("navigation", name="Hoofdmenu")
    expect(menu.get_by_role("link", name=re.compile("Meldingen"))).to_have_accessible_name(
        "Meldingen (1 ongelezen melding)"
    )
    menu.get_by_role("link", name=re.compile("Meldingen")).click()
    expect(page.get_by_role("link", name=f"Nieuw in de kennisbank: “{TITLE}”")).to_be_visible()
    assert_accessible(page)

    # The weekly digest brings it, through the queue.
    assert mails_to(FOLLOWER) == []
    call_command("send_digests", "--period", "weekly")
    (digest,) = mails_to(FOLLOWER)
    assert digest.subject == "Je wekelijkse overzicht van het Leeratelier"
    assert f"Nieuw in de kennisbank: “{TITLE}”" in digest.body
    assert Notification.objects.get(user=follower).emailed_at is not None
    assert digest.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    unsubscribe = digest.extra_headers["List-Unsubscribe"].strip("<>")
    assert unsubscribe.startswith(live_server.url)

    # One click in her mail program: a POST without cookies or login.
    mail_program = new_context()
    assert mail_program.cookies() == []  # nothing to send along: no session, no CSRF token
    answer = mail_program.request.post(
        unsubscribe, form={"List-Unsubscribe": "One-Click"}, max_redirects=0
    )
    assert answer.status == 200
    assert frequencies_of(follower)[Kind.ITEMS] == Frequency.IN_SITE

    # Her settings page says so.
    page.goto("/profiel/meldingen/")
    items = page.get_by_role("group", name="Nieuwe items in de kennisbank")
    expect(items.get_by_role("radio", name="Alleen op de site, geen e-mail")).to_be_checked()
    assert_accessible(page)
