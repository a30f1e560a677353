"""A mail worker killed (SIGKILL) while it sends loses nothing: the next worker to start
sends the e-mail, once. Real processes (`manage.py mail_worker`) on the committed test
database; the e-mail "server" is this test, on a Unix socket (tests/mail_backends.py),
so the test waits on real events (a worker connecting, a process ending), each with a
deadline. `make test-repeat` runs it 20 times in a row.
"""

import os
import signal
import socket
import subprocess
import sys

import pytest

from atelier.mail import send_templated_mail
from atelier.models import OutgoingMail

from .test_load import ROOT, database_url

pytestmark = pytest.mark.serial

# Starting Django in a new process on a busy two-core machine takes a while.
DEADLINE_SECONDS = 120


def start_worker(tmp_path, *options: str) -> subprocess.Popen:
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "EMAIL_BACKEND": "tests.mail_backends.SocketBackend",
        "MAIL_TEST_SOCKET": str(tmp_path / "smtp.sock"),
        "VAR_DIR": str(tmp_path / "var"),
        "DEBUG": "false",
    }
    env.pop("PRODUCTION", None)
    command = [sys.executable, "manage.py", "mail_worker", "--no-reload", "--no-startup-delay"]
    with open(tmp_path / "worker.log", "ab") as log:  # what went wrong, if a worker fails
        return subprocess.Popen(
            [*command, "--interval", "0.1", "--stalled-after", "0", *options],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=log,
            start_new_session=True,
        )


def next_delivery(server: socket.socket) -> tuple[socket.socket, bytes]:
    """Wait for a worker to hand over an e-mail; return the connection and its subject."""
    connection, _address = server.accept()
    connection.settimeout(DEADLINE_SECONDS)
    with connection.makefile("rb") as lines:
        return connection, lines.readline().strip()


@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_while_sending_loses_nothing(tmp_path, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    send_templated_mail(
        "members/email/approved",
        {"profile": None, "site": None, "login_url": "https://e.org/"},
        ["lid@example.org"],
        key="approved:killed-worker",
    )
    row = OutgoingMail.objects.get()
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(tmp_path / "smtp.sock"))
    server.listen()
    server.settimeout(DEADLINE_SECONDS)
    first = start_worker(tmp_path)
    second = None
    try:
        connection, subject = next_delivery(server)  # the first worker is sending
        assert subject == row.subject.encode()
        row.refresh_from_db()
        assert row.status == OutgoingMail.Status.SENDING

        first.send_signal(signal.SIGKILL)
        assert first.wait(timeout=DEADLINE_SECONDS) == -signal.SIGKILL
        connection.close()
        row.refresh_from_db()
        assert row.status == OutgoingMail.Status.SENDING  # left half-way

        # The next worker puts the row back at its start, sends it and, with --batch,
        # stops once nothing more is due.
        second = start_worker(tmp_path, "--batch")
        connection, subject = next_delivery(server)
        assert subject == row.subject.encode()
        connection.sendall(b"ok\n")
        connection.close()
        assert second.wait(timeout=DEADLINE_SECONDS) == 0

        row.refresh_from_db()
        assert (row.status, row.attempts) == (OutgoingMail.Status.SENT, 2)
        server.settimeout(0)
        with pytest.raises(BlockingIOError):
            server.accept()  # nobody else tried to send it: once, not twice
    finally:
        for worker in (first, second):
            if worker is not None and worker.poll() is None:
                worker.kill()
                worker.wait(timeout=DEADLINE_SECONDS)
        server.close()
