"""Whole-page cache for the pages people read, with invalidation that cannot miss a change.

With years of history the agenda, the library and the directory take tens of milliseconds
to build, and they are read far more often than anything changes. A page built once is
kept, and served again to the same audience, until the site's data changes:

- The key holds the audience (the anonymous public, or one logged-in user: pages differ by
  role, registrations and drafts), the language and the full address with its query.
- It also holds the *generation*: a value in the shared cache that every worker reads per
  request and that changes whenever data changes: on every model saved or deleted (signals)
  and after every request that may write (any method but GET/HEAD), which covers bulk
  updates in admin actions. Code that writes in bulk outside a request calls `bump()`.
- A page lives at most PAGE_CACHE_SECONDS, because time changes pages too: events move
  into the archive, registration closes at the deadline. What a form sends is checked
  again when it arrives, so a page that is seconds old cannot let anyone past a rule.

Pages are kept in each worker's own memory (cache "pages"); only the generation goes
through the shared cache. Pages with a flash message, answers that set a cookie and
anything but a plain 200 are never stored. The CSRF token in a page's forms belongs to one
reader: it is cut out before the page is stored and a fresh one is put in on serving.
"""

import contextvars
import hashlib
import logging
import re
import secrets
import time
from functools import wraps

from django.conf import settings
from django.contrib.auth import HASH_SESSION_KEY, SESSION_KEY
from django.contrib.messages.storage.cookie import CookieStorage
from django.contrib.sessions.models import Session
from django.core.cache import caches
from django.core.cache.backends.db import DatabaseCache
from django.db import DatabaseError, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils.translation import get_language

logger = logging.getLogger(__name__)
# The generation as the page being built read it (set by cached_page for the view).
_request_generation = contextvars.ContextVar("page_cache_generation", default=None)

GENERATION_KEY = "page-cache:generation"
CSRF_INPUT = re.compile(rb'(name="csrfmiddlewaretoken" value=")[A-Za-z0-9]{64}(")')
CSRF_PLACEHOLDER = b"\x00csrf\x00"
SAFE_METHODS = ("GET", "HEAD")
# The headers a view sets that describe the page itself; the middleware around the view
# adds the rest (security headers, Vary, cookies) on every answer, cached or not.
KEPT_HEADERS = ("Content-Type", "Content-Disposition", "Content-Language", "Link")
# Saving these changes nothing a page shows.
UNSHOWN_MODELS = (Session,)


def _shared():
    return caches["default"]


def _pages():
    return caches["pages"]


def seconds() -> int:
    return getattr(settings, "PAGE_CACHE_SECONDS", 0)


def generation() -> str:
    # One lookup per request: the page's key, the tag cloud and the cards share it.
    known = _request_generation.get()
    if known is not None:
        return known
    value = _shared().get(GENERATION_KEY)
    if value is None:
        _shared().add(GENERATION_KEY, secrets.token_hex(8), timeout=None)
        value = _shared().get(GENERATION_KEY)
    return value


def bump() -> None:
    """Make every stored page stale: the data they were built from has changed."""
    try:
        # A savepoint, so that a failure cannot break the transaction that saved the data.
        with transaction.atomic():
            _shared().set(GENERATION_KEY, secrets.token_hex(8), timeout=None)
    except DatabaseError as error:
        # Only while the first `migrate` writes rows before the cache table exists; no
        # page can have been stored then either.
        logger.warning("Could not mark stored pages stale: %s", error)


def bump_after_commit() -> None:
    """Mark pages stale once the transaction that changed the data has committed.

    Not before: a reader could then build a page from the old rows under the new
    generation. Nor inside the transaction when the generation lives in the database:
    it would hold that row locked until the commit, and writers would queue on it.
    A cache outside the database is marked at once as well, which costs no lock (and
    makes changes show inside the test suite's transactions, which never commit).
    """
    if not isinstance(_shared(), DatabaseCache):
        bump()
    transaction.on_commit(bump)


def _data_changed(sender, **kwargs) -> None:
    if sender in UNSHOWN_MODELS or kwargs.get("action", "post_").startswith("pre_"):
        return
    bump_after_commit()


def connect_signals() -> None:
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(_data_changed, dispatch_uid=f"page-cache-{signal!r}")


def _has_pending_messages(request) -> bool:
    if request.COOKIES.get(CookieStorage.cookie_name):
        return True
    session = getattr(request, "session", None)
    return bool(
        session is not None
        and request.COOKIES.get(settings.SESSION_COOKIE_NAME)
        and session.get("_messages")
    )


def _audience(request) -> str:
    """Whom the page is for: the public, or one account as its session proves it.

    Read from the session rather than `request.user`, which would cost a query per
    request. The same thing is proved: the page under this key was built by a request
    whose session held the same account and password hash, and which Django checked
    against the user row; any change to that row (password, rights, deletion) changes
    the generation, so a session that no longer holds never meets the old page.
    """
    session = getattr(request, "session", None)
    if session is None or not request.COOKIES.get(settings.SESSION_COOKIE_NAME):
        return "public"
    user_id = session.get(SESSION_KEY)
    if user_id is None:
        return "public"
    return f"user-{user_id}-{session.get(HASH_SESSION_KEY, '')}"


def _key(request, current: str) -> str:
    audience = _audience(request)
    address = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    window = int(time.time() // seconds())
    return f"page:{current}:{window}:{get_language()}:{audience}:{address}"


def _storable(request, response) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not _has_pending_messages(request)
    )


def _freeze(request, response) -> dict:
    content = response.content
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        content = CSRF_INPUT.sub(rb"\1" + CSRF_PLACEHOLDER + rb"\2", content)
    headers = {name: response[name] for name in KEPT_HEADERS if response.has_header(name)}
    return {"content": content, "headers": headers}


def _thaw(request, stored: dict) -> HttpResponse:
    content = stored["content"]
    if CSRF_PLACEHOLDER in content:
        content = content.replace(CSRF_PLACEHOLDER, get_token(request).encode())
    response = HttpResponse(content)
    for name, value in stored["headers"].items():
        response[name] = value
    return response


def cached_page(view):
    """Serve the view's page from the cache while the site's data has not changed."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not seconds() or request.method not in SAFE_METHODS or _has_pending_messages(request):
            return view(request, *args, **kwargs)
        current = generation()  # before building: a change during the build makes it stale
        key = _key(request, current)
        stored = _pages().get(key)
        if stored is not None:
            return _thaw(request, stored)
        memo = _request_generation.set(current)
        try:
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
        finally:
            _request_generation.reset(memo)
        if _storable(request, response):
            _pages().set(key, _freeze(request, response), timeout=seconds())
        return response

    return wrapper


def remember(name: str, build):
    """A value built from the data, kept in this worker until the data changes.

    For parts that many different pages share, such as the library's tag cloud under
    every search: the same rules as for whole pages (generation and time) keep it right.
    """
    if not seconds():
        return build()
    key = f"value:{generation()}:{int(time.time() // seconds())}:{name}"
    value = _pages().get(key)
    if value is None:
        value = build()
        _pages().set(key, value, timeout=seconds())
    return value


def remember_each(name: str, ids: list, build_missing) -> dict:
    """Like `remember`, for one value per id: `build_missing(ids)` gives {id: value} for
    those not kept yet. Returns {id: value} for every id it could build."""
    if not seconds():
        return build_missing(ids)
    prefix = f"value:{generation()}:{int(time.time() // seconds())}:{name}:"
    kept = _pages().get_many([f"{prefix}{each}" for each in ids])
    values = {each: kept[f"{prefix}{each}"] for each in ids if f"{prefix}{each}" in kept}
    missing = [each for each in ids if each not in values]
    if missing:
        built = build_missing(missing)
        _pages().set_many({f"{prefix}{each}": value for each, value in built.items()}, seconds())
        values.update(built)
    return values


class InvalidateAfterWritesMiddleware:
    """Any request that may write makes stored pages stale once it is done.

    Model signals miss bulk `update()` calls (admin actions); every such write arrives as
    a POST, so a POST that reached a view is reason enough to start over.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.method not in SAFE_METHODS and seconds():
            bump()
        return response
