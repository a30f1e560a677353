"""One person's browser in the cluster (tests/http_browser.py): HTTPS to nginx, the site's
address, or, to show what one app server does, plain HTTP to an app server directly with
the headers nginx would add."""

import ssl

from ..http_browser import Browser as HttpBrowser
from .hosts import GATEWAY, SUBNET

SITE = f"{SUBNET}.30"
ORIGIN = f"https://{SITE}"
# nginx's certificate is made for each run, by the cluster itself: nothing to check it by.
TLS = ssl.create_default_context()
TLS.check_hostname = False
TLS.verify_mode = ssl.CERT_NONE


class Browser(HttpBrowser):
    def __init__(
        self,
        address: str = SITE,
        port: int = 443,
        session_key: str | None = None,
        headers: dict[str, str] | None = None,
    ):
        to_nginx = address == SITE
        proxied = {} if to_nginx else {"X-Forwarded-For": GATEWAY, "X-Forwarded-Proto": "https"}
        super().__init__(
            port,
            session_key,
            address=address,
            host=SITE,
            origin=ORIGIN,
            tls=TLS if to_nginx else None,
            headers={**proxied, **(headers or {})},
            user_agent="atelier-cluster-test",
        )
