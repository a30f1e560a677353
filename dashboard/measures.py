"""What the figures share: the rows of a period, a share as a percentage, and a median
counted in the database."""

from __future__ import annotations

from datetime import timedelta
from typing import cast

from django.db import connection
from django.db.models import (
    Case,
    Expression,
    IntegerField,
    Q,
    QuerySet,
    Value,
    When,
)

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
    """The median of `expression` over `rows` where it is not NULL, or None when there
    are none.

    Sorted and cut in the database (PostgreSQL and SQLite alike), in one query: each
    value's place in the order and the number of values (window functions) around the
    ORM's query, so `expression` is worked out once per row; only the middle value, or
    with an even number the two middle ones (whose mean is the median), is read.
    """
    measured = rows.order_by().annotate(measured=expression).values_list("measured")
    inner, params = measured.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT measured FROM (SELECT measured, ROW_NUMBER() OVER (ORDER BY measured) AS "
            "place, COUNT(*) OVER () AS total FROM (" + inner + ") AS measured_rows "
            "WHERE measured IS NOT NULL) AS numbered "
            # Integer division: with 5 values both bounds are 3, with 4 they are 2 and 3.
            "WHERE place BETWEEN (total + 1) / 2 AND (total + 2) / 2",
            params,
        )
        values = [_converted(value, expression) for (value,) in cursor.fetchall()]
    return sum(values, timedelta()) / len(values) if values else None


def _converted(value: object, expression: Expression) -> timedelta:
    """A duration as the database returned it, as Python's (SQLite: microseconds)."""
    for convert in expression.get_db_converters(connection):
        value = convert(value, expression, connection)
    return cast(timedelta, value)


def in_days(duration: timedelta | None) -> float | None:
    """A duration in days to one decimal (None stays None: shown empty)."""
    return None if duration is None else round(duration.total_seconds() / 86400, 1)
