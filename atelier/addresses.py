"""The site's absolute addresses, all from SITE_URL.

Link previews, search engines, calendar programs, feed readers and e-mail need whole
addresses. They are built here and only here, from the address the site is published
under (settings.SITE_URL), never from the request's Host header, which a client chooses.
"""

from urllib.parse import urlsplit

from django.conf import settings


def absolute_url(path: str) -> str:
    """`path` ("/agenda/x/") as a whole address; an address that already is one is kept."""
    if "://" in path or path.startswith("//"):
        return path
    return settings.SITE_URL + ("" if path.startswith("/") else "/") + path


def site_domain() -> str:
    """The host (and port) the site is published under, e.g. "leeratelier.example.org"."""
    return urlsplit(settings.SITE_URL).netloc
