"""Shared fixtures and the rules of the test run itself (factories: tests/factories.py,
helpers: tests/helpers.py, sample files: tests/samples.py).

- Tests marked `postgresql` run only when the database is PostgreSQL (`make
  test-postgres`, CI); elsewhere they are deselected rather than skipped.
- With CI set, a skipped test fails the run: a browser or database that is missing
  in CI is a broken CI, not a reason to pass.
"""

import os
import threading

import pytest
from django.core.cache import caches

from atelier import page_cache
from members.models import ParticipationLevel
from sessions_app.models import EventKind, EventStatus

from .factories import make_coordinator, make_event, make_member, make_user
from .redis_server import redis_server, shared_redis  # noqa: F401 - fixtures for every test


def pytest_collection_modifyitems(config, items):
    from django.db import connection

    # Each database runs the tests of the other's own parts not at all (not as skips).
    other = "sqlite" if connection.vendor == "postgresql" else "postgresql"
    deselected = [item for item in items if item.get_closest_marker(other)]
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = [item for item in items if not item.get_closest_marker(other)]


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if os.environ.get("CI") and report.skipped and not hasattr(report, "wasxfail"):
        report.outcome = "failed"
        report.longrepr = f"Skipped in CI, which counts as a failure: {report.longrepr}"
    return report


# A moment at the start of a page-cache window (atelier/page_cache.py): a stored page
# stays stored for the whole test, however slow the machine, until a test moves the clock.
PAGE_CACHE_CLOCK = 1_800_000_000.0


@pytest.fixture(autouse=True)
def _fast_and_isolated(settings, tmp_path, monkeypatch):
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
    # Queued e-mail is sent at once, into Django's outbox (tests/test_mail_queue*.py run
    # the database queue and its worker themselves).
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    monkeypatch.setattr(page_cache, "clock", lambda: PAGE_CACHE_CLOCK)


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


@pytest.fixture
def user(db):
    return make_user()


@pytest.fixture
def coordinator(db):
    return make_coordinator()


@pytest.fixture
def member(db):
    return make_member()


@pytest.fixture
def online_member(db):
    return make_member(
        "online@example.org", ParticipationLevel.ONLINE, display_name="Noor de Vries"
    )


@pytest.fixture
def writer(db):
    return make_member("noor.bakker@example.org", display_name="Noor Bakker")


@pytest.fixture
def admin_client(client, coordinator):
    """The coordinator in the admin (replaces pytest-django's superuser client)."""
    assert not coordinator.is_superuser
    client.force_login(coordinator)
    return client


@pytest.fixture
def agenda():
    """A public event, a members' meeting, a draft and a past public event."""
    return {
        "public": make_event("open-dag", kind=EventKind.PUBLIC, title="Open dag", days_ahead=3),
        "meeting": make_event("ledenbijeenkomst", kind=EventKind.MEETING, title="Ledenbijeenkomst"),
        "draft": make_event(
            "concept", kind=EventKind.PUBLIC, title="Concept", status=EventStatus.DRAFT
        ),
        "past": make_event("terugblik", kind=EventKind.PUBLIC, title="Terugblik", days_ahead=-14),
        "past_meeting": make_event("oud-overleg", title="Oud overleg", days_ahead=-30),
    }
