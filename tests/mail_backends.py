"""E-mail backends for the queue's tests (settings.EMAIL_BACKEND points at one).

- `RefusingBackend`: the SMTP server refuses every e-mail.
- `SocketBackend`: for a worker in another process. It hands each e-mail's subject to
  the test over the Unix socket named by MAIL_TEST_SOCKET and waits for "ok": the test
  knows the moment a worker is sending, and may kill it then.
"""

import os
import smtplib
import socket

from django.core.mail.backends.base import BaseEmailBackend


class RefusingBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise smtplib.SMTPDataError(451, b"Requested action aborted: try again later")


class SocketBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        for message in email_messages:
            with socket.socket(socket.AF_UNIX) as connection:
                connection.connect(os.environ["MAIL_TEST_SOCKET"])
                connection.sendall(message.subject.encode() + b"\n")
                with connection.makefile("rb") as answers:
                    if answers.readline() != b"ok\n":
                        raise smtplib.SMTPServerDisconnected("the test hung up")
        return len(email_messages)
