"""The cluster's SMTP server, in the test process: the mail workers on both app servers
send every e-mail here (settings EMAIL_HOST and EMAIL_PORT point at it).

An e-mail counts as sent when the server answers 250 to its DATA, as with a real mail
server. `hold_next` makes the server keep the next e-mail to a matching address without
an answer: its worker is then mid-send, and a test may kill it. A connection that ends
before the answer is an e-mail that was not taken (`aborted`).
"""

import email
import email.policy
import socketserver
import threading
from dataclasses import dataclass

# How long a held e-mail waits for its worker to be killed.
HOLD_SECONDS = 120


@dataclass(frozen=True)
class Delivery:
    peer: str  # the address of the host whose worker sent it
    to: str
    subject: str


class MailServer:
    def __init__(self, address: str, port: int):
        self.lock = threading.Lock()
        self.accepted: list[Delivery] = []
        self.aborted: list[Delivery] = []
        self.held: Delivery | None = None
        self.hold_suffix: str | None = None
        server = self

        class Session(socketserver.StreamRequestHandler):
            def handle(self) -> None:
                self.request.settimeout(HOLD_SECONDS)
                server.converse(self.client_address[0], self.rfile, self.wfile)

        socketserver.ThreadingTCPServer.allow_reuse_address = True
        self.server = socketserver.ThreadingTCPServer((address, port), Session, False)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, name="smtp", daemon=True)

    def start(self) -> None:
        self.server.server_bind()
        self.server.server_activate()
        self.thread.start()

    def stop(self) -> None:
        if self.thread.is_alive():
            self.server.shutdown()
        self.server.server_close()

    def hold_next(self, suffix: str) -> None:
        """Keep the next e-mail to an address ending in `suffix` unanswered."""
        with self.lock:
            self.held, self.hold_suffix = None, suffix

    def accepted_to(self, suffix: str) -> list[str]:
        with self.lock:
            return [d.to for d in self.accepted if d.to.endswith(suffix)]

    def _hold(self, delivery: Delivery) -> bool:
        with self.lock:
            if self.hold_suffix and delivery.to.endswith(self.hold_suffix):
                self.held, self.hold_suffix = delivery, None
                return True
            return False

    def converse(self, peer: str, lines, out) -> None:
        def say(text: str) -> None:
            out.write(text.encode() + b"\r\n")
            out.flush()

        say("220 cluster ESMTP")
        recipients: list[str] = []
        while line := lines.readline():
            verb = line[:4].decode("ascii", "replace").upper()
            if verb == "MAIL":
                recipients = []
            elif verb == "RCPT":
                recipients.append(line.split(b"<", 1)[1].split(b">", 1)[0].decode())
            elif verb == "QUIT":
                say("221 bye")
                return
            if verb != "DATA":
                say(
                    "250 cluster"
                    if verb in ("EHLO", "HELO", "MAIL", "RCPT", "RSET", "NOOP")
                    else "502 no"
                )
                continue
            say("354 go on")
            data = b""
            while (chunk := lines.readline()) not in (b".\r\n", b""):
                data += chunk[1:] if chunk.startswith(b"..") else chunk
            message = email.message_from_bytes(data, policy=email.policy.default)
            for to in recipients:
                delivery = Delivery(peer, to, str(message["Subject"]))
                if self._hold(delivery):
                    # Wait, without an answer, until the worker's end of the line is gone.
                    while lines.read(1):
                        pass
                    with self.lock:
                        self.aborted.append(delivery)
                    return
                with self.lock:
                    self.accepted.append(delivery)
            say("250 taken")
