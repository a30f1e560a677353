"""E-mail settings, the daily digest and one-click unsubscribe, in a real browser.

A member opens "E-mails" from their profile, first sends a forged choice and reads the
message, then moves comments to the daily digest and saves. Someone comments on an item
they follow; `send_digests --period daily` runs (as cron would) and the digest arrives
with the comment's line. They open the unsubscribe address from the e-mail, press the
button, and the daily digest is off. axe-core checks every page on the way.
"""

import re

from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from notifications.models import Frequency, Kind, Notification
from notifications.preferences import frequencies_of

from ..factories import make_item, make_member
from ..helpers import mails_to
from .conftest import assert_accessible, log_in

EMAIL = "sanne.hendriks@example.org"


def test_a_member_chooses_a_daily_digest_gets_it_and_unsubscribes(page, live_server, settings):
    settings.SITE_URL = live_server.url  # the address the e-mail links to
    settings.DIGEST_HOUR = 0  # today's daily digest is due whenever the test runs
    member = make_member(EMAIL, display_name="Sanne Hendriks")
    item = make_item("de-buurtkaart", title="De buurtkaart")

    log_in(page, EMAIL, "/")
    page.goto("/profiel/")
    page.get_by_role("link", name="E-mails").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("E-mails")
    comments = page.get_by_role("group", name="Nieuwe reacties")
    expect(
        comments.get_by_role("radio", name="In een wekelijks overzicht (standaard)")
    ).to_be_checked()
    assert_accessible(page)

    # A forged value: the form is refused with a message, nothing is saved.
    page.evaluate("document.querySelector('input[name=comments][value=weekly]').value = 'elk-uur'")
    page.get_by_role("button", name="E-mailinstellingen opslaan").click()
    expect(page).to_have_title(re.compile("^Fout:"))
    expect(page.get_by_role("alert")).to_contain_text("Kies hoe vaak je hoort van nieuwe reacties.")
    assert_accessible(page)

    comments = page.get_by_role("group", name="Nieuwe reacties")
    comments.get_by_role("radio", name="In een dagelijks overzicht").check()
    page.get_by_role("button", name="E-mailinstellingen opslaan").click()
    expect(page.get_by_role("status")).to_have_text("Je e-mailinstellingen zijn opgeslagen.")
    assert frequencies_of(member)[Kind.COMMENTS] == Frequency.DAILY
    assert_accessible(page)

    # Someone comments on what she follows: the notification n-follow's code would make.
    Notification.objects.create(
        user=member,
        kind=Kind.COMMENTS,
        target_type=ContentType.objects.get_for_model(item),
        target_id=item.pk,
        count=2,
        updated_at=timezone.now(),
    )
    call_command("send_digests", "--period", "daily")
    (digest,) = mails_to(EMAIL)
    assert digest.subject == "Je dagelijkse overzicht van het Leeratelier"
    assert "2 nieuwe reacties op “De buurtkaart”" in digest.body
    unsubscribe = digest.extra_headers["List-Unsubscribe"].strip("<>")
    assert unsubscribe in digest.body

    page.goto(unsubscribe)
    expect(page.get_by_role("heading", level=1)).to_have_text("Afmelden")
    expect(page.get_by_text("het dagelijkse overzicht")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Afmelden").click()
    expect(page.get_by_role("status")).to_contain_text(
        "s***@example.org krijgt het dagelijkse overzicht niet meer."
    )
    assert_accessible(page)
    assert frequencies_of(member)[Kind.COMMENTS] == Frequency.IN_SITE
