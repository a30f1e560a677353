"""Values that many requests read and few writes change, built once per change.

The library's tag cloud and the directory's common expertise count every tag use of
the whole library or directory: at ten times the large data set that took a second per
request. Such a value is kept in the shared cache under the generations of the areas
it is built from (atelier/page_areas.py), so only the first request after a write to
those areas builds it again, in whichever worker, with the page cache on or off. The
area "tag-counts" changes only when items, profiles or their tags do: a comment or a
registration leaves the counts as they are. A value of one member each (the header's
unread count) is kept in each worker's memory instead (`in_worker`).
"""

import hashlib
from collections.abc import Callable, Iterable
from typing import TypeVar

from django.core.cache import caches

from .page_cache import generations

T = TypeVar("T")
KEY = "kept:"
# Keys of older generations are never read again; they go after a day.
KEPT_SECONDS = 24 * 60 * 60


def kept(name: str, build: Callable[[], T], *, areas: Iterable[str], in_worker: bool = False) -> T:
    """The value `build()` made from the current data of these areas, built once.

    `in_worker` keeps it in each worker's own memory (the page cache's, which holds a
    bounded number of entries) rather than the shared cache: for small values of one
    member each, which in a database cache would crowd out the shared ones and be a
    write to the database on a request that only reads.
    """
    current = generations(areas)
    digest = hashlib.sha256("\n".join(current.values()).encode()).hexdigest()[:32]
    key = f"{KEY}{name}:{digest}"
    cache = caches["pages" if in_worker else "default"]
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, timeout=KEPT_SECONDS)
    return value
