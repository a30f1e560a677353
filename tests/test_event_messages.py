"""The coordinator's message to an event's registrants (sessions_app/event_messages.py and
its page in the admin): who gets it, the preview, nothing twice, bad input in Dutch."""

import pytest
from django.core import mail
from django.urls import reverse

from atelier.models import OutgoingMail
from sessions_app.event_messages import Audience, new_message_id, send_message
from sessions_app.models import EventKind, RegistrationStatus

from .factories import make_event, make_member, make_registration
from .test_hostile_input import SPECIALS

pytestmark = pytest.mark.django_db

SUBJECT = "Andere zaal"
BODY = "We zitten dit keer in **zaal 2**."


@pytest.fixture
def event():
    """A public event with two places taken, one guest waiting, and two who are not in."""
    event = make_event("buurtavond", kind=EventKind.PUBLIC, title="Buurtavond")
    make_registration(event, make_member("ans@example.org", display_name="Ans"))
    make_registration(event, None, guest_name="Gast Bert", guest_email="bert@example.org")
    make_registration(
        event,
        None,
        status=RegistrationStatus.WAITLISTED,
        guest_name="Gast Cor",
        guest_email="cor@example.org",
    )
    make_registration(event, make_member("dirk@example.org"), status=RegistrationStatus.CANCELLED)
    make_registration(
        event,
        None,
        status=RegistrationStatus.PENDING,
        guest_name="Gast Els",
        guest_email="els@example.org",
    )
    return event


def addresses():
    return sorted(message.to[0] for message in mail.outbox)


@pytest.mark.parametrize(
    ("audience", "expected"),
    [
        (Audience.CONFIRMED, ["ans@example.org", "bert@example.org"]),
        (Audience.WAITLISTED, ["cor@example.org"]),
        (Audience.BOTH, ["ans@example.org", "bert@example.org", "cor@example.org"]),
    ],
)
def test_the_message_reaches_the_chosen_registrants_guests_included(event, audience, expected):
    assert send_message(event, audience, SUBJECT, BODY, new_message_id()) == len(expected)

    assert addresses() == expected  # never the cancelled one, nor the unconfirmed guest


def test_each_email_greets_the_person_and_links_to_cancelling(event):
    send_message(event, Audience.WAITLISTED, SUBJECT, BODY, new_message_id())

    (message,) = mail.outbox
    assert message.subject == SUBJECT
    assert "Gast Cor" in message.body
    assert "We zitten dit keer in **zaal 2**." in message.body
    assert "/agenda/afmelden/" in message.body
    html = message.alternatives[0][0]
    assert "<strong>zaal 2</strong>" in html


def test_the_same_message_twice_sends_nothing_twice(event):
    message_id = new_message_id()

    assert send_message(event, Audience.BOTH, SUBJECT, BODY, message_id) == 3
    assert send_message(event, Audience.BOTH, SUBJECT, BODY, message_id) == 0

    assert len(mail.outbox) == 3
    # Another message (a new preview) is news of its own.
    assert send_message(event, Audience.CONFIRMED, SUBJECT, BODY, new_message_id()) == 2


# --- the page in the admin --------------------------------------------------------


def page(event):
    return reverse("admin:sessions_app_event_message", args=[event.pk])


def form(**fields):
    return {"audience": Audience.BOTH, "subject": SUBJECT, "body": BODY, **fields}


def test_the_events_change_page_links_to_the_message(admin_client, event):
    response = admin_client.get(reverse("admin:sessions_app_event_change", args=[event.pk]))

    assert page(event) in response.content.decode()


def test_the_preview_shows_the_email_and_how_many_get_it(admin_client, event):
    response = admin_client.post(page(event), form(preview="1"))

    content = response.content.decode()
    assert "3 mensen" in content
    assert "Ans" in content and "We zitten dit keer in **zaal 2**." in content
    assert 'name="send"' in content
    assert mail.outbox == []  # a preview sends nothing


def test_sending_from_the_preview_queues_one_email_each_once(admin_client, event):
    preview = admin_client.post(page(event), form(preview="1")).content.decode()
    message_id = preview.split('name="message_id" value="')[1].split('"')[0]

    for _click in range(2):  # a double click
        response = admin_client.post(page(event), form(send="1", message_id=message_id))
        assert response.status_code == 302

    assert addresses() == ["ans@example.org", "bert@example.org", "cor@example.org"]
    assert OutgoingMail.objects.count() == 3


@pytest.mark.parametrize("message_id", ["", "x" * 32, "../" * 11, "A" * 32])
def test_a_send_without_a_previews_id_sends_nothing(admin_client, event, message_id):
    response = admin_client.post(page(event), form(send="1", message_id=message_id))

    assert response.status_code == 200
    assert mail.outbox == []


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"subject": "", "body": "", "audience": ""}, "Vul een onderwerp in."),
        ({"subject": "", "body": "", "audience": ""}, "Schrijf het bericht."),
        ({"subject": "", "body": "", "audience": ""}, "Kies wie het bericht krijgen."),
        ({"body": "x" * 100_000}, "Het bericht is te lang: ten hoogste 10000 tekens."),
        ({"subject": "x" * 151}, "Het onderwerp is te lang: ten hoogste 150 tekens."),
        ({"audience": "iedereen"}, "Selecteer een geldige keuze."),
    ],
)
def test_bad_input_is_refused_in_dutch(admin_client, event, fields, message):
    response = admin_client.post(page(event), form(preview="1", **fields))

    content = response.content.decode()
    assert response.status_code == 200
    assert message in content
    assert "<title>Fout:" in content
    assert 'name="send"' not in content


def test_nobody_in_the_group_is_refused_in_dutch(admin_client):
    empty = make_event("leeg")

    response = admin_client.post(page(empty), form(preview="1"))

    assert "In deze groep is niemand aangemeld." in response.content.decode()


@pytest.mark.parametrize("payload", SPECIALS)
def test_hostile_input_never_breaks_the_page_nor_reaches_the_email_as_code(
    admin_client, event, payload
):
    response = admin_client.post(page(event), form(preview="1", subject=payload, body=payload))

    assert response.status_code == 200
    content = response.content.decode()
    assert "<script>alert(1)</script>" not in content
    if 'name="send"' in content:
        message_id = content.split('name="message_id" value="')[1].split('"')[0]
        admin_client.post(
            page(event), form(send="1", subject=payload, body=payload, message_id=message_id)
        )
        for message in mail.outbox:
            assert "\n" not in message.subject
            assert "<script>" not in message.alternatives[0][0]


def test_only_the_coordinator_reaches_the_page(client, event):
    client.force_login(make_member("lid@example.org"))

    response = client.post(page(event), form(preview="1"))

    assert response.status_code == 302
    assert reverse("admin:login") in response.url
    assert mail.outbox == []
