"""One-click unsubscribe (RFC 8058): the signed address, the page with its button, the POST a
mail client sends without cookies or CSRF token, and tokens that cannot be made up or
turned to another person or kind of e-mail."""

import base64
import json
from urllib.parse import quote

import pytest
from django.core import signing
from django.test import Client
from django.urls import reverse

from members import unsubscribe
from members.models import ParticipationLevel, Profile
from notifications.models import Frequency, Kind, NotificationSetting
from notifications.preferences import DEFAULTS, frequencies_of, set_frequencies
from notifications.unsubscribe import at_once_mail, digest_mail

from .factories import make_member

pytestmark = pytest.mark.django_db

ONE_CLICK = {"List-Unsubscribe": "One-Click"}


@pytest.fixture
def member():
    return make_member("sanne@example.org", ParticipationLevel.MEETINGS)


def address(user_id: int, mail_kind: str) -> str:
    return reverse("unsubscribe", args=[unsubscribe.token_for(user_id, mail_kind)])


def mail_client_post(url: str):
    """As a mail client sends it: no cookies, CSRF checks on, the RFC 8058 body."""
    return Client(enforce_csrf_checks=True).post(url, ONE_CLICK)


def test_a_token_names_the_person_and_the_kind(member):
    token = unsubscribe.token_for(member.pk, unsubscribe.COMMENTS)
    assert unsubscribe.read_token(token) == (member.pk, unsubscribe.COMMENTS)


def test_the_one_click_post_switches_the_kind_off_without_login_or_cookies(member):
    response = mail_client_post(address(member.pk, unsubscribe.COMMENTS))

    assert response.status_code == 200
    assert "s***@example.org krijgt e-mails over reacties op je items" in response.content.decode()
    profile = Profile.objects.get(user=member)
    assert profile.notify_on_comments is False
    assert profile.notify_on_answers is True and profile.follow_up_emails is True


def test_posting_twice_is_fine(member):
    url = address(member.pk, unsubscribe.ANSWERS)
    assert mail_client_post(url).status_code == 200
    assert mail_client_post(url).status_code == 200
    assert Profile.objects.get(user=member).notify_on_answers is False


def test_the_page_shows_a_button_and_changes_nothing(member):
    url = address(member.pk, unsubscribe.FOLLOW_UPS)
    response = Client().get(url)

    assert response.status_code == 200
    page = response.content.decode()
    assert '<form method="post">' in page and "Afmelden</button>" in page
    assert "de vraag na een bijeenkomst wat die je opleverde" in page
    assert reverse("members:email_settings") in page
    assert Profile.objects.get(user=member).follow_up_emails is True


def test_the_button_is_a_normal_form_post_that_works(member):
    url = address(member.pk, unsubscribe.FOLLOW_UPS)
    response = Client(enforce_csrf_checks=True).post(url, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert Profile.objects.get(user=member).follow_up_emails is False


def test_a_digest_switches_off_every_kind_in_that_digest(member):
    set_frequencies(member, {**frequencies_of(member), Kind.COMMENTS: Frequency.DAILY})

    assert mail_client_post(address(member.pk, digest_mail("weekly"))).status_code == 200

    frequencies = frequencies_of(member)
    assert frequencies[Kind.COMMENTS] == Frequency.DAILY  # the daily digest stays
    # The e-mail stops, the news stays in the site; what is coming up is only ever e-mail.
    assert {
        kind: frequency for kind, frequency in frequencies.items() if kind != Kind.COMMENTS
    } == {
        **dict.fromkeys([k for k in Kind.values if k != Kind.COMMENTS], Frequency.IN_SITE),
        Kind.EVENTS: Frequency.NEVER,
    }


def test_an_at_once_mail_switches_off_its_own_kind_only(member):
    set_frequencies(member, {**frequencies_of(member), Kind.ANSWERS: Frequency.IMMEDIATELY})

    assert mail_client_post(address(member.pk, at_once_mail(Kind.ANSWERS))).status_code == 200

    assert frequencies_of(member)[Kind.ANSWERS] == Frequency.IN_SITE
    assert frequencies_of(member)[Kind.ITEMS] == Frequency.WEEKLY


def tampered(token: str) -> str:
    return token[:-3] + ("aaa" if not token.endswith("aaa") else "bbb")


def forged(payload: dict) -> str:
    """A token with the right shape, signed with another key."""
    return signing.dumps(payload, key="not-the-site-key", salt=unsubscribe.SALT)


def unsigned(payload: dict) -> str:
    """The payload with another person's id, keeping a real token's signature."""
    data = base64.urlsafe_b64encode(json.dumps(payload).encode()).decode().rstrip("=")
    return data + ":" + signing.dumps({}, salt=unsubscribe.SALT).rsplit(":", 1)[1]


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_token_that_was_changed_or_made_up_finds_nothing(member, method):
    other = make_member("ander@example.org")
    real = unsubscribe.token_for(member.pk, unsubscribe.COMMENTS)
    for token in [
        tampered(real),
        forged({"user": other.pk, "kind": unsubscribe.COMMENTS}),
        unsigned({"user": other.pk, "kind": unsubscribe.COMMENTS}),
        "onbekend",
        "<script>alert(1)</script>",
        "x" * 2000,
    ]:
        url = f"/afmelden/{quote(token, safe='')}/"
        response = getattr(Client(enforce_csrf_checks=True), method)(url, ONE_CLICK)
        assert response.status_code == 404, token
    assert Profile.objects.filter(notify_on_comments=False).count() == 0


def test_a_token_for_another_salt_or_an_unknown_kind_finds_nothing(member):
    other_purpose = signing.dumps({"user": member.pk, "kind": unsubscribe.COMMENTS}, salt="x")
    unknown = unsubscribe.token_for(member.pk, "everything")
    for token in (other_purpose, unknown, unsubscribe.token_for(member.pk, "at-once-events")):
        response = mail_client_post(reverse("unsubscribe", args=[token]))
        assert response.status_code == 404
    assert Profile.objects.get(user=member).notify_on_comments is True


def test_a_token_is_only_for_its_own_person(member):
    other = make_member("ander@example.org")
    mail_client_post(address(member.pk, unsubscribe.COMMENTS))
    assert Profile.objects.get(user=other).notify_on_comments is True


def test_a_deleted_account_finds_nothing(member):
    url = address(member.pk, unsubscribe.COMMENTS)
    member.delete()
    assert mail_client_post(url).status_code == 404


def test_the_headers_carry_the_whole_address(member, settings):
    way_out = unsubscribe.way_out(member.pk, unsubscribe.COMMENTS)
    assert way_out.url.startswith(settings.SITE_URL + "/afmelden/")
    assert way_out.headers == {
        "List-Unsubscribe": f"<{way_out.url}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


def test_at_once_is_nobodys_default():
    """send_waiting_at_once looks only at members who chose "at once" themselves."""
    assert all(Frequency.IMMEDIATELY not in choices.values() for choices in DEFAULTS.values())
    assert not NotificationSetting.objects.exists()
