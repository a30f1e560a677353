"""One person's browser in the cluster: keeps its cookies and the last CSRF token of a
form, follows no redirects. It speaks HTTPS to nginx (the site's address) or, to show
what one app server does, plain HTTP to an app server directly, with the headers nginx
would add."""

import http.client
import re
import ssl
import time
from dataclasses import dataclass
from http.cookies import SimpleCookie
from urllib.parse import urlencode

from .hosts import GATEWAY, SUBNET

SITE = f"{SUBNET}.30"
ORIGIN = f"https://{SITE}"
# nginx's certificate is made for each run, by the cluster itself: nothing to check it by.
TLS = ssl.create_default_context()
TLS.check_hostname = False
TLS.verify_mode = ssl.CERT_NONE
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
REQUEST_SECONDS = 60


@dataclass
class Answer:
    status: int
    location: str
    body: str
    retry_after: str
    seconds: float


class Browser:
    def __init__(self, address: str = SITE, port: int = 443, session_key: str | None = None):
        self.address, self.port = address, port
        self.cookies: dict[str, str] = {}
        if session_key:
            self.cookies["sessionid"] = session_key
        self.csrf = ""

    def get(self, path: str) -> Answer:
        return self.request("GET", path)

    def post(self, path: str, data: dict | None = None) -> Answer:
        assert self.csrf, "fetch a page with a form first"
        return self.request("POST", path, {"csrfmiddlewaretoken": self.csrf, **(data or {})})

    def request(self, method: str, path: str, data: dict | None = None) -> Answer:
        headers = {"Host": SITE, "User-Agent": "atelier-cluster-test"}
        if self.address == SITE:
            client = http.client.HTTPSConnection(
                SITE, self.port, timeout=REQUEST_SECONDS, context=TLS
            )
        else:  # straight to an app server: what nginx would add
            client = http.client.HTTPConnection(self.address, self.port, timeout=REQUEST_SECONDS)
            headers |= {"X-Forwarded-For": GATEWAY, "X-Forwarded-Proto": "https"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if data is not None:
            body = urlencode(data).encode()
            headers |= {"Content-Type": "application/x-www-form-urlencoded", "Origin": ORIGIN}
        started = time.monotonic()
        try:
            client.request(method, path, body=body, headers=headers)
            response = client.getresponse()
            content = response.read().decode("utf-8", errors="replace")
        finally:
            client.close()
        for header in response.headers.get_all("Set-Cookie") or []:
            jar = SimpleCookie()
            jar.load(header)
            for name, morsel in jar.items():
                if morsel["max-age"] == "0" or "1970" in morsel["expires"]:
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.coded_value
        if token := CSRF_INPUT.search(content):
            self.csrf = token.group(1)
        return Answer(
            status=response.status,
            location=response.getheader("Location", ""),
            body=content,
            retry_after=response.getheader("Retry-After", ""),
            seconds=time.monotonic() - started,
        )
