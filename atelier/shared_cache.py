"""The cache every app server shares: Django's own RedisCache, kept safe when Redis is away.

Several app servers share page-cache generations (atelier/page_cache.py), rate limits
(allauth's, atelier/ratelimit.py) and cached sessions through one Redis. When Redis cannot
be reached, the site must still serve every page, never a stale one:

- Each operation that fails acts as Django's DummyCache would: a read misses (the page is
  built from the database, the session read from its table), a write keeps nothing, `add`
  says the key was new. Rate limits then count nothing until Redis is back: logging in
  and registering keep working rather than being refused for everyone.
- A write that failed may have left an old value behind in Redis: a generation that was
  not bumped, a session that was not deleted on logout. The key is remembered in this
  process, and deleted before this process reads or writes anything else in Redis; until
  that delete succeeds, every operation fails as above. A deleted generation starts again
  with a fresh value, so every page that read it is stale. (A process that dies during
  the outage forgets its list; pages still live at most PAGE_CACHE_SECONDS, and Redis for
  the cache runs without persistence (deploy/redis-cache.conf), so a restarted Redis
  starts empty.)
- After a failure this process leaves Redis alone for `retry_seconds`, so an unreachable
  host costs a request one connect timeout, not one per cache call.
"""

import logging
import threading
import time
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient
from redis.backoff import NoBackoff
from redis.exceptions import RedisError
from redis.retry import Retry

logger = logging.getLogger(__name__)
T = TypeVar("T")


class _ProcessState:
    """What every thread of this process knows about one Redis: keys to delete first, and
    until when to leave it alone."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.to_forget: set[Any] = set()
        self.down_until = 0.0


_STATES: dict[str, _ProcessState] = {}
_STATES_LOCK = threading.Lock()


def _state_of(servers: Iterable[str]) -> _ProcessState:
    name = ",".join(servers)
    with _STATES_LOCK:
        return _STATES.setdefault(name, _ProcessState())


class FailSoftRedisCacheClient(RedisCacheClient):
    """Django's Redis client, each call guarded as the module's docstring says."""

    # Seconds after a failure during which this process does not try Redis again.
    retry_seconds = 1.0

    def __init__(self, servers: list[str], **options: Any) -> None:
        # One new connection when a pooled one was closed (Redis restarted); not redis-py's
        # retries with growing pauses, which would hold a request for seconds.
        options.setdefault("retry", Retry(NoBackoff(), 1))
        super().__init__(servers, **options)
        self._state = _state_of(servers)

    def _guarded(self, call: Callable[[], T], failed: T, keys: Iterable[Any] = ()) -> T:
        state = self._state
        if time.monotonic() < state.down_until:
            self._remember(keys)
            return failed
        try:
            self._forget_remembered()
            return call()
        except RedisError as error:
            with state.lock:
                state.down_until = time.monotonic() + self.retry_seconds
            self._remember(keys)
            logger.warning("The shared cache cannot be reached, going on without it: %s", error)
            return failed

    def _remember(self, keys: Iterable[Any]) -> None:
        keys = set(keys)
        if keys:
            with self._state.lock:
                self._state.to_forget |= keys

    def _forget_remembered(self) -> None:
        with self._state.lock:
            keys = set(self._state.to_forget)
        if keys:
            RedisCacheClient.delete_many(self, list(keys))
            with self._state.lock:
                self._state.to_forget -= keys

    # Keys and timeouts as Django's RedisCache passes them (typed Any, as the client it
    # extends accepts several kinds).

    # Reads: a miss. They leave nothing behind, so there is nothing to forget.
    def get(self, key: Any, default: Any) -> Any:
        return self._guarded(lambda: RedisCacheClient.get(self, key, default), default)

    def get_many(self, keys: Any) -> dict[Any, Any]:
        keys = list(keys)
        return self._guarded(lambda: RedisCacheClient.get_many(self, keys), {})

    def has_key(self, key: Any) -> bool:
        return self._guarded(lambda: RedisCacheClient.has_key(self, key), False)

    # Writes: nothing kept, and the key deleted once Redis answers again.
    def add(self, key: Any, value: Any, timeout: Any) -> bool:
        return self._guarded(lambda: RedisCacheClient.add(self, key, value, timeout), True, [key])

    def set(self, key: Any, value: Any, timeout: Any) -> None:
        self._guarded(lambda: RedisCacheClient.set(self, key, value, timeout), None, [key])

    def set_many(self, data: Any, timeout: Any) -> None:
        self.store_many(data, timeout)

    def store_many(self, data: dict[Any, Any], timeout: Any) -> bool:
        """set_many that says whether the values were stored."""

        def store() -> bool:
            RedisCacheClient.set_many(self, data, timeout)
            return True

        return self._guarded(store, False, list(data))

    def touch(self, key: Any, timeout: Any) -> bool:
        return self._guarded(lambda: RedisCacheClient.touch(self, key, timeout), False, [key])

    def delete(self, key: Any) -> bool:
        return self._guarded(lambda: RedisCacheClient.delete(self, key), False, [key])

    def delete_many(self, keys: Any) -> None:
        keys = list(keys)
        self._guarded(lambda: RedisCacheClient.delete_many(self, keys), None, keys)

    def incr(self, key: Any, delta: int) -> int:
        result = self._guarded(lambda: RedisCacheClient.incr(self, key, delta), None, [key])
        if result is None:  # as for a key that is not there, the only answer Django knows
            raise ValueError(f"Key '{key}' not found (shared cache unreachable).")
        return result

    def clear(self) -> bool:
        return self._guarded(lambda: RedisCacheClient.clear(self), False)


class RedisCache(DjangoRedisCache):
    """Django's RedisCache (CACHE_LOCATION is its redis:// address) that treats a Redis it
    cannot reach as an empty cache and deletes what it failed to write once it can."""

    def __init__(self, server: str | list[str], params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self._class = FailSoftRedisCacheClient

    def set_many(
        self, data: dict[Any, Any], timeout: Any = DEFAULT_TIMEOUT, version: int | None = None
    ) -> list[Any]:
        """The keys that could not be stored, as Django's other caches say: all of them
        while Redis is away."""
        if not data:
            return []
        made = {
            self.make_and_validate_key(key, version=version): value for key, value in data.items()
        }
        client: FailSoftRedisCacheClient = self._cache  # type: ignore[attr-defined]
        return [] if client.store_many(made, self.get_backend_timeout(timeout)) else list(data)
