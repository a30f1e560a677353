"""allauth's pages and e-mails speak in the site's own voice, in Dutch and in English.

The test takes allauth's own sentences (its English msgids and its Dutch translations,
from the package's catalogue) and fails if any of them shows on an account page, in a
message after an account action or in an account e-mail: every one of those is written
by the site, informal in Dutch ("je"), sentence case in English.
"""

import gettext
import html
import re
from pathlib import Path

import allauth
import pytest
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from django.core import mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from .factories import PASSWORD, make_user

pytestmark = pytest.mark.django_db

ALLAUTH_CATALOGUE = Path(allauth.__file__).parent / "locale/nl/LC_MESSAGES/django.mo"
NEW_PASSWORD = "nog-een-goed-wachtwoord-77"
SITE_URL = "https://leeratelier.example.org"
# allauth's short labels that are the same in any voice ("E-mail", "Wachtwoord") are no
# sentences; these short ones are allauth's voice all the same.
SHORT_STOCK = ["Huidig email", "Hallo van", "Remember Me", "Forgot your password?"]
# Cut at a placeholder, some of allauth's sentences leave an everyday opening that is no
# one's voice ("Er zijn nog %(unused_count)s …"): the site says "Er zijn nog geen …" too.
EVERYDAY = {"Er is nog", "Er zijn nog"}
# Formal Dutch: the site says "je", never "u" or "uw".
FORMAL_DUTCH = re.compile(r"\b(?:[Uu]w|[Uu])\b")


def stock_sentences() -> list[str]:
    """allauth's sentences in both languages, cut at placeholders and markup: every
    piece of three words or more, plus the short ones above."""
    with ALLAUTH_CATALOGUE.open("rb") as catalogue:
        messages = gettext.GNUTranslations(catalogue)._catalog
    texts = set()
    for msgid, msgstr in messages.items():
        if msgid == "" or isinstance(msgid, tuple) and msgid[0] == "":
            continue
        texts.add(msgid[0] if isinstance(msgid, tuple) else msgid)
        texts.add(msgstr)
    pieces = set(SHORT_STOCK)
    for text in texts:
        for piece in re.split(r"%\(\w+\)s|%s|<[^>]+>|\{\{[^}]*\}\}|\n", text):
            piece = " ".join(piece.split()).strip(" .,:;!?")
            if len(piece.split()) >= 3 and piece not in EVERYDAY:
                pieces.add(piece)
    return sorted(pieces)


STOCK = stock_sentences()


def visible_text(page: str) -> str:
    """What a reader sees or hears of a page's main part (and its title)."""
    title = re.search(r"<title>(.*?)</title>", page, re.S).group(1)
    main = page[page.index("<main") : page.index("</main>")]
    labels = " ".join(re.findall(r'(?:aria-label|placeholder|value|title)="([^"]*)"', main))
    text = re.sub(r"<[^>]+>", " ", main)
    return " ".join(html.unescape(f"{title} {text} {labels}").split())


def stock_in(text: str, language: str) -> list[str]:
    found = [sentence for sentence in STOCK if sentence.lower() in text.lower()]
    if language == "nl":
        found += FORMAL_DUTCH.findall(text)
    return found


def link_in(message) -> str:
    return re.search(r"https?://\S+", message.body).group(0)


@pytest.fixture(params=["nl", "en"])
def language(request, client):
    client.cookies["django_language"] = request.param
    return request.param


@pytest.fixture
def site(settings):
    settings.SITE_URL = SITE_URL
    return settings


# --- pages -----------------------------------------------------------------------------------


def reset_link(client, user) -> str:
    client.post(reverse("account_reset_password"), {"email": user.email})
    path = link_in(mail.outbox[-1]).removeprefix(SITE_URL)
    mail.outbox.clear()
    return client.get(path).url  # allauth moves the key into the session


def pages_seen_by_a_visitor(client, user) -> dict:
    wrong_login = client.post(reverse("account_login"), {"login": user.email, "password": "x"})
    bad_signup = client.post(
        reverse("account_signup"), {"email": "nieuw@", "password1": "a", "password2": "b"}
    )
    reset_form = reset_link(client, user)
    confirmation = EmailConfirmationHMAC(
        EmailAddress.objects.create(user=make_user("tweede@example.org"), email="derde@example.org")
    )
    return {
        "login": client.get(reverse("account_login")),
        "login, wrong password": wrong_login,
        "signup": client.get(reverse("account_signup")),
        "signup, bad input": bad_signup,
        "password reset": client.get(reverse("account_reset_password")),
        "password reset, bad input": client.post(reverse("account_reset_password"), {"email": "x"}),
        "password reset done": client.get(reverse("account_reset_password_done")),
        "password reset from key": client.get(reset_form),
        "password reset from key, bad input": client.post(
            reset_form, {"password1": "a", "password2": "b"}
        ),
        "password reset from key, bad key": client.get(
            reverse("account_reset_password_from_key", kwargs={"uidb36": "zz", "key": "fout"}),
            follow=True,
        ),
        "password reset from key done": client.get(reverse("account_reset_password_from_key_done")),
        "verification sent": client.get(reverse("account_email_verification_sent")),
        "confirm e-mail": client.get(reverse("account_confirm_email", args=[confirmation.key])),
        "confirm e-mail, bad key": client.get(reverse("account_confirm_email", args=["fout"])),
        "inactive": client.get(reverse("account_inactive")),
    }


def pages_seen_by_a_member(client, user) -> dict:
    client.force_login(user)
    pages = {
        "e-mail": client.get(reverse("account_email")),
        "e-mail, bad input": client.post(
            reverse("account_email"), {"action_add": "", "email": "geen-adres"}
        ),
        "e-mail, pending change": client.post(
            reverse("account_email"), {"action_add": "", "email": "nieuw@example.org"}, follow=True
        ),
        "password change": client.get(reverse("account_change_password")),
        "password change, bad input": client.post(
            reverse("account_change_password"),
            {"oldpassword": "fout", "password1": "a", "password2": "b"},
        ),
        "password change, done": client.post(
            reverse("account_change_password"),
            {"oldpassword": PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
            follow=True,
        ),
        "reauthenticate": client.get(reverse("account_reauthenticate")),
        "logout": client.get(reverse("account_logout")),
    }
    user.set_unusable_password()
    user.save()
    client.force_login(user)
    pages["password set"] = client.get(reverse("account_set_password"))
    pages["logged out"] = client.post(reverse("account_logout"), follow=True)
    return pages


def assert_own_voice(pages: dict, language: str):
    offenders = {}
    for name, response in pages.items():
        assert response.status_code == 200, (name, response.status_code)
        text = visible_text(response.content.decode())
        if found := stock_in(text, language):
            offenders[name] = found
    assert not offenders, offenders


def test_account_pages_for_a_visitor_speak_in_the_sites_voice(client, site, language, user):
    assert_own_voice(pages_seen_by_a_visitor(client, user), language)


def test_account_pages_for_a_member_speak_in_the_sites_voice(client, site, language, member):
    assert_own_voice(pages_seen_by_a_member(client, member), language)


# --- e-mails ---------------------------------------------------------------------------------


def account_mails_sent(client, user) -> list:
    """Every account e-mail the site's flows send, from a request whose Host is not the
    site's own address."""
    client.defaults["HTTP_HOST"] = "localhost:8000"
    client.post(
        reverse("account_signup"),
        {"email": "nieuw@example.org", "password1": PASSWORD, "password2": PASSWORD},
    )
    client.post(
        reverse("account_signup"),
        {"email": user.email, "password1": PASSWORD, "password2": PASSWORD},
    )
    client.post(reverse("account_reset_password"), {"email": user.email})
    client.post(reverse("account_reset_password"), {"email": "niemand@example.org"})
    client.force_login(user)
    client.post(
        reverse("account_change_password"),
        {"oldpassword": PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    client.post(reverse("account_email"), {"action_add": "", "email": "ander@example.org"})
    return list(mail.outbox)


def test_account_emails_speak_in_the_sites_voice_and_name_the_site(client, site, language, user):
    site.ACCOUNT_EMAIL_NOTIFICATIONS = True
    site.ALLOWED_HOSTS = ["localhost", "testserver"]

    messages = account_mails_sent(client, user)

    assert len(messages) >= 6, [m.subject for m in messages]
    for message in messages:
        text = f"{message.subject}\n{message.body}"
        assert not stock_in(text, language), (message.subject, stock_in(text, language))
        assert "localhost" not in text
        assert "Leeratelier Samenlevingsopbouw" in message.body
        assert message.subject.startswith("[Leeratelier] ")
    links = [link for m in messages for link in re.findall(r"https?://\S+", m.body)]
    assert links and all(link.startswith(SITE_URL) for link in links), links


EMAIL_TEMPLATES = sorted(
    path.name.removesuffix("_message.txt")
    for path in (Path(allauth.__file__).parent / "templates/account/email").glob("*_message.txt")
    if not path.name.startswith("base_")
)
EMAIL_CONTEXT = {
    "current_site": {"name": "Leeratelier Samenlevingsopbouw", "domain": "leeratelier.example.org"},
    "site_url": SITE_URL,
    "email": "lid@example.org",
    "user": None,
    "activate_url": SITE_URL + "/accounts/confirm-email/sleutel/",
    "password_reset_url": SITE_URL + "/accounts/password/reset/key/sleutel/",
    "signup_url": SITE_URL + "/accounts/signup/",
    "code": "ABC123",
    "from_email": "oud@example.org",
    "to_email": "nieuw@example.org",
    "deleted_email": "weg@example.org",
    "ip": "192.0.2.1",
    "user_agent": "Firefox",
    "timestamp": "5 december 2026",
    "recipient": "lid@example.org",
}


@pytest.mark.parametrize("template", EMAIL_TEMPLATES)
@pytest.mark.parametrize("language_code", ["nl", "en"])
def test_every_account_email_template_is_the_sites_own(template, language_code):
    with translation.override(language_code):
        subject = render_to_string(f"account/email/{template}_subject.txt", EMAIL_CONTEXT)
        body = render_to_string(f"account/email/{template}_message.txt", EMAIL_CONTEXT)

    text = f"{subject}\n{body}"
    assert not stock_in(text, language_code), stock_in(text, language_code)
    assert "leeratelier.example.org" in body  # signed with the site's address


ACCOUNT_MESSAGE_TEMPLATES = sorted(
    path.name
    for path in (Path(allauth.__file__).parent / "templates/account/messages").glob("*.txt")
)


@pytest.mark.parametrize("template", ACCOUNT_MESSAGE_TEMPLATES)
@pytest.mark.parametrize("language_code", ["nl", "en"])
def test_every_message_after_an_account_step_is_the_sites_own(template, language_code, user):
    context = {
        "email": "lid@example.org",
        "user": user,
        "recipient": "lid@example.org",
        "phone": "0612345678",
    }
    with translation.override(language_code):
        text = render_to_string(f"account/messages/{template}", context)

    assert text.strip()
    assert not stock_in(text, language_code), stock_in(text, language_code)
