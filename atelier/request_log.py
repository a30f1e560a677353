"""Each request gets an id, and (at level INFO) one log line when it is answered.

The id comes from the proxy in front (nginx's `$request_id` in the X-Request-ID header)
when it sends a well-formed one, so that nginx's access log, this log and an error report
name the same request; otherwise it is made here. It goes back in the response's
X-Request-ID header and on the 500 page, so that a member who quotes it to the
coordinator leads straight to the log lines of that request.

The line holds the request id, the member's user id (or "anonymous"), the method, the
path (without its query: search words stay out of the log), the status and the duration
in milliseconds. With LOG_FORMAT=json each line is one JSON object
(atelier/json_logs.py).
"""

import contextvars
import logging
import re
import time
import uuid
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.http import HttpRequest, HttpResponse

logger = logging.getLogger("atelier.requests")
HEADER = "X-Request-ID"
# nginx's $request_id is 32 hex digits; other proxies use UUIDs. Nothing else is taken,
# so a client cannot write arbitrary text into the logs or the response headers.
WELL_FORMED = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{7,63}")
ANONYMOUS = "anonymous"

# The id of the request this thread is answering, for every log line written meanwhile.
current_request_id: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "request_id", default=None
)


def request_id_from(header: str | None) -> str:
    """The proxy's id when it is well formed, else a new one (32 hex digits, like nginx's)."""
    if header and WELL_FORMED.fullmatch(header):
        return header
    return uuid.uuid4().hex


def user_id_of(request: HttpRequest) -> str:
    """The signed-in account's id as text, or "anonymous".

    Read from the session (already read by then for any member's page) rather than from
    `request.user`, which would cost a query on pages served from the page cache. Text
    for both, so that the field has one type for log search tools.
    """
    session = getattr(request, "session", None)
    if session is None or settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return ANONYMOUS
    return str(session.get(SESSION_KEY) or ANONYMOUS)


class RequestLogMiddleware:
    """Outermost: the id covers everything the request does, and the duration all of it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        started = time.perf_counter()
        request_id = request_id_from(request.headers.get(HEADER))
        request.request_id = request_id  # type: ignore[attr-defined]  # read by the 500 page
        token = current_request_id.set(request_id)
        try:
            response = self.get_response(request)
            response[HEADER] = request_id
            if logger.isEnabledFor(logging.INFO):
                logger.info(
                    "%s %s %s",
                    request.method,
                    request.path,
                    response.status_code,
                    extra={
                        "request_id": request_id,
                        "user_id": user_id_of(request),
                        "method": request.method,
                        "path": request.path,
                        "status": response.status_code,
                        "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                    },
                )
            return response
        finally:
            current_request_id.reset(token)
