"""Rate limits on the site's own forms, counted in the cache all workers share."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from knowledge.models import Comment
from sessions_app.models import Registration

from .factories import PASSWORD, ResourceFactory, make_event
from .helpers import resource_data
from .samples import pdf

pytestmark = pytest.mark.django_db


def test_guest_registration_is_limited_per_address(client):
    event = make_event(slug="open-middag", kind="public")
    url = reverse("agenda:register_guest", args=[event.slug])
    data = {"name": "Gast", "email": "gast@example.org"}
    for _attempt in range(3):
        assert client.post(url, data).status_code == 200
    response = client.post(url, data)
    assert response.status_code == 429
    assert "Te veel pogingen" in response.content.decode()
    # The limit does not tell whether the address registered: one pending row, not four.
    assert Registration.objects.filter(guest_email="gast@example.org").count() == 1


def test_guest_registration_is_limited_per_ip_across_addresses(client):
    event = make_event(slug="open-middag", kind="public")
    url = reverse("agenda:register_guest", args=[event.slug])
    statuses = [
        client.post(url, {"name": "Gast", "email": f"gast{n}@example.org"}).status_code
        for n in range(11)
    ]
    assert statuses[:10] == [200] * 10
    assert statuses[10] == 429
    assert Registration.objects.count() == 10


@pytest.fixture
def item(member):
    resource = ResourceFactory(title="Werkvorm", slug="werkvorm", summary="S", body="B")
    resource.set_authors([member])
    return resource


def test_comments_are_limited_per_member(client, member, item):
    client.force_login(member)
    url = reverse("knowledge:comment", args=[item.slug])
    for n in range(10):
        assert client.post(url, {"body": f"Reactie {n}"}).status_code == 302
    response = client.post(url, {"body": "Nog een"})
    assert response.status_code == 200
    assert "Te veel reacties" in response.content.decode()
    assert Comment.objects.count() == 10


def test_uploads_are_limited_per_member(client, member, item):
    client.force_login(member)
    url = reverse("knowledge:edit", args=[item.slug])
    # The item is published: its form needs a tool's required sections.
    data = resource_data(title="Werkvorm", summary="S", draft="1")
    for n in range(10):
        upload = SimpleUploadedFile(f"f{n}.pdf", pdf(), "application/pdf")
        assert client.post(url, {**data, "attachment": upload}).status_code == 302
    upload = SimpleUploadedFile("f.pdf", pdf(), "application/pdf")
    response = client.post(url, {**data, "attachment": upload})
    assert response.status_code == 200
    assert "Te veel uploads" in response.content.decode()
    assert item.attachments.count() == 10


def test_the_count_is_shared_by_every_worker(client, settings):
    """With the database cache (production's default) the count lives in the database,
    where every gunicorn worker reads it, not in one process's memory."""
    from django.db import connection
    from django.test import Client

    settings.CACHES = {
        **settings.CACHES,  # the per-worker "pages" cache stays
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "atelier_cache",
        },
    }
    event = make_event(slug="open-middag", kind="public")
    url = reverse("agenda:register_guest", args=[event.slug])
    for _attempt in range(3):
        client.post(url, {"name": "Gast", "email": "gast@example.org"})
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM atelier_cache")
        assert cursor.fetchone()[0] > 0
    another_visitor = Client()
    response = another_visitor.post(url, {"name": "Gast", "email": "gast@example.org"})
    assert response.status_code == 429


# --- django-allauth's forms: sign-up, login, password reset --------------------------
# The limits are those of ACCOUNT_RATE_LIMITS in atelier/settings.py. That allauth
# answers the same for known and unknown addresses (no enumeration) is tested in
# tests/test_accounts.py; here: the limits, and that a limit reveals nothing either.

TOO_MANY_LOGINS = "Te veel inlogpogingen"


def sign_up(client, email):
    return client.post(
        reverse("account_signup"),
        {"email": email, "password1": PASSWORD, "password2": PASSWORD},
    )


def log_in(client, email, password=PASSWORD, **request):
    return client.post(reverse("account_login"), {"login": email, "password": password}, **request)


def test_sign_up_is_limited_per_ip(client):
    from members.models import User

    for n in range(20):
        assert sign_up(client, f"nieuw{n}@example.org").status_code == 302
        client.logout()
    response = sign_up(client, "nog-een@example.org")
    assert response.status_code == 429
    assert User.objects.count() == 20
    assert not User.objects.filter(email="nog-een@example.org").exists()
    # Looking at the form is not an attempt: the page still opens.
    assert client.get(reverse("account_signup")).status_code == 200


def test_password_reset_is_limited_per_address(client, user):
    url = reverse("account_reset_password")
    for _attempt in range(5):
        assert client.post(url, {"email": user.email}).status_code == 302
    response = client.post(url, {"email": user.email})
    assert response.status_code == 429
    assert len(mail.outbox) == 5
    # Another address from the same place is still served (the per-IP limit is higher).
    assert client.post(url, {"email": "ander@example.org"}).status_code == 302


def test_password_reset_limit_reveals_nothing_about_the_address(client, user):
    url = reverse("account_reset_password")
    answers = {}
    for email in (user.email, "niemand@example.org"):
        answers[email] = [client.post(url, {"email": email}).status_code for _ in range(6)]
    assert answers[user.email] == answers["niemand@example.org"] == [302] * 5 + [429]


def test_password_reset_is_limited_per_ip_across_addresses(client):
    url = reverse("account_reset_password")
    statuses = [
        client.post(url, {"email": f"iemand{n}@example.org"}).status_code for n in range(21)
    ]
    assert statuses == [302] * 20 + [429]
    assert len(mail.outbox) == 20


def test_failed_logins_lock_the_account_even_for_the_right_password(client, user):
    for _attempt in range(5):
        response = log_in(client, user.email, "fout")
        assert response.status_code == 200
        assert TOO_MANY_LOGINS not in response.content.decode()
    response = log_in(client, user.email)
    assert response.status_code == 200
    assert TOO_MANY_LOGINS in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_login_lock_reveals_nothing_about_the_address(client, user):
    def attempts(email, ip):
        # Each from its own address, so that only the per-account limit plays.
        return [
            log_in(client, email, "fout", REMOTE_ADDR=ip).context["form"].errors for _ in range(6)
        ]

    known = attempts(user.email, "192.0.2.1")
    unknown = attempts("niemand@example.org", "192.0.2.2")
    assert known == unknown
    assert TOO_MANY_LOGINS in str(known[5]) and TOO_MANY_LOGINS not in str(known[4])


def test_failed_logins_are_limited_per_ip_across_addresses(client, user):
    for n in range(10):
        assert TOO_MANY_LOGINS not in log_in(client, f"gok{n}@example.org", "fout").content.decode()
    response = log_in(client, user.email)
    assert response.status_code == 200
    assert TOO_MANY_LOGINS in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_login_posts_are_limited_per_ip(client, user):
    # allauth's own limit on the login view (30 a minute from one address), successes
    # included, answered with 429 before the form is even read.
    for _attempt in range(30):
        assert log_in(client, user.email).status_code == 302
        client.logout()
    assert log_in(client, user.email).status_code == 429


def test_per_ip_limits_count_each_client_behind_the_proxy(client, user, settings):
    # Production behind one reverse proxy (README): TRUSTED_PROXY_COUNT=1.
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    proxy = {"REMOTE_ADDR": "127.0.0.1"}
    for n in range(10):
        log_in(client, f"gok{n}@example.org", "fout", HTTP_X_FORWARDED_FOR="198.51.100.7", **proxy)
    assert (
        log_in(client, user.email, HTTP_X_FORWARDED_FOR="198.51.100.7", **proxy).status_code != 302
    )  # that one client is stopped...
    response = log_in(client, user.email, HTTP_X_FORWARDED_FOR="203.0.113.9", **proxy)
    assert response.status_code == 302  # ...everyone else still logs in


def test_without_a_trusted_proxy_a_forged_forwarded_for_does_not_escape_the_limit(client, user):
    for n in range(10):
        log_in(client, f"gok{n}@example.org", "fout", HTTP_X_FORWARDED_FOR=f"198.51.100.{n}")
    response = log_in(client, user.email, HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert response.status_code != 302


def test_the_too_many_requests_page_is_dutch_in_the_sites_layout(client, user):
    for _attempt in range(30):
        log_in(client, user.email)
        client.logout()
    response = log_in(client, user.email)
    assert response.status_code == 429
    page = response.content.decode()
    assert "Te veel pogingen" in page
    assert 'class="site-footer"' in page


# --- The admin's login goes through the site's login ----------------------------------


def test_the_admin_login_sends_to_the_sites_login(client):
    response = client.get(reverse("admin:login") + "?next=/admin/members/profile/")
    assert response.status_code == 302
    target = urlsplit(response.url)
    assert target.path == reverse("account_login")
    assert parse_qs(target.query)["next"] == ["/admin/members/profile/"]


def test_the_admin_login_form_takes_no_password(client, coordinator):
    # Django's own admin form would answer every guess; now it never reads one.
    for _attempt in range(30):
        response = client.post(
            reverse("admin:login"), {"username": coordinator.email, "password": "fout"}
        )
        assert response.status_code == 302
        assert urlsplit(response.url).path == reverse("account_login")
    response = client.post(
        reverse("admin:login"), {"username": coordinator.email, "password": PASSWORD}
    )
    assert urlsplit(response.url).path == reverse("account_login")
    assert "_auth_user_id" not in client.session


def test_staff_logins_are_limited_at_the_sites_count(client, coordinator):
    login_for_admin = reverse("account_login") + "?next=/admin/"
    for _attempt in range(5):
        response = client.post(login_for_admin, {"login": coordinator.email, "password": "fout"})
        assert response.status_code == 200
        assert TOO_MANY_LOGINS not in response.content.decode()
    response = client.post(login_for_admin, {"login": coordinator.email, "password": PASSWORD})
    assert response.status_code == 200
    assert TOO_MANY_LOGINS in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("admin:index")).status_code == 302


def test_staff_log_in_to_the_admin_through_the_sites_login(client, coordinator):
    start = client.get(reverse("admin:index"), follow=True)
    login_page = start.redirect_chain[-1][0]
    assert urlsplit(login_page).path == reverse("account_login")
    response = client.post(login_page, {"login": coordinator.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response.url == reverse("admin:index")
    assert client.get(reverse("admin:index")).status_code == 200


def test_a_member_logged_in_on_the_site_gets_no_admin_login(client, member):
    client.force_login(member)
    assert client.get(reverse("admin:login")).status_code == 403
