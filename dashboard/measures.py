"""What the figures share: the rows of a period, a share as a percentage, and a median
counted in the database."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Expression, Q, QuerySet

from .periods import Period


def during(field: str, period: Period) -> Q:
    """Rows whose moment `field` falls in `period` (from its start, before its end)."""
    return Q(**{f"{field}__gte": period.starts_at, f"{field}__lt": period.ends_at})


def share(part: int, whole: int) -> float | None:
    """`part` as a percentage of `whole` to one decimal; None (shown empty) without a whole."""
    return round(100 * part / whole, 1) if whole else None


def median(rows: QuerySet, expression: Expression) -> timedelta | None:
    """The median of `expression` over `rows`, or None when there are none.

    Sorted and cut in the database (PostgreSQL and SQLite alike): a count, then the middle
    row (ORDER BY ... LIMIT 1 OFFSET n/2), or with an even count the two middle rows, whose
    mean is the median. At most two rows are read, however many there are.
    """
    count = rows.count()
    if not count:
        return None
    ordered = rows.annotate(measured=expression).order_by("measured", "pk")
    middle = count // 2
    if count % 2:
        return ordered.values_list("measured", flat=True)[middle]
    lower, upper = ordered.values_list("measured", flat=True)[middle - 1 : middle + 1]
    return (lower + upper) / 2


def in_days(duration: timedelta | None) -> float | None:
    """A duration in days to one decimal (None stays None: shown empty)."""
    return None if duration is None else round(duration.total_seconds() / 86400, 1)
