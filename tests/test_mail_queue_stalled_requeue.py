"""An e-mail a mail worker left "being sent" when it was killed goes out again while the
other workers run on: every five minutes a timer runs `mail_queue --requeue` on every app
server (deploy/systemd/leeratelier-mail-requeue.timer), which gives back what has been
"sending" for longer than --stalled-after, and a running worker sends it, once. (A worker
that starts does the same: tests/test_mail_queue_killed_worker.py.)
"""

import io
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from atelier.mail import send_templated_mail
from atelier.mail_queue import STALLED_AFTER
from atelier.models import OutgoingMail

from .test_scheduled_commands_at_once import at_once, command

# The worker's loop ends and opens database connections as in production: committed data.
pytestmark = pytest.mark.django_db(transaction=True)
ADDRESS = "lid@example.org"
LONG_AGO = STALLED_AFTER + timedelta(minutes=1)


@pytest.fixture(autouse=True)
def database_queue(settings):
    """Tasks wait in the database, as in production, instead of running at once."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def left_sending(claimed_ago: timedelta) -> OutgoingMail:
    """An e-mail as a worker killed while sending it leaves it: claimed `claimed_ago`,
    and its task taken by that worker (running, for ever)."""
    send_templated_mail(
        "members/email/approved",
        {"profile": None, "site": None, "login_url": "https://e.org/"},
        [ADDRESS],
        key="approved:stalled",
    )
    OutgoingMail.objects.update(
        status=OutgoingMail.Status.SENDING, claimed_at=timezone.now() - claimed_ago, attempts=1
    )
    DBTaskResult.objects.update(status=TaskResultStatus.RUNNING)
    return OutgoingMail.objects.get()


def run_worker() -> None:
    """A running worker's loop (django-tasks-db's, which `mail_worker` runs), until
    nothing is due."""
    Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="a-running-worker",
        excluded_queue_names=[],
    ).run()


def requeue() -> str:
    return command("mail_queue", "--requeue")()


def test_the_timer_gives_back_a_stalled_email_and_it_is_sent_once():
    row = left_sending(claimed_ago=LONG_AGO)
    run_worker()
    assert mail.outbox == []  # the running worker has no task for it

    assert requeue() == "1 e-mail(s) put back in the queue.\n"
    run_worker()

    assert [message.to for message in mail.outbox] == [[ADDRESS]]
    row.refresh_from_db()
    assert (row.status, row.attempts) == (OutgoingMail.Status.SENT, 2)
    assert requeue() == "0 e-mail(s) put back in the queue.\n"  # the next run of the timer
    run_worker()
    assert len(mail.outbox) == 1


def test_an_email_that_is_being_sent_now_is_left_to_its_worker():
    row = left_sending(claimed_ago=STALLED_AFTER - timedelta(minutes=1))

    assert requeue() == "0 e-mail(s) put back in the queue.\n"
    run_worker()

    assert mail.outbox == []
    row.refresh_from_db()
    assert row.status == OutgoingMail.Status.SENDING


def test_the_stalled_time_is_an_option():
    left_sending(claimed_ago=timedelta(seconds=30))
    output = io.StringIO()
    call_command("mail_queue", "--requeue", "--stalled-after", "20", stdout=output)
    assert output.getvalue() == "1 e-mail(s) put back in the queue.\n"


@pytest.mark.serial  # threads racing: alone, as tests/test_scheduled_commands_at_once.py
def test_the_timers_of_two_servers_at_once_give_it_back_once():
    left_sending(claimed_ago=LONG_AGO)

    outcomes = at_once(command("mail_queue", "--requeue"))

    assert sorted(outcomes) == [
        "0 e-mail(s) put back in the queue.\n",
        "1 e-mail(s) put back in the queue.\n",
    ]
    assert DBTaskResult.objects.ready().count() == 1
    run_worker()
    assert len(mail.outbox) == 1
