"""One person's browser over real HTTP, for the tests that drive a running server
(tests/test_load.py: gunicorn on 127.0.0.1; tests/cluster/: nginx or one app server).

It keeps its cookies and the last CSRF token of a form, reads the site's messages from
their cookie, and follows no redirects. Each request is a connection of its own.
"""

import http.client
import re
import ssl
import time
from dataclasses import dataclass, field
from email.message import Message
from http.cookies import SimpleCookie
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.http import HttpRequest

LOCALHOST = "127.0.0.1"
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
REQUEST_SECONDS = 60


@dataclass
class Answer:
    status: int
    location: str
    body: str
    headers: Message
    messages: list = field(default_factory=list)  # (level, text) of the messages cookie
    seconds: float = 0.0

    @property
    def level(self) -> int | None:
        return self.messages[-1][0] if self.messages else None

    @property
    def retry_after(self) -> str:
        return self.headers.get("Retry-After", "")


class Browser:
    """A browser on `address:port`: plain HTTP, or HTTPS with `tls`. `host` is the site's
    name when it is not the address (a Host header), `origin` the site's origin for forms,
    `headers` what each request carries besides (what a proxy would add)."""

    def __init__(
        self,
        port: int,
        session_key: str | None = None,
        *,
        address: str = LOCALHOST,
        host: str | None = None,
        origin: str | None = None,
        tls: ssl.SSLContext | None = None,
        headers: dict[str, str] | None = None,
        user_agent: str = "atelier-test",
    ):
        self.address, self.port, self.tls = address, port, tls
        self.headers = {"User-Agent": user_agent, **({"Host": host} if host else {})}
        self.headers |= headers or {}
        scheme = "https" if tls else "http"
        self.origin = origin or f"{scheme}://{host or f'{address}:{port}'}"
        self.cookies: dict[str, str] = {}
        if session_key:
            self.cookies[settings.SESSION_COOKIE_NAME] = session_key
        self.csrf = ""

    def get(self, path: str) -> Answer:
        return self.request("GET", path)

    def post(self, path: str, data: dict | None = None) -> Answer:
        assert self.csrf, "fetch a page with a form first"
        return self.request("POST", path, {"csrfmiddlewaretoken": self.csrf, **(data or {})})

    def request(self, method: str, path: str, data: dict | None = None) -> Answer:
        headers = dict(self.headers)
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if data is not None:
            body = urlencode(data).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = self.origin
            headers["Referer"] = self.origin + path
        if self.tls:
            client: http.client.HTTPConnection = http.client.HTTPSConnection(
                self.address, self.port, timeout=REQUEST_SECONDS, context=self.tls
            )
        else:
            client = http.client.HTTPConnection(self.address, self.port, timeout=REQUEST_SECONDS)
        started = time.monotonic()
        try:
            client.request(method, path, body=body, headers=headers)
            response = client.getresponse()
            content = response.read().decode("utf-8", errors="replace")
        finally:
            client.close()
        answer = Answer(
            status=response.status,
            location=response.getheader("Location", ""),
            body=content,
            headers=response.headers,
            seconds=time.monotonic() - started,
        )
        self.keep_cookies(response, answer)
        if token := CSRF_INPUT.search(content):
            self.csrf = token.group(1)
        return answer

    def keep_cookies(self, response: http.client.HTTPResponse, answer: Answer) -> None:
        for header in response.headers.get_all("Set-Cookie") or []:
            jar = SimpleCookie()
            jar.load(header)
            for name, morsel in jar.items():
                if morsel["max-age"] == "0" or "1970" in morsel["expires"]:
                    self.cookies.pop(name, None)
                    continue
                self.cookies[name] = morsel.coded_value
                if name == CookieStorage.cookie_name:
                    told = CookieStorage(HttpRequest())._decode(morsel.value) or []
                    answer.messages = [(message.level, str(message)) for message in told]
