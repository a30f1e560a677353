"""Shared fixtures and the rules of the test run itself.

- Tests marked `postgresql` run only when the database is PostgreSQL (`make
  test-postgres`, CI); elsewhere they are deselected rather than skipped.
- With CI set, a skipped test fails the run: a browser or database that is missing
  in CI is a broken CI, not a reason to pass.
"""

import os
import threading
from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.core.cache import caches
from django.utils import timezone

from atelier.coordinator import COORDINATOR_GROUP
from members.models import MembershipStatus, ParticipationLevel, Profile, User
from sessions_app.models import Event, EventKind, EventStatus

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
    # Built pages too (atelier/page_cache.py): the cache stays on, so every test runs
    # through it as production does.
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pages"},
    }
    caches["default"].clear()
    caches["pages"].clear()


@pytest.fixture
def page_cache_off(settings):
    """Build every page afresh: for tests that count what building a page costs."""
    settings.PAGE_CACHE_SECONDS = 0


def run_threads(threads: list[threading.Thread], timeout: float) -> None:
    """Start the threads, wait for them all, and fail if one is still running (a
    deadlock, most likely) after `timeout` seconds."""
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout)
    stuck = [thread.name for thread in threads if thread.is_alive()]
    assert not stuck, f"threads still running after {timeout:.0f} s (deadlock?): {stuck}"


def make_user(email: str = "lid@example.org", password: str = PASSWORD, **fields) -> User:
    """An account with a verified primary e-mail address, as after sign-up."""
    user = User.objects.create_user(email, password, **fields)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


def make_coordinator(email: str = "coordinator@example.org") -> User:
    user = make_user(email, is_staff=True)
    user.groups.add(Group.objects.get(name=COORDINATOR_GROUP))
    return user


def make_profile(
    user: User,
    status: str = MembershipStatus.ACTIVE,
    level: str = ParticipationLevel.MEETINGS,
    **fields,
) -> Profile:
    now = timezone.now()
    defaults = {
        "display_name": user.email.split("@")[0].replace(".", " ").title(),
        "organisation": "Zuyd Hogeschool",
        "sector": "research",
        "motivation": "Ik deel mijn ervaring met buurtwerk en leer graag van anderen.",
        "privacy_consent_at": now,
        "approved_at": now if status != MembershipStatus.APPLIED else None,
    }
    return Profile.objects.create(
        user=user, status=status, participation_level=level, **{**defaults, **fields}
    )


def make_member(
    email: str = "deelnemer@example.org", level: str = ParticipationLevel.MEETINGS, **fields
) -> User:
    """An approved, active member at the given participation level."""
    user = make_user(email)
    make_profile(user, MembershipStatus.ACTIVE, level, **fields)
    return user


def make_event(
    slug: str = "bijeenkomst",
    kind: str = EventKind.MEETING,
    status: str = EventStatus.PUBLISHED,
    days_ahead: float = 7,
    capacity: int | None = None,
    **fields,
) -> Event:
    """A published event a week from now, two hours long."""
    start = timezone.now() + timedelta(days=days_ahead)
    defaults = {
        "title": slug.replace("-", " ").capitalize(),
        "summary": "Samen leren over samenlevingsopbouw.",
        "start": start,
        "end": start + timedelta(hours=2),
        "place": "Zuyd Hogeschool, Heerlen",
    }
    return Event.objects.create(
        slug=slug, kind=kind, status=status, capacity=capacity, **{**defaults, **fields}
    )


# The six roles of docs/design.md's access table.
ROLES = [
    "visitor",
    "applicant",
    "member_public_events",
    "member_online",
    "member_meetings",
    "coordinator",
]


def make_role(role: str) -> User | None:
    """A user in one of the six roles (None for the anonymous visitor)."""
    if role == "visitor":
        return None
    if role == "applicant":
        user = make_user("aanvrager@example.org")
        make_profile(user, MembershipStatus.APPLIED, ParticipationLevel.MEETINGS)
        return user
    if role == "coordinator":
        return make_coordinator()
    level = role.removeprefix("member_")
    return make_member(f"{level.replace('_', '-')}@example.org", level)


@pytest.fixture
def user(db):
    return make_user()


@pytest.fixture
def coordinator(db):
    return make_coordinator()


@pytest.fixture
def member(db):
    return make_member()
