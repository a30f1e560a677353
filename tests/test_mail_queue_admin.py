"""The outgoing mail in the coordinator's admin: to look at (never a text, which may hold a
login link), with "send again" for the failed ones."""

import pytest
from django.core import mail
from django.urls import reverse

from atelier.mail import send_templated_mail
from atelier.models import OutgoingMail

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:atelier_outgoingmail_changelist")


@pytest.fixture
def failed(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    send_templated_mail(
        "members/email/approved",
        {"profile": None, "site": None, "login_url": "https://e.org/geheime-link/"},
        ["kapot@example.org"],
        key="approved:1",
    )
    OutgoingMail.objects.update(
        status=OutgoingMail.Status.FAILED, attempts=6, last_error="SMTPDataError: 451"
    )
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    return OutgoingMail.objects.get()


def test_the_coordinator_sees_the_queue_but_not_the_texts(admin_client, failed):
    listing = admin_client.get(CHANGELIST).content.decode()
    detail = admin_client.get(
        reverse("admin:atelier_outgoingmail_change", args=[failed.pk])
    ).content.decode()

    assert "kapot@example.org" in listing
    assert "SMTPDataError: 451" in detail
    assert "geheime-link" not in listing + detail
    assert 'name="_save"' not in detail  # look only
    assert admin_client.get(reverse("admin:atelier_outgoingmail_add")).status_code == 403
    delete = reverse("admin:atelier_outgoingmail_delete", args=[failed.pk])
    assert admin_client.get(delete).status_code == 403


def test_send_again_sends_a_failed_email(admin_client, failed):
    response = admin_client.post(
        CHANGELIST, {"action": "send_failed_again", "_selected_action": [failed.pk]}
    )

    assert response.status_code == 302
    failed.refresh_from_db()
    assert failed.status == OutgoingMail.Status.SENT
    assert [message.to for message in mail.outbox] == [["kapot@example.org"]]
