"""One setting, "e-mail me about comments and accounts of use on my library items", says
what it does and does both: switched off on the e-mail settings page, neither a comment nor
an account of using one's item sends the author an e-mail
(members.Profile.notify_on_comments)."""

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse

from knowledge import uptake
from knowledge.models import Uptake
from knowledge.sharing import add_comment

from .factories import make_item, make_member
from .helpers import email_settings_data, text

pytestmark = pytest.mark.django_db


@pytest.fixture
def author():
    return make_member("auteur@example.org", display_name="Ans Auteur")


@pytest.fixture
def item(author):
    return make_item("de-buurtkaart", author, title="De buurtkaart")


def comment_and_account(item, captured) -> None:
    other = make_member("ander@example.org", display_name="Bas Ander")
    account = Uptake(used_on="2026-03-14", place="Heerlen", group="bewoners", what_happened="Ja.")
    with captured(execute=True):
        add_comment(item, other, "Mooi instrument!")
        uptake.record(account, item, other)


@pytest.mark.parametrize(
    ("language", "label", "help_text"),
    [
        (
            "nl",
            "Mail mij over reacties en gebruikservaringen bij mijn kennisbankitems",
            "Een e-mail als een lid reageert op een item dat jij schreef, of vertelt hoe die "
            "het in de praktijk gebruikte.",
        ),
        (
            "en",
            "E-mail me about comments and accounts of use on my library items",
            "An e-mail when a member comments on an item you wrote, or tells how they used it "
            "in practice.",
        ),
    ],
)
def test_the_settings_page_says_the_setting_covers_both(client, author, language, label, help_text):
    client.force_login(author)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    page = text(client.get(reverse("members:email_settings")))
    assert label in page and help_text in page


def test_with_the_setting_on_both_send_an_email(author, item, django_capture_on_commit_callbacks):
    comment_and_account(item, django_capture_on_commit_callbacks)
    assert [message.to for message in mail.outbox] == [[author.email], [author.email]]


def test_switched_off_on_the_settings_page_neither_sends_one(
    client, author, item, django_capture_on_commit_callbacks
):
    client.force_login(author)
    # An unticked checkbox is not sent: the form switches the setting off.
    data = email_settings_data(author.profile, notify_on_comments="")
    assert client.post(reverse("members:email_settings"), data).status_code == 302
    author.profile.refresh_from_db()
    assert author.profile.notify_on_comments is False

    comment_and_account(item, django_capture_on_commit_callbacks)

    assert mail.outbox == []
