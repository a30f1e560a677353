"""Whole-page cache for the pages people read, stale exactly when data they show changed.

With years of history the agenda, the library and the directory take tens of milliseconds
to build, and they are read far more often than anything changes. A page built once is
kept, and served again to the same audience, until data it shows changes:

- The key holds the audience (the anonymous public, or one logged-in user: pages differ by
  role, registrations and drafts), the language and the full address with its query.
- It also holds a *generation* for each area of the site the page reads (the agenda,
  registrations, the library, the members, the site texts: atelier/page_areas.py), read
  from the shared cache in one round trip per request. A page names its areas
  (`@cached_page(areas=("agenda", "registrations"))`); every page also reads the site
  texts, and a member's pages read "roles" and that member's own area as well.
- A write makes the areas of the data it changed stale, and only once its transaction has
  committed: model signals do so for every saved or deleted row (atelier/page_areas.py
  says which model is shown in which areas), and code that writes without signals
  (`QuerySet.update`, `bulk_create`: admin actions, management commands) calls
  `mark_stale()` where it writes. A request by itself changes nothing: a POST refused by
  the CSRF check, a form with mistakes, a login or a language switch leave every page.
- A page lives at most PAGE_CACHE_SECONDS, because time changes pages too: events move
  into the archive, registration closes at the deadline. What a form sends is checked
  again when it arrives, so a page that is seconds old cannot let anyone past a rule.

Pages are kept in each worker's own memory (cache "pages"); only the generations go
through the shared cache. Pages with a flash message, answers that set a cookie and
anything but a plain 200 are never stored. The CSRF token in a page's forms belongs to one
reader: it is cut out before the page is stored and a fresh one is put in on serving.

When the shared cache cannot be reached (Redis is away: atelier/shared_cache.py), pages are
built afresh and not kept; a generation that could not be bumped is deleted from Redis
before this process uses it again, which makes every page that read it stale.
"""

import contextvars
import hashlib
import logging
import re
import secrets
import time
from collections.abc import Callable, Iterable
from functools import wraps
from typing import Any, TypeVar

from django.conf import settings
from django.contrib.auth import HASH_SESSION_KEY, SESSION_KEY
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import BaseCache, caches
from django.core.cache.backends.db import DatabaseCache
from django.db import DatabaseError, connection, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.template.response import SimpleTemplateResponse
from django.utils.translation import get_language

from .page_areas import AREAS, MEMBER_AREA_PREFIX, ROLES, SITE_TEXTS, areas_of, member_area

logger = logging.getLogger(__name__)
View = Callable[..., HttpResponse]
T = TypeVar("T")
K = TypeVar("K")
V = TypeVar("V")
# The generations the page being built read, by area (set by cached_page for the view).
_request_generations: contextvars.ContextVar[dict[str, str] | None] = contextvars.ContextVar(
    "page_cache_generations", default=None
)

GENERATION_KEY = "page-cache:generation:"
UNSHARED = "unshared-"
CSRF_INPUT = re.compile(rb'(name="csrfmiddlewaretoken" value=")[A-Za-z0-9]{64}(")')
CSRF_PLACEHOLDER = b"\x00csrf\x00"
SAFE_METHODS = ("GET", "HEAD")
# The headers a view sets that describe the page itself; the middleware around the view
# adds the rest (security headers, Vary, cookies) on every answer, cached or not.
KEPT_HEADERS = ("Content-Type", "Content-Disposition", "Content-Language", "Link")
# What every page shows besides its own content: the footer's contact details.
EVERY_PAGE_READS = (SITE_TEXTS,)


def _shared() -> BaseCache:
    return caches["default"]


def _pages() -> BaseCache:
    return caches["pages"]


def seconds() -> int:
    return getattr(settings, "PAGE_CACHE_SECONDS", 0)


def _check_areas(areas: Iterable[str], members_too: bool = False) -> tuple[str, ...]:
    """The areas, or an error for a name atelier/page_areas.py does not know (a typo
    would leave pages stale for good)."""
    areas = tuple(areas)
    unknown = {
        area
        for area in areas
        if area not in AREAS and not (members_too and area.startswith(MEMBER_AREA_PREFIX))
    }
    if unknown:
        raise ValueError(f"Unknown page areas {sorted(unknown)}; see atelier/page_areas.py")
    return areas


def generations(areas: Iterable[str]) -> dict[str, str]:
    """The current generation of each area, from the shared cache in one round trip.

    Within the build of a cached page the values the page's key holds are used again, so
    the parts it keeps (the tag cloud, the cards) cost no further lookup.
    """
    areas = tuple(areas)
    known: dict[str, str] = _request_generations.get() or {}
    wanted = [area for area in areas if area not in known]
    if wanted:
        known = {**known, **_read_generations(wanted)}
    return {area: known[area] for area in areas}


def _read_generations(areas: list[str]) -> dict[str, str]:
    keys = {area: GENERATION_KEY + area for area in areas}
    found = _shared().get_many(list(keys.values()))
    new = [area for area in areas if keys[area] not in found]
    for area in new:  # first use (or culled): start it; `add` keeps another worker's value
        _shared().add(keys[area], secrets.token_hex(8), timeout=None)
    if new:
        found.update(_shared().get_many([keys[area] for area in new]))
    # Gone again at once (the cache is full, or cannot be reached: atelier/shared_cache.py):
    # a value of its own, which no page shares.
    return {area: found.get(keys[area]) or UNSHARED + secrets.token_hex(8) for area in areas}


def _shared_by_all(current: dict[str, str]) -> bool:
    """Whether these generations came from the shared cache: a page built under a value
    of this request's own could never be found again, so it is neither sought nor kept."""
    return not any(value.startswith(UNSHARED) for value in current.values())


def _bump(areas: tuple[str, ...]) -> None:
    try:
        # A savepoint, so that a failure cannot break the transaction that saved the data.
        with transaction.atomic():
            _shared().set_many(
                {GENERATION_KEY + area: secrets.token_hex(8) for area in areas}, timeout=None
            )
    except DatabaseError as error:
        if _cache_table_missing():
            return  # the first `migrate`: no worker can have read a generation yet
        logger.warning("Could not mark stored pages stale: %s", error)


def _cache_table_missing() -> bool:
    shared = _shared()
    return isinstance(shared, DatabaseCache) and (
        shared._table  # type: ignore[attr-defined]  # Django's own name for it
        not in connection.introspection.table_names()
    )


def mark_stale(*areas: str) -> None:
    """Pages that read these areas are stale once the current transaction has committed.

    Not before: a reader could then build a page from the old rows under the new
    generation. Nor inside the transaction when the generations live in the database:
    the write would hold their rows locked until the commit, and writers would queue on
    them. A cache outside the database is marked at once as well, which costs no lock
    (and makes changes show inside the test suite's transactions, which never commit).
    Outside a transaction, at once.
    """
    areas = tuple(dict.fromkeys(_check_areas(areas, members_too=True)))
    if not areas:
        return
    if not isinstance(_shared(), DatabaseCache):
        _bump(areas)
    transaction.on_commit(lambda: _bump(areas))


def mark_everything_stale() -> None:
    """Every stored page is stale after the commit (a restore, a data load)."""
    mark_stale(*AREAS)  # every member's page reads "roles" too


def _data_changed(
    sender: Any,
    instance: Any = None,
    update_fields: Iterable[str] | None = None,
    action: str | None = None,
    **kwargs: Any,
) -> None:
    if action is not None:  # m2m_changed: the link table is the data
        if action.startswith("pre_"):
            return
        mark_stale(*areas_of(sender))
    else:
        mark_stale(*areas_of(instance, update_fields))


def connect_signals() -> None:
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(_data_changed, dispatch_uid=f"page-cache-{signal!r}")


def _has_pending_messages(request: HttpRequest) -> bool:
    if request.COOKIES.get(CookieStorage.cookie_name):
        return True
    session = getattr(request, "session", None)
    return bool(
        session is not None
        and request.COOKIES.get(settings.SESSION_COOKIE_NAME)
        and session.get("_messages")
    )


def _reader(request: HttpRequest) -> str | None:
    """The signed-in account's id as the session holds it, or None for the public.

    Read from the session rather than `request.user`, which would cost a query per
    request. The same thing is proved: a page stored for this reader was built by a
    request whose session held the same account and password hash, and which Django
    checked against the user row; any change to that row or its profile (password,
    rights, status, deletion) makes the member's own area stale, so a session that no
    longer holds never meets the old page.
    """
    session = getattr(request, "session", None)
    if session is None or not request.COOKIES.get(settings.SESSION_COOKIE_NAME):
        return None
    return session.get(SESSION_KEY)


def areas_read(request: HttpRequest, areas: tuple[str, ...]) -> tuple[str, ...]:
    """All the areas a page for this reader depends on: its own, and the reader's."""
    user_id = _reader(request)
    own = (ROLES, member_area(user_id)) if user_id is not None else ()
    return tuple(dict.fromkeys(EVERY_PAGE_READS + areas + own))


def _digest(*parts: str) -> str:
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def clock() -> float:
    """Now, in seconds: the time windows of stored pages follow it (tests hold it still)."""
    return time.time()


def _window() -> int:
    return int(clock() // seconds())


def _key(request: HttpRequest, current: dict[str, str]) -> str:
    """Whom the page is for (the public, or one account with its password hash), its
    language, its address and the generations of what it reads; short for any cache."""
    user_id = _reader(request)
    audience = "public" if user_id is None else f"user-{user_id}"
    password = "" if user_id is None else request.session.get(HASH_SESSION_KEY, "")
    window = _window()
    built_from = _digest(*current.values(), password, request.get_full_path())
    return f"page:{window}:{get_language()}:{audience}:{built_from}"


def _storable(request: HttpRequest, response: HttpResponse) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not _has_pending_messages(request)
    )


def _freeze(request: HttpRequest, response: HttpResponse) -> dict:
    content = response.content
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        content = CSRF_INPUT.sub(rb"\1" + CSRF_PLACEHOLDER + rb"\2", content)
    headers = {name: response[name] for name in KEPT_HEADERS if response.has_header(name)}
    return {"content": content, "headers": headers}


def _thaw(request: HttpRequest, stored: dict) -> HttpResponse:
    content = stored["content"]
    if CSRF_PLACEHOLDER in content:
        content = content.replace(CSRF_PLACEHOLDER, get_token(request).encode())
    response = HttpResponse(content)
    for name, value in stored["headers"].items():
        response[name] = value
    return response


def cached_page(*, areas: Iterable[str]) -> Callable[[View], View]:
    """Serve the view's page from the cache while no data of these areas has changed.

    `areas` are those of atelier/page_areas.py whose data the page shows.
    """
    areas = _check_areas(areas)

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if (
                not seconds()
                or request.method not in SAFE_METHODS
                or _has_pending_messages(request)
            ):
                return view(request, *args, **kwargs)
            # Read before building: a change during the build makes the page stale.
            current = generations(areas_read(request, areas))
            if not _shared_by_all(current):
                return view(request, *args, **kwargs)
            key = _key(request, current)
            stored = _pages().get(key)
            if stored is not None:
                return _thaw(request, stored)
            memo = _request_generations.set(current)
            try:
                response = view(request, *args, **kwargs)
                if isinstance(response, SimpleTemplateResponse) and not response.is_rendered:
                    response.render()
            finally:
                _request_generations.reset(memo)
            if _storable(request, response):
                _pages().set(key, _freeze(request, response), timeout=seconds())
            return response

        # What the page says it reads; tests/test_page_areas_cover_reads.py compares it
        # with the tables the page really reads.
        wrapper.page_areas = areas  # type: ignore[attr-defined]
        return wrapper

    return decorator


def _value_prefix(name: str, areas: tuple[str, ...]) -> str:
    current = generations(_check_areas(areas))
    return f"value:{_window()}:{_digest(*current.values())}:{name}"


def remember(name: str, build: Callable[[], T], *, areas: Iterable[str]) -> T:
    """A value built from the data of these areas, kept in this worker until it changes.

    For parts that many different pages share, such as the library's tag cloud under
    every search: the same rules as for whole pages (generations and time) keep it right.
    """
    if not seconds():
        return build()
    key = _value_prefix(name, tuple(areas))
    value = _pages().get(key)
    if value is None:
        value = build()
        _pages().set(key, value, timeout=seconds())
    return value


def remember_each(
    name: str,
    ids: list[K],
    build_missing: Callable[[list[K]], dict[K, V]],
    *,
    areas: Iterable[str],
) -> dict[K, V]:
    """Like `remember`, for one value per id: `build_missing(ids)` gives {id: value} for
    those not kept yet. Returns {id: value} for every id it could build."""
    if not seconds():
        return build_missing(ids)
    prefix = _value_prefix(name, tuple(areas)) + ":"
    kept = _pages().get_many([f"{prefix}{each}" for each in ids])
    values = {each: kept[f"{prefix}{each}"] for each in ids if f"{prefix}{each}" in kept}
    missing = [each for each in ids if each not in values]
    if missing:
        built = build_missing(missing)
        _pages().set_many({f"{prefix}{each}": value for each, value in built.items()}, seconds())
        values.update(built)
    return values
