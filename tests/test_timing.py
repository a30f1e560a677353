"""No form tells by its timing whether an address has an account.

Each test sends 20 tries down each of two paths (interleaved, so that a busy machine
slows both alike), one fresh address per try so that no rate limit plays, and compares
the medians: they must lie within 20 % of each other. Time is this process's CPU time
(the test client, the hashing and SQLite all run in it): what a request costs, which on
an idle server is what an attacker's clock sees, without the noise of other processes on
a busy test machine, which made wall-clock medians differ now and then. The hasher is a real
one (PBKDF2, Django's default), with fewer iterations than production's 1 000 000 only
to keep the test short.
"""

import gc
import statistics
import time

import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.core import mail
from django.urls import reverse

from members.models import User

from .factories import PASSWORD, make_event, make_user

pytestmark = pytest.mark.django_db

TRIES = 20
TOLERANCE = 0.20


class MeasuredPBKDF2PasswordHasher(PBKDF2PasswordHasher):
    """Django's default hasher at a cost that makes one hash take tens of milliseconds."""

    iterations = 30_000


class ProductionLikePBKDF2PasswordHasher(PBKDF2PasswordHasher):
    """Django 3.0's default cost: a hash about ten times the rest of a sign-up, as
    production's hash is (about 400 ms against 40 ms)."""

    iterations = 180_000


@pytest.fixture(autouse=True)
def real_hasher(settings):
    settings.PASSWORD_HASHERS = [f"{__name__}.MeasuredPBKDF2PasswordHasher"]
    # The paths are measured, not the limits (tests/test_rate_limits.py tests those).
    settings.ACCOUNT_RATE_LIMITS = False


def timed(request) -> float:
    start = time.process_time()
    request()
    return time.process_time() - start


def assert_same_time(first, second) -> None:
    """`first(n)` and `second(n)` are requests; their median times must be alike."""
    first(-1), second(-1)  # warm up: templates, translations, the password list
    times_first, times_second = [], []
    gc.collect()
    gc.disable()  # a collection would land in one path's try at random
    try:
        for n in range(TRIES):
            times_first.append(timed(lambda n=n: first(n)))
            times_second.append(timed(lambda n=n: second(n)))
    finally:
        gc.enable()
    median_first = statistics.median(times_first)
    median_second = statistics.median(times_second)
    difference = abs(median_first - median_second) / min(median_first, median_second)
    assert difference <= TOLERANCE, (
        f"medians {median_first * 1000:.1f} ms and {median_second * 1000:.1f} ms "
        f"differ by {difference:.0%}"
    )


def test_sign_up_takes_as_long_for_a_known_address_as_for_a_new_one(client, settings):
    # A new account also writes two rows (about 30 ms here, a few ms in production): the
    # hash must weigh against that as in production for the comparison to mean the same.
    settings.PASSWORD_HASHERS = [f"{__name__}.ProductionLikePBKDF2PasswordHasher"]
    for n in range(-1, TRIES):
        make_user(f"bekend{n}@example.org")

    def sign_up(email, n):
        client.logout()
        response = client.post(
            reverse("account_signup"),
            {"email": email, "password1": PASSWORD, "password2": PASSWORD},
        )
        assert response.status_code == 302
        assert response.url == reverse("account_email_verification_sent")

    mail.outbox.clear()
    assert_same_time(
        lambda n: sign_up(f"bekend{n}@example.org", n),
        lambda n: sign_up(f"nieuw{n}@example.org", n),
    )
    # One mail per try on both paths: sending costs the same.
    assert len(mail.outbox) == 2 * (TRIES + 1)
    assert User.objects.filter(email__startswith="nieuw").count() == TRIES + 1


def test_a_wrong_password_takes_as_long_as_an_unknown_account(client):
    for n in range(-1, TRIES):
        make_user(f"bekend{n}@example.org")

    def log_in(email, n):
        response = client.post(
            reverse("account_login"), {"login": email, "password": "fout-wachtwoord"}
        )
        assert response.status_code == 200

    assert_same_time(
        lambda n: log_in(f"bekend{n}@example.org", n),
        lambda n: log_in(f"niemand{n}@example.org", n),
    )


def test_a_password_reset_takes_as_long_for_a_known_address_as_for_an_unknown_one(client):
    for n in range(-1, TRIES):
        make_user(f"bekend{n}@example.org")

    def reset(email, n):
        response = client.post(reverse("account_reset_password"), {"email": email})
        assert response.status_code == 302

    mail.outbox.clear()
    assert_same_time(
        lambda n: reset(f"bekend{n}@example.org", n),
        lambda n: reset(f"niemand{n}@example.org", n),
    )
    assert len(mail.outbox) == 2 * (TRIES + 1)


def test_a_guest_registration_takes_as_long_for_an_address_with_an_account(client):
    event = make_event(slug="open-middag", kind="public")
    for n in range(-1, TRIES):
        make_user(f"bekend{n}@example.org")
    url = reverse("agenda:register_guest", args=[event.slug])

    def register(email, n):
        response = client.post(url, {"name": "Gast", "email": email})
        assert response.status_code == 200

    assert_same_time(
        lambda n: register(f"bekend{n}@example.org", n),
        lambda n: register(f"niemand{n}@example.org", n),
    )
