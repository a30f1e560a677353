"""The coordinator writes to an event's registrants in the admin, checks the preview and
sends; the e-mails show in the admin's outgoing mail. axe-core clean on every page."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from sessions_app.models import EventKind, RegistrationStatus

from ..factories import make_coordinator, make_event, make_member, make_registration
from .conftest import assert_accessible, log_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_coordinator_previews_and_sends_a_message(page):
    make_coordinator()
    event = make_event("buurtavond", kind=EventKind.PUBLIC, title="Buurtavond")
    make_registration(event, make_member("ans@example.org", display_name="Ans"))
    make_registration(
        event,
        None,
        status=RegistrationStatus.WAITLISTED,
        guest_name="Gast Cor",
        guest_email="cor@example.org",
    )
    # The first pages of a fresh server (templates compiled, the admin's files) take a
    # while on a busy two-core machine.
    page.set_default_navigation_timeout(60_000)
    log_in(page, "coordinator@example.org", f"/admin/sessions_app/event/{event.pk}/change/")
    page.get_by_role("link", name="Bericht aan de aangemelden").click()
    assert_accessible(page)

    page.get_by_role("button", name="Voorbeeld").click()  # empty: refused in Dutch
    expect(page).to_have_title(re.compile("^Fout:"))
    expect(page.get_by_text("Vul een onderwerp in.")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Iedereen met een plaats en iedereen op de wachtlijst", exact=False).check()
    page.get_by_label("Onderwerp").fill("Andere zaal")
    page.get_by_label("Bericht:", exact=True).fill("We zitten dit keer in **zaal 2**.")
    page.get_by_role("button", name="Voorbeeld").click()
    expect(page.get_by_text("Deze e-mail gaat naar 2 mensen", exact=False)).to_be_visible()
    expect(page.locator("pre.mail-preview")).to_contain_text("zaal 2")
    assert_accessible(page)
    assert mail.outbox == []

    page.get_by_role("button", name="Dit bericht versturen").click()
    expect(page.get_by_text("Het bericht staat klaar voor 2 mensen.")).to_be_visible()
    assert sorted(message.to[0] for message in mail.outbox) == [
        "ans@example.org", "cor@example.org",
    ]  # fmt: skip

    page.goto("/admin/atelier/outgoingmail/")
    expect(page.get_by_role("cell", name="cor@example.org", exact=True)).to_be_visible()
    assert_accessible(page)
