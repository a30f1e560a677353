"""The guest registration form and the confirm link, as a guest uses them."""

import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from sessions_app import registration as rules
from sessions_app.models import Event, Registration

from .factories import make_event, make_member
from .helpers import (
    CONFIRMED,
    PENDING,
    PUBLIC,
    REGISTRATION_CLOSED,
    SUBJECT_REGISTERED,
    content,
    statuses,
    text,
)

pytestmark = pytest.mark.django_db


ERROR_SUMMARY_TITLE = "Er is een probleem"
CHECK_YOUR_EMAIL = "Kijk in je mail"
CONFIRM_BUTTON = "Aanmelding bevestigen"
ADDRESS_ALREADY_REGISTERED = "Met dit e-mailadres is al iemand aangemeld voor deze activiteit."
BAD_GUEST_INPUT = {
    "empty": {"name": "", "email": ""},
    "blanks": {"name": "   ", "email": "   "},
    "invalid e-mail": {"name": "Ans de Vries", "email": "ans-at-example"},
    "very long name": {"name": "A" * 10_000, "email": "ans@example.org"},
    "very long e-mail": {"name": "Ans", "email": "a" * 10_000 + "@example.org"},
    "control characters only": {"name": "\x07\x08\x1b", "email": "ans@example.org"},
    "control character in e-mail": {"name": "Ans", "email": "ans\x07@example.org"},
    "null byte": {"name": "Ans\x00de Vries", "email": "ans@example.org"},
    "script as e-mail": {"name": "<script>alert(1)</script>", "email": "<script>@x.nl"},
}


@pytest.mark.parametrize("data", BAD_GUEST_INPUT.values(), ids=BAD_GUEST_INPUT.keys())
def test_bad_guest_input_gets_the_form_back_with_an_error_summary(client, data):
    event = make_event("open-dag", kind=PUBLIC)

    response = client.post(reverse("agenda:register_guest", args=[event.slug]), data)

    assert response.status_code == 200
    page = content(response)
    assert 'class="error-summary"' in page
    assert ERROR_SUMMARY_TITLE in page
    assert re.search(r"<title>\s*Fout:", page)
    errors = response.context["form"].errors
    assert errors
    for field in errors:  # the summary links to the field, the message sits next to it
        assert f'href="#id_{field}"' in page
        assert f'id="id_{field}_error"' in page
    assert "<script>alert(1)" not in page
    assert not Registration.objects.exists()
    assert mail.outbox == []


def test_empty_guest_form_says_in_dutch_what_is_missing(client):
    event = make_event("open-dag", kind=PUBLIC)
    response = client.post(reverse("agenda:register_guest", args=[event.slug]), {})
    page = text(response)
    assert "Vul je naam in." in page
    assert "Vul je e-mailadres in." in page or "Vul een e-mailadres in" in page


def test_control_characters_in_a_guest_name_are_removed(client):
    event = make_event("open-dag", kind=PUBLIC)
    data = {"name": " Ans  de\x07 Vries\x1b", "email": "ans@example.org"}

    client.post(reverse("agenda:register_guest", args=[event.slug]), data)

    assert event.registrations.get().guest_name == "Ans de Vries"


def test_a_guest_cannot_register_for_a_meeting_through_the_form(client, agenda):
    response = client.post(
        reverse("agenda:register_guest", args=["ledenbijeenkomst"]),
        {"name": "Ans", "email": "ans@example.org"},
    )
    assert response.status_code == 404
    assert not Registration.objects.exists()


def test_guest_registers_checks_mail_and_confirms_with_a_button(client):
    event = make_event("open-dag", kind=PUBLIC, capacity=2, title="Open dag")

    response = client.post(
        reverse("agenda:register_guest", args=[event.slug]),
        {"name": "Ans de Vries", "email": "ans@example.org"},
    )

    assert response.status_code == 200
    assert CHECK_YOUR_EMAIL in text(response)
    assert "ans@example.org" in text(response)
    registration = event.registrations.get()
    assert (registration.guest_name, registration.status) == ("Ans de Vries", PENDING)
    (message,) = mail.outbox
    confirm_url = re.search(r"https?://\S+/bevestigen/\S+/", message.body).group(0)
    confirm_path = confirm_url.removeprefix(settings.SITE_URL)

    page = client.get(confirm_path)  # a mail scanner following the link changes nothing

    assert page.status_code == 200
    assert CONFIRM_BUTTON in text(page)
    assert '<form method="post"' in content(page)
    assert statuses(registration) == [PENDING]
    assert event.seats_left() == 2

    done = client.post(confirm_path)

    assert done.status_code == 200
    assert statuses(registration) == [CONFIRMED]
    assert event.seats_left() == 1
    assert mail.outbox[-1].subject == SUBJECT_REGISTERED + "Open dag"


def test_the_confirm_link_after_the_deadline_says_so_in_dutch(client):
    event = make_event("open-dag", kind=PUBLIC, capacity=2)
    guest = rules.register_guest(event, "Ans", "ans@example.org")
    path = reverse("agenda:confirm", args=[guest.token])
    Event.objects.filter(pk=event.pk).update(
        registration_deadline=timezone.now() - timedelta(minutes=1)
    )

    page = client.get(path)

    assert page.status_code == 200
    assert REGISTRATION_CLOSED in text(page)
    assert CONFIRM_BUTTON not in text(page)  # no button that can only fail

    done = client.post(path)  # a page opened before the deadline, sent after it

    assert done.status_code == 200
    assert REGISTRATION_CLOSED in text(done)
    assert statuses(guest) == [PENDING]
    assert event.seats_left() == 2


def test_the_guest_form_answers_alike_for_a_registered_and_a_new_address(client):
    event = make_event("open-dag", kind=PUBLIC, capacity=5)
    rules.register_member(event, make_member("piet@example.org"))
    url = reverse("agenda:register_guest", args=[event.slug])

    registered = client.post(url, {"name": "Piet Jansen", "email": "Piet@Example.org"})
    new = client.post(url, {"name": "Ans de Vries", "email": "ans@example.org"})

    assert registered.status_code == new.status_code == 200

    # The same page, but for the address typed: it tells no one who is registered.
    def page(response, email):  # without what differs per request: the CSRF token
        return re.sub(r'value="[A-Za-z0-9]{64}"', "", text(response).replace(email, "<email>"))

    assert page(registered, "Piet@Example.org") == page(new, "ans@example.org")
    assert CHECK_YOUR_EMAIL in text(registered)
    assert ADDRESS_ALREADY_REGISTERED not in text(registered)
    assert event.registrations.count() == 2
