"""Deleting one's account on the site removes the e-mail the site kept for it, as the
privacy statement says: the e-mails still waiting in the queue, the record of those sent,
and the record of the digests sent; a task queued before the deletion then sends
nothing. Nobody else's e-mail is touched."""

import pytest
from django.core import mail
from django.urls import reverse

from atelier.mail import send_templated_mail
from atelier.mail_queue import deliver_queued_mail
from atelier.models import OutgoingMail
from notifications.models import DigestPeriod, DigestSent
from portal import privacy

from .factories import PASSWORD, make_member

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def database_queue(settings):
    """The queue of production: e-mail waits for the worker instead of going at once."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def queue_to(address: str, key: str) -> OutgoingMail:
    send_templated_mail(
        "members/email/approved",
        {"profile": None, "site": None, "login_url": "https://e.org/"},
        [address],
        key=key,
    )
    return OutgoingMail.objects.get(key=key, to=address)


def digest_sent_to(member) -> DigestSent:
    return DigestSent.objects.create(
        user=member, period=DigestPeriod.WEEKLY, period_start="2026-11-30"
    )


def test_deleting_the_account_removes_its_waiting_and_sent_mail_and_digest_records(
    client, django_capture_on_commit_callbacks
):
    leaving = make_member("weg@example.org")
    staying = make_member("blijf@example.org")
    queue_to(leaving.email, "waiting")
    sent = queue_to(leaving.email, "sent")
    OutgoingMail.objects.filter(pk=sent.pk).update(status=OutgoingMail.Status.SENT)
    digest_sent_to(leaving)
    kept_mail = queue_to(staying.email, "waiting")
    kept_digest = digest_sent_to(staying)
    client.force_login(leaving)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("members:delete_account"), {"password": PASSWORD})

    assert response.status_code == 302
    assert list(OutgoingMail.objects.all()) == [kept_mail]
    assert list(DigestSent.objects.all()) == [kept_digest]


def test_a_task_queued_before_the_deletion_sends_nothing():
    member = make_member("weg@example.org")
    waiting = queue_to(member.email, "waiting")

    privacy.erase_member(member)

    assert deliver_queued_mail.call(waiting.pk) == "not waiting"
    assert mail.outbox == []
