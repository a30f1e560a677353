"""The demo leaves e-mail in the queue (notifications/demo.py): the demo members' weekly
digests, which the mail worker that `make run` starts sends into var/mail/ (the file
backend's folder); loading again queues nothing more."""

from io import StringIO

import pytest
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from atelier.models import OutgoingMail

pytestmark = pytest.mark.django_db

LOGINS = ["bijeenkomsten@example.org", "online@example.org", "events@example.org"]


@pytest.fixture
def demo(settings, tmp_path):
    """The demo loaded as `make run` does: the database queue, e-mail into a folder."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    folder = tmp_path / "mail"
    folder.mkdir()
    settings.EMAIL_FILE_PATH = folder
    call_command("load_demo", stdout=StringIO())
    return folder


def waiting_digests():
    return OutgoingMail.objects.filter(
        key__startswith="digest:weekly:", status=OutgoingMail.Status.QUEUED
    )


def test_the_demo_queues_the_demo_members_weekly_digests(demo):
    assert set(LOGINS) <= set(waiting_digests().values_list("to", flat=True))
    assert not list(demo.iterdir())  # nothing sent before the worker runs


def test_the_worker_sends_them_into_the_mail_folder(demo):
    for task in DBTaskResult.objects.all():  # as the worker runs each task
        task.task.call(*task.args_kwargs["args"])

    files = [path.read_text() for path in demo.iterdir()]
    assert not waiting_digests().exists()
    subjects = ("Subject: Je wekelijkse overzicht", "Subject: Your weekly digest")
    digests = [text for text in files if any(subject in text for subject in subjects)]
    assert len(digests) == len(files) >= len(LOGINS)


def test_loading_again_queues_nothing_more(demo):
    queued = OutgoingMail.objects.count()

    call_command("load_demo", stdout=StringIO())

    assert OutgoingMail.objects.count() == queued
