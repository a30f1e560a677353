"""The site's addresses: absolute ones, all from SITE_URL, and the way to the login page.

Link previews, search engines, calendar programs, feed readers and e-mail need whole
addresses. They are built here and only here, from the address the site is published
under (settings.SITE_URL), never from the request's Host header, which a client chooses.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.views import redirect_to_login


def absolute_url(path: str) -> str:
    """`path` ("/agenda/x/") as a whole address; an address that already is one is kept."""
    if "://" in path or path.startswith("//"):
        return path
    return settings.SITE_URL + ("" if path.startswith("/") else "/") + path


def on_this_site(url: str) -> str:
    """`url`'s path and query on the site's own address, whatever host it was built on.

    For links that others build from the request (allauth's e-mails): the request's
    Host header is the client's choice.
    """
    parts = urlsplit(url)
    return absolute_url(parts.path + (f"?{parts.query}" if parts.query else ""))


def login_url(next_path: str) -> str:
    """The login page (settings.LOGIN_URL), which sends the person on to `next_path`.

    The one way to the login page: views redirect to it, pages link to it, and
    `login_required` reads the same setting.
    """
    return redirect_to_login(next_path).url


def site_domain() -> str:
    """The host (and port) the site is published under, e.g. "leeratelier.example.org"."""
    return urlsplit(settings.SITE_URL).netloc
