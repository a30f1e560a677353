"""Work that several figures of one page need, done once for the page.

The tiers, the give-and-take figure and the movement between tiers all count what each
member did in the same periods. Inside `one_page()` a function marked `@done_once` runs
once per set of arguments; outside it, every call computes afresh, so nothing is kept
from one request to the next.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import wraps
from typing import Any, TypeVar

Result = TypeVar("Result")

_results: ContextVar[dict[tuple, Any] | None] = ContextVar("dashboard_results", default=None)


@contextmanager
def one_page() -> Iterator[None]:
    """Within this block, share the results of `@done_once` functions."""
    token = _results.set({})
    try:
        yield
    finally:
        _results.reset(token)


def done_once(function: Callable[..., Result]) -> Callable[..., Result]:
    """Mark `function` (of hashable arguments) as work to share within `one_page()`."""

    @wraps(function)
    def shared(*args: Any) -> Result:
        results = _results.get()
        if results is None:
            return function(*args)
        key = (function.__qualname__, *args)
        if key not in results:
            results[key] = function(*args)
        return results[key]

    return shared
