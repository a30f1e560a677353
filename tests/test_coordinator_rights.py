"""The coordinator's rights in the admin give no way into an account that is not theirs.

Each test is one path of docs/security.md ("The coordinator's rights"): the attack is
made through the admin with the coordinator's real permissions, then the reset or login
flow an attacker would use next is run, and the account must still be its owner's.
"""

import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse

from atelier.coordinator import COORDINATOR_GROUP
from atelier.models import Page
from members.models import User

from .factories import PASSWORD, make_member, make_user

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "overgenomen-wachtwoord-31"
# An address the coordinator reads mail for, but that is not on any account.
ATTACKER_MAILBOX = "coordinator.thuis@example.org"


@pytest.fixture
def superuser(db):
    boss = User.objects.create_superuser("beheer@example.org", PASSWORD)
    EmailAddress.objects.create(user=boss, email=boss.email, verified=True, primary=True)
    return boss


def reset_password_by_mail(client, email: str) -> None:
    """What the attacker does next: ask a reset for the address and follow any link."""
    client.logout()
    mail.outbox.clear()
    client.post(reverse("account_reset_password"), {"email": email})
    for message in mail.outbox:
        found = re.search(r"https?://[^/\s]+(/accounts/password/reset/key/\S+)", message.body)
        if found and message.to == [email]:
            page = client.get(found.group(1), follow=True)
            url = page.redirect_chain[-1][0] if page.redirect_chain else found.group(1)
            client.post(url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    client.logout()


def assert_still_the_owners(client, account: User, email: str) -> None:
    account.refresh_from_db()
    assert account.check_password(PASSWORD), "the attacker set the account's password"
    response = client.post(reverse("account_login"), {"login": email, "password": NEW_PASSWORD})
    assert client.session.get("_auth_user_id") != str(account.pk), response


def test_the_coordinator_cannot_move_an_address_to_the_superusers_account(
    client, coordinator, superuser
):
    # The coordinator adds an address of their own to their account (as any member can).
    own = EmailAddress.objects.create(user=coordinator, email=ATTACKER_MAILBOX, verified=False)
    client.force_login(coordinator)
    client.post(
        reverse("admin:account_emailaddress_change", args=[own.pk]),
        {"user": superuser.pk, "email": ATTACKER_MAILBOX, "verified": "on"},
    )
    reset_password_by_mail(client, ATTACKER_MAILBOX)
    assert_still_the_owners(client, superuser, ATTACKER_MAILBOX)
    own.refresh_from_db()
    assert own.user == coordinator and not own.verified


def test_the_coordinator_cannot_rewrite_a_staff_accounts_address(client, coordinator, superuser):
    address = EmailAddress.objects.get(user=superuser)
    client.force_login(coordinator)
    response = client.post(
        reverse("admin:account_emailaddress_change", args=[address.pk]),
        {"user": superuser.pk, "email": ATTACKER_MAILBOX, "verified": "on", "primary": "on"},
    )
    assert response.status_code == 403
    address.refresh_from_db()
    assert address.email == superuser.email
    reset_password_by_mail(client, ATTACKER_MAILBOX)
    assert_still_the_owners(client, superuser, ATTACKER_MAILBOX)


def test_the_coordinator_cannot_rewrite_a_members_verified_address(client, coordinator):
    member = make_member("lid@example.org")
    address = EmailAddress.objects.get(user=member)
    client.force_login(coordinator)
    client.post(
        reverse("admin:account_emailaddress_change", args=[address.pk]),
        {"user": member.pk, "email": ATTACKER_MAILBOX, "verified": "on", "primary": "on"},
    )
    reset_password_by_mail(client, ATTACKER_MAILBOX)
    assert_still_the_owners(client, member, ATTACKER_MAILBOX)
    address.refresh_from_db()
    assert address.email == "lid@example.org"


def test_the_coordinator_cannot_mark_an_address_verified(client, coordinator):
    member = make_member("lid@example.org")
    unverified = EmailAddress.objects.create(user=member, email="nieuw-adres@example.org")
    client.force_login(coordinator)
    client.post(
        reverse("admin:account_emailaddress_changelist"),
        {"action": "make_verified", "_selected_action": [unverified.pk]},
    )
    unverified.refresh_from_db()
    assert not unverified.verified


def test_the_coordinator_still_sees_a_members_addresses(client, coordinator):
    member = make_member("lid@example.org")
    client.force_login(coordinator)
    response = client.get(reverse("admin:account_emailaddress_changelist"))
    assert response.status_code == 200
    assert "lid@example.org" in response.content.decode()
    address = EmailAddress.objects.get(user=member)
    page = client.get(reverse("admin:account_emailaddress_change", args=[address.pk]))
    assert page.status_code == 200
    assert "lid@example.org" in page.content.decode()


def test_the_coordinator_cannot_change_a_members_login_address(client, coordinator):
    # The User admin: the account's own e-mail is a login and reset address as well.
    member = make_member("lid@example.org")
    client.force_login(coordinator)
    client.post(
        reverse("admin:members_user_change", args=[member.pk]),
        {"email": ATTACKER_MAILBOX, "is_active": "on"},
    )
    reset_password_by_mail(client, ATTACKER_MAILBOX)
    assert_still_the_owners(client, member, ATTACKER_MAILBOX)
    member.refresh_from_db()
    assert member.email == "lid@example.org"


def test_the_coordinator_can_still_block_a_members_account(client, coordinator):
    member = make_member("lid@example.org")
    client.force_login(coordinator)
    response = client.post(
        reverse("admin:members_user_change", args=[member.pk]), {"email": member.email}
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    member.refresh_from_db()
    assert not member.is_active


def test_the_coordinator_cannot_raise_rights(client, coordinator):
    member = make_member("lid@example.org")
    client.force_login(coordinator)
    client.post(
        reverse("admin:members_user_change", args=[member.pk]),
        {
            "email": member.email,
            "is_active": "on",
            "is_staff": "on",
            "is_superuser": "on",
            "groups": [Group.objects.get(name=COORDINATOR_GROUP).pk],
        },
    )
    member.refresh_from_db()
    assert not member.is_staff and not member.is_superuser and not member.groups.exists()
    # Nor their own.
    client.post(
        reverse("admin:members_user_change", args=[coordinator.pk]),
        {"email": coordinator.email, "is_active": "on", "is_superuser": "on"},
    )
    coordinator.refresh_from_db()
    assert not coordinator.is_superuser


def test_the_coordinator_cannot_touch_a_staff_account_or_set_passwords(
    client, coordinator, superuser
):
    member = make_member("lid@example.org")
    client.force_login(coordinator)
    change = reverse("admin:members_user_change", args=[superuser.pk])
    assert client.post(change, {"email": ATTACKER_MAILBOX}).status_code == 403
    for account in (superuser, member):
        url = reverse("admin:auth_user_password_change", args=[account.pk])
        response = client.post(url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
        assert response.status_code == 403
        account.refresh_from_db()
        assert account.check_password(PASSWORD)


def test_the_coordinator_cannot_add_accounts_or_addresses(client, coordinator):
    client.force_login(coordinator)
    add_user = client.post(
        reverse("admin:members_user_add"),
        {"email": ATTACKER_MAILBOX, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert add_user.status_code == 403
    add_address = client.post(
        reverse("admin:account_emailaddress_add"),
        {"user": coordinator.pk, "email": ATTACKER_MAILBOX, "verified": "on"},
    )
    assert add_address.status_code == 403
    assert not User.objects.filter(email=ATTACKER_MAILBOX).exists()
    assert not EmailAddress.objects.filter(email=ATTACKER_MAILBOX).exists()


def test_the_coordinators_group_holds_exactly_the_listed_rights(coordinator):
    codenames = set(
        Group.objects.get(name=COORDINATOR_GROUP).permissions.values_list("codename", flat=True)
    )
    assert "view_emailaddress" in codenames
    risky = {
        "change_emailaddress", "add_emailaddress", "delete_emailaddress",
        "add_user", "delete_user", "change_group", "add_group", "change_permission",
        "change_session", "view_session", "change_emailconfirmation",
    }  # fmt: skip
    assert not codenames & risky


def test_site_texts_by_the_coordinator_run_no_script(client, coordinator):
    page = Page.objects.get(key=Page.Key.ABOUT)
    client.force_login(coordinator)
    response = client.post(
        reverse("admin:atelier_page_change", args=[page.pk]),
        {
            "title": "Over",
            "body": "<script>alert(1)</script> [x](javascript:alert(1)) <img src=x onerror=f()>",
            "title_en": "",
            "body_en": "",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    about = client.get(reverse("about")).content.decode()
    assert "<script>alert" not in about
    assert 'href="javascript:' not in about
    assert not re.search(r"<[^>]*\son\w+=", about)


def test_no_admin_page_shows_the_coordinator_sessions_or_groups(client, coordinator):
    # No admin page hands out sessions (a way to act as someone else) or groups.
    client.force_login(coordinator)
    assert client.get("/admin/sessions/session/").status_code == 404
    assert client.get("/admin/auth/group/").status_code in {403, 404}


def test_a_plain_member_cannot_use_the_address_admin(client):
    member = make_user("lid@example.org")
    client.force_login(member)
    response = client.get(reverse("admin:account_emailaddress_changelist"))
    assert response.status_code == 302
