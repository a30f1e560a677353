"""Shared fixtures and the rules of the test run itself.

- Tests marked `postgresql` run only when the database is PostgreSQL (`make
  test-postgres`, CI); elsewhere they are deselected rather than skipped.
- With CI set, a skipped test fails the run: a browser or database that is missing
  in CI is a broken CI, not a reason to pass.
"""

import os

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.core.cache import caches

from atelier.coordinator import COORDINATOR_GROUP
from members.models import User

PASSWORD = "een-goed-wachtwoord-42"


def pytest_collection_modifyitems(config, items):
    from django.db import connection

    if connection.vendor == "postgresql":
        return
    deselected = [item for item in items if item.get_closest_marker("postgresql")]
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = [item for item in items if not item.get_closest_marker("postgresql")]


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if os.environ.get("CI") and report.skipped and not hasattr(report, "wasxfail"):
        report.outcome = "failed"
        report.longrepr = f"Skipped in CI, which counts as a failure: {report.longrepr}"
    return report


@pytest.fixture(autouse=True)
def _fast_and_isolated(settings, tmp_path):
    # Hashing passwords slowly is a feature in production and a waste in tests.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
    # Rate-limit counters must not leak from one test into the next.
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    caches["default"].clear()


def make_user(email: str = "lid@example.org", password: str = PASSWORD, **fields) -> User:
    """An account with a verified primary e-mail address, as after sign-up."""
    user = User.objects.create_user(email, password, **fields)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


def make_coordinator(email: str = "coordinator@example.org") -> User:
    user = make_user(email, is_staff=True)
    user.groups.add(Group.objects.get(name=COORDINATOR_GROUP))
    return user


@pytest.fixture
def user(db):
    return make_user()


@pytest.fixture
def coordinator(db):
    return make_coordinator()
