"""The unsubscribe page (/afmelden/<token>/): it names the address it is for, masked; once
switched off it says so instead of asking again; a cut-off or changed link gets a page
that leads to the settings."""

import pytest
from django.test import Client
from django.urls import reverse

from members import unsubscribe
from notifications.unsubscribe import at_once_mail, digest_mail, masked_address

from .factories import make_member
from .helpers import text

pytestmark = pytest.mark.django_db

SETTINGS = "/profiel/meldingen/"


@pytest.fixture
def member():
    return make_member("olga@example.org")


def address(user_id: int, mail_kind: str) -> str:
    return reverse("unsubscribe", args=[unsubscribe.token_for(user_id, mail_kind)])


def test_an_address_is_masked():
    assert masked_address("olga@example.org") == "o***@example.org"
    assert "olga" not in masked_address("olga@example.org")


def test_the_page_names_the_masked_address_and_not_the_whole(member):
    page = text(Client().get(address(member.pk, digest_mail("weekly"))))
    assert "Wil je dat o***@example.org het wekelijkse overzicht niet meer krijgt?" in page
    assert "olga@" not in page


def test_once_switched_off_the_page_says_it_is_done(member):
    url = address(member.pk, digest_mail("weekly"))
    after_post = text(Client().post(url, {"List-Unsubscribe": "One-Click"}))
    again = Client().get(url)

    for page in (after_post, text(again)):
        assert "Afgemeld" in page
        assert "o***@example.org krijgt het wekelijkse overzicht niet meer." in page
        assert "Wil je" not in page and "Afmelden</button>" not in again.content.decode()


def test_the_news_stays_in_the_site_said_only_where_it_does(member):
    assert "bij je meldingen op de site" in text(
        Client().get(address(member.pk, at_once_mail("items")))
    )
    assert "bij je meldingen op de site" not in text(
        Client().get(address(member.pk, unsubscribe.COMMENTS))
    )


def test_the_at_once_label_has_no_colon_mid_sentence(member):
    page = text(Client().get(address(member.pk, at_once_mail("answers"))))
    assert "de e-mails die meteen komen over nieuwe antwoorden" in page
    assert "over:" not in page


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_cut_off_link_gets_a_page_that_leads_to_the_settings(member, method):
    token = unsubscribe.token_for(member.pk, digest_mail("weekly"))
    response = getattr(Client(), method)(f"/afmelden/{token[:20]}/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "Deze afmeldlink werkt niet" in page
    assert f'href="{SETTINGS}"' in page
