"""Error reports to ADMINS (Django's AdminEmailHandler) go straight to the mail server and
not through the site's queue (atelier/mail_queue.py): an error is often the database
failing, and a report that waits in that database would never leave. So they need no
database at all, and leave nothing in the queue (README, "The outgoing mail queue")."""

import logging

import pytest
from django.core import mail
from django.test import RequestFactory

from atelier.models import OutgoingMail


@pytest.fixture(autouse=True)
def admins(settings):
    settings.ADMINS = [("Beheer", "beheer@example.org")]


def report_a_server_error() -> None:
    """What Django logs when a page fails with a 500."""
    request = RequestFactory().get("/kennisbank/")
    try:
        raise ConnectionError("the database went away")
    except ConnectionError:
        logging.getLogger("django.request").error(
            "Internal Server Error: %s",
            request.path,
            exc_info=True,
            extra={"status_code": 500, "request": request},
        )


def test_an_error_report_reaches_the_admins_without_the_database():
    # No database access is allowed in this test: a report that queued would fail.
    report_a_server_error()

    [report] = mail.outbox
    assert report.to == ["beheer@example.org"]
    assert "Internal Server Error: /kennisbank/" in report.subject
    assert "the database went away" in report.body


@pytest.mark.django_db
def test_an_error_report_is_not_queued():
    report_a_server_error()

    assert len(mail.outbox) == 1
    assert not OutgoingMail.objects.exists()
