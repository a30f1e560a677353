"""The outgoing mail queue (atelier/mail_queue.py): every e-mail is a row and a task; one
e-mail per key and address; retries with back-off, then "failed"; lost rows put back."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from atelier.mail import send_templated_mail
from atelier.mail_queue import (
    MAX_ATTEMPTS,
    RETRY_DELAYS,
    deliver_queued_mail,
    prune_sent,
    requeue_lost,
    send_again,
)
from atelier.models import OutgoingMail

pytestmark = pytest.mark.django_db

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
TEMPLATE = "members/email/approved"


def context():
    return {"profile": None, "site": None, "profile_url": "https://e.org/p", "login_url": "x"}


@pytest.fixture
def database_queue(settings):
    """Tasks wait in the database, as in production, instead of running at once."""
    settings.TASKS = DATABASE_QUEUE


def queue(key="approved:1", to=("lid@example.org",)):
    return send_templated_mail(TEMPLATE, context(), list(to), key=key)


def test_an_email_is_a_row_and_a_task_and_the_task_sends_it(database_queue):
    assert queue() == 1

    row = OutgoingMail.objects.get()
    assert row.status == OutgoingMail.Status.QUEUED
    assert (row.to, row.key) == ("lid@example.org", "approved:1")
    assert "Leeratelier" in row.subject
    task = DBTaskResult.objects.get()
    assert task.args_kwargs == {"args": [row.pk], "kwargs": {}}
    assert mail.outbox == []  # nothing leaves before the worker runs the task

    assert deliver_queued_mail.call(row.pk) == "sent"

    row.refresh_from_db()
    assert (row.status, row.attempts) == (OutgoingMail.Status.SENT, 1)
    assert row.sent_at is not None
    assert row.text == row.html == ""  # what was sent is not kept
    assert [message.to for message in mail.outbox] == [["lid@example.org"]]


def test_the_same_key_to_the_same_address_is_queued_once(database_queue):
    assert queue() == 1
    assert queue() == 0  # a double click, a command run twice

    assert OutgoingMail.objects.count() == DBTaskResult.objects.count() == 1


def test_the_same_key_reaches_each_address_once():
    assert queue(to=["een@example.org", "twee@example.org"]) == 2
    assert queue(to=["twee@example.org", "drie@example.org"]) == 1

    assert sorted(message.to[0] for message in mail.outbox) == [
        "drie@example.org", "een@example.org", "twee@example.org",
    ]  # fmt: skip


def test_without_a_key_every_call_sends():
    assert send_templated_mail(TEMPLATE, context(), ["lid@example.org"]) == 1
    assert send_templated_mail(TEMPLATE, context(), ["lid@example.org"]) == 1

    assert len(mail.outbox) == 2


def test_a_second_task_for_a_sent_row_sends_nothing(database_queue):
    queue()
    row = OutgoingMail.objects.get()

    assert deliver_queued_mail.call(row.pk) == "sent"
    assert deliver_queued_mail.call(row.pk) == "not waiting"

    assert len(mail.outbox) == 1


def test_the_queued_row_goes_with_a_transaction_that_is_rolled_back(database_queue):
    class Undone(Exception):
        pass

    with pytest.raises(Undone), transaction.atomic():
        queue()
        raise Undone

    assert not OutgoingMail.objects.exists()
    assert not DBTaskResult.objects.exists()


def test_html_part_and_attachment_survive_the_queue(database_queue):
    send_templated_mail(
        "questions/email/new_answer",
        {"question": {"title": "Vraag"}, "answer": None, "author_name": "Ans"},
        ["lid@example.org"],
        attachments=[("bijeenkomst.ics", b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "text/calendar")],
        headers={"List-Unsubscribe": "<https://e.org/uit/>"},
        key="answer:1",
    )
    deliver_queued_mail.call(OutgoingMail.objects.get().pk)

    (message,) = mail.outbox
    assert [mimetype for _content, mimetype in message.alternatives] == ["text/html"]
    assert message.attachments == [
        ("bijeenkomst.ics", "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "text/calendar")
    ]
    assert message.extra_headers["List-Unsubscribe"] == "<https://e.org/uit/>"


def test_a_refused_email_is_tried_again_later_with_growing_waits(database_queue, settings):
    settings.EMAIL_BACKEND = "tests.mail_backends.RefusingBackend"
    queue()
    row = OutgoingMail.objects.get()

    waits = []
    for _attempt in range(MAX_ATTEMPTS - 1):
        before = timezone.now()
        assert deliver_queued_mail.call(row.pk) == "retry"
        row.refresh_from_db()
        assert row.status == OutgoingMail.Status.QUEUED
        assert "SMTPDataError" in row.last_error
        waits.append(row.next_attempt_at - before)
        # Its task waits in the database until the retry is due.
        assert DBTaskResult.objects.filter(run_after=row.next_attempt_at).exists()
        assert deliver_queued_mail.call(row.pk) == "not waiting"  # not due yet
        OutgoingMail.objects.filter(pk=row.pk).update(next_attempt_at=timezone.now())

    assert [round(wait / timedelta(minutes=1)) for wait in waits] == [
        round(delay / timedelta(minutes=1)) for delay in RETRY_DELAYS
    ]
    assert deliver_queued_mail.call(row.pk) == "failed"
    row.refresh_from_db()
    assert (row.status, row.attempts) == (OutgoingMail.Status.FAILED, MAX_ATTEMPTS)
    assert mail.outbox == []


def test_a_failed_email_can_be_sent_again(database_queue):
    queue()
    row = OutgoingMail.objects.get()
    OutgoingMail.objects.filter(pk=row.pk).update(
        status=OutgoingMail.Status.FAILED, attempts=MAX_ATTEMPTS, last_error="451"
    )

    assert send_again(OutgoingMail.objects.all()) == 1
    assert send_again(OutgoingMail.objects.all()) == 0  # only failed ones

    row.refresh_from_db()
    assert (row.status, row.attempts) == (OutgoingMail.Status.QUEUED, 0)
    assert deliver_queued_mail.call(row.pk) == "sent"
    assert len(mail.outbox) == 1


def test_rows_left_sending_or_without_a_task_are_put_back(database_queue):
    now = timezone.now()
    for key in ["stuck", "lost", "fresh", "sent"]:
        queue(key=key)
    long_ago = now - timedelta(hours=1)
    OutgoingMail.objects.filter(key="stuck").update(
        status=OutgoingMail.Status.SENDING, claimed_at=long_ago
    )
    OutgoingMail.objects.filter(key="lost").update(next_attempt_at=long_ago)
    OutgoingMail.objects.filter(key="sent").update(
        status=OutgoingMail.Status.SENT, next_attempt_at=long_ago
    )
    DBTaskResult.objects.all().delete()

    assert requeue_lost(timedelta(minutes=10), now=now) == 2

    tasks = DBTaskResult.objects.all()
    put_back = OutgoingMail.objects.filter(pk__in=[t.args_kwargs["args"][0] for t in tasks])
    assert sorted(put_back.values_list("key", flat=True)) == ["lost", "stuck"]
    assert set(put_back.values_list("status", flat=True)) == {OutgoingMail.Status.QUEUED}


def test_sent_rows_are_forgotten_after_a_while(database_queue):
    now = timezone.now()
    queue(key="old")
    queue(key="new")
    queue(key="waiting")
    OutgoingMail.objects.filter(key="old").update(
        status=OutgoingMail.Status.SENT, sent_at=now - timedelta(days=31)
    )
    OutgoingMail.objects.filter(key="new").update(
        status=OutgoingMail.Status.SENT, sent_at=now - timedelta(days=29)
    )

    assert prune_sent(timedelta(days=30), now=now) == 1

    assert sorted(OutgoingMail.objects.values_list("key", flat=True)) == ["new", "waiting"]


def test_the_command_shows_the_queue_and_the_failed_ones(database_queue, capsys):
    queue(key="waiting")
    queue(key="failed", to=["kapot@example.org"])
    OutgoingMail.objects.filter(key="failed").update(
        status=OutgoingMail.Status.FAILED, last_error="SMTPDataError: 451"
    )

    call_command("mail_queue")

    output = capsys.readouterr().out
    assert "1" in output.splitlines()[0]  # waiting: 1
    assert "kapot@example.org: SMTPDataError: 451" in output
