"""The dashboard's figures as last counted: each period's count is kept for a while in
the shared cache, with the moment it was made.

Counting every figure reads every contribution of the period; on a site ten times the
large data set that takes seconds (docs/benchmarks.md). So a count is kept for
DASHBOARD_COUNT_SECONDS per period and language (the rows hold translated texts), the
page says when it was made, and the coordinator can count again at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone, translation

from .overview import Section, sections_for
from .periods import Period


@dataclass(frozen=True)
class Count:
    """The dashboard's sections over a period, and when they were counted."""

    sections: list[Section]
    counted_at: datetime


def _key(period: Period) -> str:
    return f"dashboard-count:{period.value}:{translation.get_language()}"


def last_count(period: Period) -> Count:
    """The figures over `period` as last counted, counted now if they are not kept."""
    count = cache.get(_key(period))
    return count if count is not None else count_again(period)


def count_again(period: Period) -> Count:
    """Count every figure over `period` now, and keep the count."""
    count = Count(sections_for(period), timezone.now())
    cache.set(_key(period), count, settings.DASHBOARD_COUNT_SECONDS)
    return count
