"""The dashboard's figures as last counted: each period's count is kept for a while in
the shared cache, drawn (charts and tables as HTML) and with the moment it was made.

Counting every figure reads every contribution of the period; on a site ten times the
large data set that takes seconds (docs/benchmarks.md), and drawing seventeen charts and
tables takes longer than the rest of the page. So a count is kept, drawn, for
DASHBOARD_COUNT_SECONDS per period and language (the figures hold translated texts), the
page says when it was made, and the coordinator can count again at once.

Only the drawing is kept, not the figures it was drawn from: read back from the cache on
every visit, those thousands of small objects took 30 ms to unpickle and now and then a
collection of them by Python's garbage collector, so that one visit in twenty took over
120 ms on the large data set.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.safestring import SafeString

from .display import csv_url, show
from .overview import sections_for
from .periods import Period


@dataclass(frozen=True)
class Count:
    """The dashboard's sections over a period, drawn, and when they were counted."""

    html: SafeString
    counted_at: datetime


def _key(period: Period) -> str:
    return f"dashboard-count:{period.value}:{translation.get_language()}"


def last_count(period: Period) -> Count:
    """The figures over `period` as last counted, counted now if they are not kept."""
    count = cache.get(_key(period))
    return count if count is not None else count_again(period)


def count_again(period: Period) -> Count:
    """Count every figure over `period` now, draw them, and keep the count."""
    sections = sections_for(period)
    shown_sections = [
        (section.heading, [show(figure, csv_url(figure, period)) for figure in section.figures])
        for section in sections
    ]
    html = render_to_string("dashboard/sections.html", {"sections": shown_sections})
    count = Count(html, timezone.now())
    cache.set(_key(period), count, settings.DASHBOARD_COUNT_SECONDS)
    return count
