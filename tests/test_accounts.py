"""Accounts through django-allauth: e-mail login, verification, reset, no enumeration."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse

from members.models import User

from .factories import PASSWORD, make_user

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "nog-een-goed-wachtwoord-77"


def link_in(message) -> str:
    return re.search(r"https?://[^/\s]+(/\S+)", message.body).group(1)


def sign_up(client, email="nieuw@example.org", password=PASSWORD):
    return client.post(
        reverse("account_signup"),
        {"email": email, "password1": password, "password2": password},
    )


def test_sign_up_verify_log_in_log_out(client):
    response = sign_up(client, "Nieuw@Example.org")
    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    user = User.objects.get()
    assert user.email == "nieuw@example.org"
    assert not EmailAddress.objects.get(user=user).verified

    # Mandatory verification: no login before the link is followed.
    client.logout()
    response = client.post(
        reverse("account_login"), {"login": "nieuw@example.org", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    assert "_auth_user_id" not in client.session

    confirm_url = link_in(mail.outbox[0])
    assert client.get(confirm_url).status_code == 200
    response = client.post(confirm_url)
    assert response.status_code == 302
    assert EmailAddress.objects.get(user=user).verified

    client.logout()
    response = client.post(
        reverse("account_login"), {"login": "nieuw@example.org", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == user.pk

    response = client.post(reverse("account_logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_sign_up_mail_is_dutch(client):
    sign_up(client)
    message = mail.outbox[0]
    assert message.subject.startswith("[Leeratelier] ")
    assert "Bevestig" in message.subject or "bevestig" in message.body.lower()


def test_sign_up_with_a_known_address_reveals_nothing(client, user):
    response = sign_up(client, user.email)
    # Same answer as for a new address ...
    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    # ... and the owner of the address is told by mail instead.
    assert User.objects.count() == 1
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [user.email]


def test_wrong_password_and_unknown_account_get_the_same_answer(client, user):
    wrong = client.post(reverse("account_login"), {"login": user.email, "password": "fout"})
    unknown = client.post(
        reverse("account_login"), {"login": "niemand@example.org", "password": "fout"}
    )
    assert wrong.status_code == unknown.status_code == 200
    assert wrong.context["form"].errors == unknown.context["form"].errors


def test_password_reset_for_unknown_address_looks_the_same(client, user):
    known = client.post(reverse("account_reset_password"), {"email": user.email})
    unknown = client.post(reverse("account_reset_password"), {"email": "niemand@example.org"})
    assert known.status_code == unknown.status_code == 302
    assert known.url == unknown.url
    assert [m.to for m in mail.outbox] == [[user.email], ["niemand@example.org"]]


def test_password_reset_sets_a_new_password(client, user):
    client.post(reverse("account_reset_password"), {"email": user.email})
    reset_url = link_in(mail.outbox[0])
    form_page = client.get(reset_url, follow=True)
    assert form_page.status_code == 200
    response = client.post(
        form_page.redirect_chain[-1][0] if form_page.redirect_chain else reset_url,
        {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)


def test_change_password_and_email_pages_for_a_logged_in_user(client, user):
    client.force_login(user)
    assert client.get(reverse("account_change_password")).status_code == 200
    assert client.get(reverse("account_email")).status_code == 200
    response = client.post(
        reverse("account_change_password"),
        {"oldpassword": PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)


def test_account_pages_use_the_site_layout_in_dutch(client):
    response = client.get(reverse("account_login"))
    html = response.content.decode()
    assert 'class="skip-link"' in html
    assert '<html lang="nl">' in html
    assert "Inloggen" in html
    assert 'class="site-footer"' in html


def test_bad_sign_up_shows_dutch_errors_and_saves_nothing(client):
    response = client.post(
        reverse("account_signup"),
        {"email": "geen-adres", "password1": "kort", "password2": "anders"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "<title>Fout:" in html
    assert 'class="error-summary"' in html
    assert "Voer een geldig e-mailadres in." in html
    assert User.objects.count() == 0


@pytest.mark.parametrize(
    "email",
    ["", " ", "a" * 400 + "@example.org", "<script>@example.org", "x@\u0000.nl", "😀@😀"],
)
def test_hostile_sign_up_values_are_refused_cleanly(client, email):
    response = sign_up(client, email)
    assert response.status_code == 200
    assert response.context["form"].errors
    assert User.objects.count() == 0


def test_failed_logins_are_rate_limited(client, user, settings):
    for _attempt in range(5):
        client.post(reverse("account_login"), {"login": user.email, "password": "fout"})
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert "_auth_user_id" not in client.session
    assert response.status_code in {200, 429}


def test_users_log_in_with_email_only(db):
    assert User.USERNAME_FIELD == "email"
    user = make_user("Hoofdletters@Example.ORG")
    assert user.email == "hoofdletters@example.org"


def test_a_new_email_address_counts_only_after_it_is_verified(client, user):
    client.force_login(user)
    response = client.post(
        reverse("account_email"), {"action_add": "", "email": "Ander.Adres@example.org"}
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.email == "lid@example.org"  # nothing changes before the new one is verified

    message = mail.outbox[-1]
    assert message.to == ["ander.adres@example.org"]
    assert client.post(link_in(message)).status_code == 302
    user.refresh_from_db()
    assert user.email == "ander.adres@example.org"
    assert list(EmailAddress.objects.filter(user=user).values_list("email", "primary")) == [
        ("ander.adres@example.org", True)
    ]

    client.logout()
    old = client.post(reverse("account_login"), {"login": "lid@example.org", "password": PASSWORD})
    assert old.status_code == 200
    assert "_auth_user_id" not in client.session
    new = client.post(
        reverse("account_login"), {"login": "ander.adres@example.org", "password": PASSWORD}
    )
    assert new.status_code == 302
    assert int(client.session["_auth_user_id"]) == user.pk


def test_an_address_of_another_account_cannot_be_taken(client, user):
    make_user("bezet@example.org")
    client.force_login(user)
    response = client.post(
        reverse("account_email"), {"action_add": "", "email": "bezet@example.org"}
    )
    user.refresh_from_db()
    assert user.email == "lid@example.org"
    assert not EmailAddress.objects.filter(user=user, email="bezet@example.org", verified=True)
    assert response.status_code in (200, 302)
