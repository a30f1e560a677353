"""What the figures share: the rows of a period, a share as a percentage, and a median
counted in the database."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import (
    Case,
    Count,
    Expression,
    F,
    IntegerField,
    Q,
    QuerySet,
    Value,
    When,
    Window,
)
from django.db.models.functions import RowNumber

from .periods import Period


def during(field: str, period: Period) -> Q:
    """Rows whose moment `field` falls in `period` (from its start, before its end)."""
    return Q(**{f"{field}__gte": period.starts_at, f"{field}__lt": period.ends_at})


def month_of(field: str, period: Period) -> Case:
    """For rows whose moment `field` falls in `period`: the index in `period.months()` of
    its month, found by comparing with each month's end (no time-zone function per row)."""
    return Case(
        *(
            When(**{f"{field}__lt": ends_at}, then=Value(index))
            for index, (_first, ends_at) in enumerate(period.month_ends())
        ),
        output_field=IntegerField(),
    )


def share(part: int, whole: int) -> float | None:
    """`part` as a percentage of `whole` to one decimal; None (shown empty) without a whole."""
    return round(100 * part / whole, 1) if whole else None


def median(rows: QuerySet, expression: Expression) -> timedelta | None:
    """The median of `expression` over `rows`, or None when there are none.

    Sorted and cut in the database (PostgreSQL and SQLite alike), in one query: each row's
    place in the order and the number of rows (window functions), of which only the middle
    row, or with an even number the two middle rows (whose mean is the median), is read.
    """
    numbered = rows.annotate(
        measured=expression,
        place=Window(RowNumber(), order_by=(F("measured").asc(), F("pk").asc())),
        total=Window(Count("pk")),
    )
    # Integer division: with 5 rows both are 3, with 4 rows they are 2 and 3.
    middle = numbered.filter(
        Q(place=(F("total") + 1) / 2) | Q(place=(F("total") + 2) / 2)
    ).values_list("measured", flat=True)
    values = list(middle)
    return sum(values, timedelta()) / len(values) if values else None


def in_days(duration: timedelta | None) -> float | None:
    """A duration in days to one decimal (None stays None: shown empty)."""
    return None if duration is None else round(duration.total_seconds() / 86400, 1)
