"""The period a figure covers: whole days in the site's time zone (Europe/Amsterdam).

A period runs from the start of its first day to the start of the day after its last, so
an event on 31 December at 23:30 in Amsterdam belongs to that year, although it is
already 1 January in UTC.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils import timezone


@dataclass(frozen=True)
class Period:
    """From `first_day` to `last_day`, both included."""

    first_day: date
    last_day: date

    def __post_init__(self) -> None:
        if self.last_day < self.first_day:
            raise ValueError("A period cannot end before it starts.")

    @classmethod
    def of_year(cls, year: int) -> Period:
        return cls(date(year, 1, 1), date(year, 12, 31))

    @classmethod
    def this_year(cls) -> Period:
        """From 1 January to 31 December of today's year in Amsterdam."""
        return cls.of_year(timezone.localdate().year)

    @property
    def starts_at(self) -> datetime:
        """The first moment of the period (aware)."""
        return _midnight(self.first_day)

    @property
    def ends_at(self) -> datetime:
        """The first moment after the period (aware): compare with `<`, never `<=`."""
        return _midnight(self.last_day + timedelta(days=1))

    @property
    def value(self) -> str:
        """The period as one text, e.g. "2026-01-01..2026-12-31": how an address carries it."""
        return f"{self.first_day.isoformat()}..{self.last_day.isoformat()}"

    @classmethod
    def from_value(cls, value: str) -> Period | None:
        """The period `value` names (see `value`), or None when it names none."""
        first, separator, last = value.partition("..")
        try:
            return cls(date.fromisoformat(first), date.fromisoformat(last)) if separator else None
        except ValueError:
            return None

    @property
    def days(self) -> int:
        return (self.last_day - self.first_day).days + 1

    def previous(self) -> Period:
        """The period of as many days just before this one: where members' tiers moved from."""
        last_day = self.first_day - timedelta(days=1)
        return Period(last_day - timedelta(days=self.days - 1), last_day)

    def months(self) -> list[date]:
        """The first day of each calendar month the period touches, in order: the points
        of a line over time."""
        first = self.first_day.replace(day=1)
        months = []
        while first <= self.last_day:
            months.append(first)
            first = (first + timedelta(days=32)).replace(day=1)
        return months

    def month_ends(self) -> list[tuple[date, datetime]]:
        """Each month of `months()` with the first moment after it (aware); the last month
        ends with the period."""
        ends = []
        for first in self.months():
            next_month = (first + timedelta(days=32)).replace(day=1)
            ends.append((first, min(_midnight(next_month), self.ends_at)))
        return ends


def _midnight(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min), timezone.get_default_timezone())
