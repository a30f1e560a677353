"""The site's outgoing e-mail: queued in the database, sent by a worker, never twice.

An e-mail is rendered at once and stored as an `OutgoingMail` row, in the transaction of
whatever caused it, with a task (django-tasks, database queue) that sends it; a request
never waits for an SMTP server. The row's key names the event ("reminder:4:17"): a second
e-mail with the same key to the same address is not queued, and a second task for a row
finds it sent and does nothing. An SMTP failure is tried again later (`RETRY_DELAYS`),
then the row is marked failed for the coordinator to see in the admin. A worker killed
while sending leaves its row "sending": `requeue_lost` (run when a worker starts, and by
`manage.py mail_queue --requeue`, which a timer runs every five minutes) puts it back, so
nothing is lost while the other workers run on; the e-mail may then
go out a second time if the kill came after the SMTP server took it, never zero times.
Many e-mails queued at once (a run of digests: `queue_messages`) are many rows with one
task that sends them one after the other, each as its own task would.
"""

import base64
import logging
import uuid
from datetime import datetime, timedelta

from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import F, Q, QuerySet
from django.utils import timezone
from django_tasks import task

from .models import OutgoingMail

logger = logging.getLogger(__name__)

# The waits before the second, third, … attempt; after the last one the mail has failed.
RETRY_DELAYS = (
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(minutes=30),
    timedelta(hours=2),
    timedelta(hours=8),
)
MAX_ATTEMPTS = len(RETRY_DELAYS) + 1
# A row "sending" for longer than this was left by a worker that died (one e-mail takes
# a few SMTP round trips of at most EMAIL_TIMEOUT each), and is sent again.
STALLED_AFTER = timedelta(minutes=10)


def queue_message(message: EmailMessage, key: str | None = None) -> list[OutgoingMail]:
    """Store `message` as one row per address in `message.to` and enqueue their sending.

    `key` names the event the e-mail is about; an address that already has an e-mail
    with this key gets none (a double click, a second run of a command). Without a key
    each call is an event of its own. Call it inside the transaction that makes the
    event: the row and its task are committed, or rolled back, with it (django-tasks-db
    writes the task as a row in that transaction; the worker sees both once committed).
    Returns the rows queued now.
    """
    key = key or f"once:{uuid.uuid4().hex}"
    queued = [mail for mail in _rows({key: message}) if _insert(mail)]
    for mail in queued:
        _enqueue(mail.pk)
    return queued


def queue_messages(messages: dict[str, EmailMessage]) -> int:
    """Queue many e-mails at once, each under its key (a run of digests): as
    `queue_message` does for each, in a fixed number of queries however many there are,
    with one task that sends them all. Returns how many rows were queued now."""
    rows = _rows(messages)
    queued_before = set(
        OutgoingMail.objects.filter(key__in=messages).values_list("key", "to").order_by()
    )
    new = [mail for mail in rows if (mail.key, mail.to) not in queued_before]
    try:
        with transaction.atomic():
            queued = OutgoingMail.objects.bulk_create(new)
    except IntegrityError:  # another run queued some of them meanwhile: one at a time
        queued = [mail for mail in new if _insert(mail)]
    if queued:
        deliver_queued_mails.enqueue([mail.pk for mail in queued])
    return len(queued)


def _rows(messages: dict[str, EmailMessage]) -> list[OutgoingMail]:
    return [
        OutgoingMail(key=key, to=address, **_stored(message))
        for key, message in messages.items()
        for address in message.to
    ]


def _insert(mail: OutgoingMail) -> bool:
    """Store the row unless its address has the e-mail of its key already."""
    try:
        with transaction.atomic():
            mail.save(force_insert=True)
    except IntegrityError:
        return False
    return True


def _stored(message: EmailMessage) -> dict:
    alternatives = getattr(message, "alternatives", [])  # only EmailMultiAlternatives has them
    return {
        "from_email": message.from_email,
        "subject": message.subject,
        "text": message.body,
        "html": next((content for content, kind in alternatives if kind == "text/html"), ""),
        "headers": message.extra_headers,
        "attachments": [
            {
                "filename": filename,
                "content": base64.b64encode(
                    content.encode() if isinstance(content, str) else content
                ).decode("ascii"),
                "mimetype": mimetype,
            }
            for filename, content, mimetype in message.attachments
        ],
    }


def as_message(mail: OutgoingMail) -> EmailMessage:
    """The row as Django's e-mail message, ready for the configured EMAIL_BACKEND."""
    message = EmailMultiAlternatives(
        subject=mail.subject,
        body=mail.text,
        from_email=mail.from_email,
        to=[mail.to],
        headers=mail.headers,
    )
    if mail.html:
        message.attach_alternative(mail.html, "text/html")
    for attachment in mail.attachments:
        content = base64.b64decode(attachment["content"])
        message.attach(attachment["filename"], content, attachment["mimetype"])
    return message


def _enqueue(mail_id: int, run_after: datetime | None = None) -> None:
    if run_after is None:
        deliver_queued_mail.enqueue(mail_id)
    elif deliver_queued_mail.get_backend().supports_defer:
        deliver_queued_mail.using(run_after=run_after).enqueue(mail_id)
    # A backend that cannot wait (tests run tasks at once) leaves the retry to requeue_lost.


@task()
def deliver_queued_mail(mail_id: int) -> str:
    """The worker's task: send one queued row, if it is still waiting and due."""
    now = timezone.now()
    claimed = OutgoingMail.objects.filter(
        pk=mail_id, status=OutgoingMail.Status.QUEUED, next_attempt_at__lte=now
    ).update(status=OutgoingMail.Status.SENDING, claimed_at=now, attempts=F("attempts") + 1)
    if not claimed:
        return "not waiting"  # sent, failed, deleted, or its retry is not due yet
    mail = OutgoingMail.objects.filter(pk=mail_id).first()
    if mail is None:
        return "deleted"  # its account was deleted in the meantime
    try:
        as_message(mail).send()
    # Whatever went wrong (SMTP refusal, network, a bug), the row must say so, not hang.
    except Exception as error:  # noqa: BLE001
        return _failed_attempt(mail, error, now)
    # What was sent is no longer kept: links to reset a password, personal messages.
    OutgoingMail.objects.filter(pk=mail_id).update(
        status=OutgoingMail.Status.SENT,
        sent_at=timezone.now(),
        text="",
        html="",
        attachments=[],
        last_error="",
    )
    return "sent"


@task()
def deliver_queued_mails(mail_ids: list[int]) -> list[str]:
    """The worker's task for e-mails queued together: each row as `deliver_queued_mail`
    sends it (a failed one gets a task of its own for its next attempt)."""
    return [deliver_queued_mail.call(mail_id) for mail_id in mail_ids]


def _failed_attempt(mail: OutgoingMail, error: Exception, now: datetime) -> str:
    description = f"{type(error).__name__}: {error}"[:2000]
    logger.warning(
        "E-mail %s to %s not sent (attempt %d): %s", mail.pk, mail.to, mail.attempts, description
    )
    if mail.attempts >= MAX_ATTEMPTS:
        OutgoingMail.objects.filter(pk=mail.pk).update(
            status=OutgoingMail.Status.FAILED, last_error=description
        )
        return "failed"
    retry_at = now + RETRY_DELAYS[mail.attempts - 1]
    OutgoingMail.objects.filter(pk=mail.pk).update(
        status=OutgoingMail.Status.QUEUED, next_attempt_at=retry_at, last_error=description
    )
    _enqueue(mail.pk, run_after=retry_at)
    return "retry"


def requeue_lost(stalled_after: timedelta = STALLED_AFTER, now: datetime | None = None) -> int:
    """Give the worker again what no task will send: rows a killed worker left "sending"
    for longer than `stalled_after`, and waiting rows due for that long (their task was
    lost, or no worker ran). A second task for a row does nothing, so a row that still
    had one is harmless. Returns how many rows were enqueued."""
    now = now or timezone.now()
    before = now - stalled_after
    lost_rows = OutgoingMail.objects.filter(
        Q(status=OutgoingMail.Status.SENDING, claimed_at__lte=before)
        | Q(status=OutgoingMail.Status.QUEUED, next_attempt_at__lte=before)
    )
    with transaction.atomic():
        lost = list(lost_rows.select_for_update().values_list("pk", flat=True))
        OutgoingMail.objects.filter(pk__in=lost).update(
            status=OutgoingMail.Status.QUEUED, next_attempt_at=now
        )
        for mail_id in lost:
            _enqueue(mail_id)
    return len(lost)


def send_again(mails: QuerySet[OutgoingMail]) -> int:
    """The coordinator's "send again" for failed e-mails: a new round of attempts."""
    with transaction.atomic():
        failed = list(mails.filter(status=OutgoingMail.Status.FAILED).select_for_update())
        OutgoingMail.objects.filter(pk__in=[mail.pk for mail in failed]).update(
            status=OutgoingMail.Status.QUEUED, attempts=0, next_attempt_at=timezone.now()
        )
        for mail in failed:
            _enqueue(mail.pk)
    return len(failed)


def prune_sent(older_than: timedelta, now: datetime | None = None) -> int:
    """Forget e-mail sent longer than `older_than` ago (address and subject are personal
    data, kept only while someone may ask what was sent). Returns how many went."""
    before = (now or timezone.now()) - older_than
    deleted, _ = OutgoingMail.objects.filter(
        status=OutgoingMail.Status.SENT, sent_at__lt=before
    ).delete()
    return deleted


def erase_mail_to(addresses: list[str]) -> int:
    """Delete every e-mail to `addresses`, sent or waiting (an account that is deleted)."""
    deleted, _ = OutgoingMail.objects.addressed_to(addresses).delete()
    return deleted
