"""Every app server runs the same timers (deploy/systemd/): two runs of a scheduled command
that start at the same moment do its work once.

Reminders are claimed per registration, the backup per day (atelier/scheduled_runs.py);
removing expired sessions is the same DELETE whoever runs it. Digests, follow-ups and
requests for help have their own tests of two runs at once (tests/test_notifications_
digest_overlap.py, tests/test_value_follow_ups.py, tests/test_questions_help_requests.py).
`make test-repeat` runs these 20 times.
"""

import io
import threading
from importlib import import_module

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core import mail
from django.core.management import CommandError, call_command
from django.db import connection

from atelier import backup as backup_module
from atelier.backup import BackupError
from atelier.models import ScheduledRun
from atelier.scheduled_runs import claim_run
from sessions_app.models import EventKind, Registration

from .conftest import run_threads
from .factories import make_event, make_member, make_registration

pytestmark = [pytest.mark.serial, pytest.mark.django_db(transaction=True)]


def at_once(work, runs: int = 2) -> list:
    """`work()` in `runs` threads that start together; what each returned or raised."""
    start = threading.Barrier(runs)
    outcomes: list = []

    def run() -> None:
        try:
            start.wait(timeout=30)
            outcomes.append(work())
        except BaseException as error:  # noqa: BLE001 - reported by the test
            outcomes.append(error)
        finally:
            connection.close()

    run_threads([threading.Thread(target=run, name=f"run-{n}") for n in range(runs)], timeout=120)
    return outcomes


def command(*args: str):
    def run() -> str:
        output = io.StringIO()
        call_command(*args, stdout=output)
        return output.getvalue()

    return run


def test_two_reminder_runs_at_once_send_each_reminder_once():
    event = make_event("morgen", kind=EventKind.PUBLIC, days_ahead=0.5)
    members = [make_member(f"lid{n}@example.org") for n in range(5)]
    for member in members:
        make_registration(event, member)

    outcomes = at_once(command("send_reminders"))

    assert all(isinstance(outcome, str) for outcome in outcomes), outcomes
    assert sorted(message.to[0] for message in mail.outbox) == sorted(m.email for m in members)
    assert not Registration.objects.filter(reminder_sent_at__isnull=True).exists()


def test_two_claims_at_once_one_gets_the_run():
    outcomes = at_once(lambda: claim_run("backup", "day"), runs=4)
    assert sum(isinstance(outcome, ScheduledRun) for outcome in outcomes) == 1
    assert outcomes.count(None) == 3
    assert ScheduledRun.objects.count() == 1


def test_two_backups_at_once_make_one_archive(tmp_path):
    make_member()
    outcomes = at_once(command("backup", "--output", str(tmp_path), "--once-per", "day"))

    assert all(isinstance(outcome, str) for outcome in outcomes), outcomes
    assert len(list(tmp_path.glob("atelier-backup-*.tar.gz"))) == 1
    assert sum("Another server" in outcome for outcome in outcomes) == 1


def test_without_the_claim_each_run_makes_an_archive(tmp_path):
    """What keeps the runs above to one archive is the claim: without it both make one."""
    outcomes = at_once(command("backup", "--output", str(tmp_path)))
    assert all(isinstance(outcome, str) for outcome in outcomes), outcomes
    assert len(list(tmp_path.glob("atelier-backup-*.tar.gz"))) == 2


def test_a_later_run_the_same_day_leaves_the_backup_to_the_first(tmp_path):
    call_command("backup", "--output", str(tmp_path), "--once-per", "day", stdout=io.StringIO())
    output = command("backup", "--output", str(tmp_path), "--once-per", "day")()
    assert "Another server" in output
    assert len(list(tmp_path.glob("atelier-backup-*.tar.gz"))) == 1


def test_a_failed_backup_leaves_the_day_to_the_next_attempt(tmp_path, monkeypatch):
    def refuse(destination):
        raise BackupError("pg_dump is missing")

    monkeypatch.setattr("atelier.management.commands.backup.make_backup", refuse)
    with pytest.raises(CommandError):
        call_command("backup", "--output", str(tmp_path), "--once-per", "day")
    monkeypatch.setattr("atelier.management.commands.backup.make_backup", backup_module.make_backup)

    call_command("backup", "--output", str(tmp_path), "--once-per", "day", stdout=io.StringIO())
    assert len(list(tmp_path.glob("atelier-backup-*.tar.gz"))) == 1


def test_two_clearsessions_at_once_remove_every_expired_session_and_no_other():
    store = import_module(settings.SESSION_ENGINE).SessionStore
    live = []
    for number in range(20):
        session = store()
        session["number"] = number
        session.set_expiry(-60 if number % 2 else 3600)
        session.save()
        live += [] if number % 2 else [session.session_key]

    outcomes = at_once(command("clearsessions"))

    assert all(isinstance(outcome, str) for outcome in outcomes), outcomes
    assert sorted(Session.objects.values_list("session_key", flat=True)) == sorted(live)
