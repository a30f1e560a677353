"""Feeds that answer "nothing changed" (304) to programs that poll them.

Calendar programs and feed readers ask for a feed every few minutes to hours. Each
answer carries an ETag and a Last-Modified date, and a program that sends them back
(If-None-Match, If-Modified-Since) gets an empty 304 while nothing in the feed changed.

The validator costs no rendering: it is made from the generations of the areas the
feed reads (atelier/page_areas.py, one round trip to the shared cache, the same values
that keep the page cache right), the feed's address (a personal feed's token is in
it) and the language, and for a feed that follows the clock (the calendar's window of
past and coming events) the current period of `period_seconds`. A feed's content
depends on nothing else, so two readers with the same ETag always see the same feed.
Last-Modified is when the server first gave out that ETag, kept beside it in the
shared cache.

Cache-Control says how long a program may use its copy without asking: public feeds
may be kept by any cache, personal ones only by the program that fetched them.
"""

import hashlib
import time
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from functools import wraps
from typing import Any

from django.core.cache import caches
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control
from django.utils.http import http_date
from django.utils.translation import get_language
from django.views.decorators.http import condition

from .page_cache import generations

View = Callable[..., HttpResponse]
FIRST_SEEN_KEY = "feed-etag-first-seen:"
# How long the shared cache remembers when an ETag was first given out.
FIRST_SEEN_SECONDS = 7 * 24 * 60 * 60


def _validator(request: HttpRequest, areas: tuple[str, ...], period_seconds: int | None) -> str:
    period = "" if period_seconds is None else str(int(time.time() // period_seconds))
    parts = [*generations(areas).values(), request.path, get_language() or "", period]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:32]


def _first_seen(etag: str) -> datetime:
    key = FIRST_SEEN_KEY + etag
    shared = caches["default"]
    shared.add(key, time.time(), timeout=FIRST_SEEN_SECONDS)
    seen = shared.get(key, time.time())
    # Whole seconds: If-Modified-Since carries no fractions.
    return datetime.fromtimestamp(int(seen), tz=UTC)


def conditional_feed(
    *,
    areas: Iterable[str],
    max_age: int,
    private: bool = False,
    period_seconds: int | None = None,
) -> Callable[[View], View]:
    """ETag, Last-Modified and 304 for a feed whose content follows from these areas
    (and, with `period_seconds`, from the time); Cache-Control with `max_age`."""
    areas = tuple(areas)

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            etag = _validator(request, areas, period_seconds)
            seen = _first_seen(etag)
            answer = condition(
                etag_func=lambda *_a, **_k: etag, last_modified_func=lambda *_a, **_k: seen
            )
            response = answer(view)(request, *args, **kwargs)
            if response.status_code == 200:
                # Django's feeds date themselves by their newest entry, which is older:
                # sent back as If-Modified-Since it would never match `seen`.
                response.headers["Last-Modified"] = http_date(seen.timestamp())
            if response.status_code in (200, 304):
                visibility = {"private": True} if private else {"public": True}
                patch_cache_control(response, max_age=max_age, **visibility)
            return response

        # What the validator follows; tests/test_page_areas_cover_reads.py compares it
        # with the tables the feed really reads.
        wrapper.feed_areas = areas  # type: ignore[attr-defined]
        return wrapper

    return decorator
