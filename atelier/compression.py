"""Pages, feeds and calendars gzipped on the wire when the client asks for it.

For a site served by gunicorn with no proxy in front (`make serve`); behind nginx,
COMPRESS_RESPONSES=false leaves compression to nginx (gzip and brotli, and the app
servers' CPU for pages: deploy/nginx/compression.conf). Only text is compressed: PDFs,
images and attachments are compressed already, and squeezing them again costs time for
nothing. Static files are not seen here: WhiteNoise, before this middleware, serves their
gzip and brotli versions made at `collectstatic`.

Safe against BREACH, which guesses a secret in a compressed page from the page's size
while it makes the victim's browser ask, again and again, for the page with text the page
repeats (every page repeats its own address, for the language switch). The CSRF token,
the secret in nearly every page, is masked afresh by Django in every response (the page
cache too puts a fresh one in each page it serves), so its bytes never repeat. The other
secrets are a signed-in member's own keys: the address of their personal calendar, the
links that cancel their registrations, the links to online meetings. So pages for a
signed-in member go out uncompressed; what visitors, feed readers and calendar programs
fetch (no session, so nothing of anyone's) is compressed. The calendar programs' personal
feeds are compressed too: nobody can make a calendar program ask for chosen text.

A compressed answer's ETag is made weak (`W/"…"`): the feeds compare ETags weakly, so a
calendar program still gets its 304.
"""

from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import MiddlewareNotUsed
from django.http import HttpRequest, HttpResponseBase
from django.middleware.gzip import GZipMiddleware

from .request_log import ANONYMOUS, user_id_of

# What nginx's configuration compresses too (deploy/nginx/compression.conf).
TEXT_TYPES = frozenset(
    {
        "text/html",
        "text/plain",
        "text/css",
        "text/csv",
        "text/calendar",
        "text/javascript",
        "text/xml",
        "application/json",
        "application/xml",
        "application/rss+xml",
        "application/atom+xml",
        "application/javascript",
        "image/svg+xml",
    }
)


def is_text(response: HttpResponseBase) -> bool:
    content_type = response.get("Content-Type", "").split(";")[0].strip().lower()
    return content_type in TEXT_TYPES


class CompressionMiddleware(GZipMiddleware):
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        if not settings.COMPRESS_RESPONSES:
            raise MiddlewareNotUsed
        super().__init__(get_response)

    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        # The session is read last: only for an answer that would be compressed.
        if (
            not is_text(response)
            or "gzip" not in request.headers.get("Accept-Encoding", "")
            or user_id_of(request) != ANONYMOUS
        ):
            return response
        return super().process_response(request, response)
