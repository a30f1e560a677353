"""Two runs of send_digests at once (cron starting one before the last ended, or two
servers): each member gets one digest, each notification is in one digest."""

import threading

import pytest
from django.core import mail
from django.db import connection

from notifications import digests
from notifications.models import DigestSent, Kind, Notification
from sessions_app.models import EventKind

from .conftest import run_threads
from .factories import make_event, make_item, make_member
from .test_notifications_digests import NOW, notify

MEMBERS = 6


def overlapping_runs(monkeypatch) -> list:
    """Both runs list the members due a digest before either claims one (each waits on a
    barrier after listing)."""
    listed = threading.Barrier(2)
    list_recipients = digests.recipients

    def recipients_then_meet(period):
        due = list(list_recipients(period))
        listed.wait(timeout=30)
        return due

    monkeypatch.setattr(digests, "recipients", recipients_then_meet)
    outcomes: list = []

    def run() -> None:
        try:
            outcomes.append(digests.send_digests("weekly", NOW).sent)
        except BaseException as error:  # noqa: BLE001 - reported below
            outcomes.append(error)
        finally:
            connection.close()

    run_threads([threading.Thread(target=run, name=f"run-{n}") for n in range(2)], timeout=60)
    return outcomes


def members_with_news() -> list:
    """Members with news and an event coming up (so that a digest is never empty)."""
    make_event("open-middag", kind=EventKind.PUBLIC, days_ahead=3)
    readers = [make_member(f"lid{n}@example.org") for n in range(MEMBERS)]
    item = make_item("de-buurtkaart")
    for reader in readers:
        notify(reader, item, Kind.COMMENTS, count=2)
    return readers


@pytest.mark.serial
@pytest.mark.django_db(transaction=True)
def test_two_overlapping_runs_send_each_digest_once(monkeypatch):
    readers = members_with_news()

    outcomes = overlapping_runs(monkeypatch)

    assert all(isinstance(outcome, int) for outcome in outcomes), outcomes
    assert sum(outcomes) == MEMBERS == len(mail.outbox)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(r.email for r in readers)
    assert DigestSent.objects.count() == MEMBERS
    assert not Notification.objects.filter(emailed_at__isnull=True).exists()


@pytest.mark.serial
@pytest.mark.django_db(transaction=True)
def test_without_the_claim_overlapping_runs_would_send_twice(monkeypatch):
    """The runs above do overlap: with the DigestSent row taken away, both send all. Even
    then each member gets one e-mail: the mail queue's key (one digest per member and
    period, atelier/mail_queue.py) lets the second through to no one."""
    members_with_news()
    monkeypatch.setattr(digests.DigestRun, "claim", lambda run, user_ids: set(user_ids))

    outcomes = overlapping_runs(monkeypatch)

    assert outcomes == [MEMBERS, MEMBERS]
    assert len(mail.outbox) == MEMBERS
