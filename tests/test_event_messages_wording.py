"""The coordinator's message to an event's registrants: who waits for a place is told how
to leave the waiting list, not to give up a place; the preview shows the text and the HTML
version with an example cancel link, never a real registrant's."""

import pytest
from django.core import mail
from django.urls import reverse

from sessions_app.event_messages import Audience, new_message_id, send_message
from sessions_app.models import Registration, RegistrationStatus

from .test_event_messages import BODY, SUBJECT, event  # noqa: F401 (a fixture)
from .test_questions_emails import html_part

pytestmark = pytest.mark.django_db

GIVE_UP_A_PLACE = "zodat iemand anders je plaats kan innemen"


def sent_to(address):
    (message,) = [message for message in mail.outbox if message.to == [address]]
    return message


def test_the_waiting_list_gets_its_own_wording(event):  # noqa: F811
    send_message(event, Audience.BOTH, SUBJECT, BODY, new_message_id())

    waiting = sent_to("cor@example.org")
    for part in (waiting.body, html_part(waiting)):
        assert "omdat je op de wachtlijst staat voor" in part
        assert "Wil je geen plaats meer? Haal jezelf van de wachtlijst:" in part
        assert GIVE_UP_A_PLACE not in part
    confirmed = sent_to("ans@example.org")
    for part in (confirmed.body, html_part(confirmed)):
        assert GIVE_UP_A_PLACE in part and "wachtlijst" not in part


def test_the_preview_shows_both_versions_with_an_example_link(admin_client, event):  # noqa: F811
    url = reverse("admin:sessions_app_event_message", args=[event.pk])
    data = {"audience": Audience.BOTH, "subject": SUBJECT, "body": BODY, "preview": "1"}
    content = admin_client.post(url, data).content.decode()

    assert "<strong>zaal 2</strong>" in content  # the HTML version, drawn
    assert "We zitten dit keer in **zaal 2**." in content  # the text version
    assert "/agenda/afmelden/voorbeeld/" in content
    for registration in Registration.objects.exclude(status=RegistrationStatus.CANCELLED):
        assert registration.token not in content
