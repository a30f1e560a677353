"""The period the coordinator looks at: two dates in the address (`?van=...&tot=...`), and
the periods one click away."""

from __future__ import annotations

from datetime import date
from urllib.parse import urlencode

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .periods import Period

# Before the atelier and far after it: a date outside is a typing mistake.
EARLIEST = date(2000, 1, 1)
LATEST = date(2099, 12, 31)
# Ten years of days, leap days included: enough to look back, bounded for the database.
LONGEST = 10 * 366
DATE_FORMAT = "%d-%m-%Y"


class DayField(forms.DateField):
    """A day typed as day-month-year, the same in every language of the site; a date in
    ISO 8601 (2026-01-31) is read too."""

    input_formats = [DATE_FORMAT, "%Y-%m-%d"]
    widget = forms.DateInput(format=DATE_FORMAT)
    default_error_messages = {"invalid": _("Enter a date as day-month-year, e.g. 1-1-2026.")}


class PeriodForm(forms.Form):
    """From and to, both included; read from the query string, so a period is a link."""

    van = DayField(
        label=_("First day"),
        help_text=_("Day-month-year, e.g. 1-1-2026."),
        error_messages={"required": _("Enter the first day.")},
    )
    tot = DayField(
        label=_("Last day"),
        help_text=_("Day-month-year, e.g. 31-12-2026."),
        error_messages={"required": _("Enter the last day.")},
    )

    def clean_van(self) -> date:
        return _within_range(self.cleaned_data["van"])

    def clean_tot(self) -> date:
        return _within_range(self.cleaned_data["tot"])

    def clean(self):
        cleaned = super().clean()
        first, last = cleaned.get("van"), cleaned.get("tot")
        if first is None or last is None:
            return cleaned
        if last < first:
            self.add_error("tot", _("The last day cannot be before the first day."))
        elif last > timezone.localdate():
            self.add_error(
                "tot",
                _(
                    "Choose today or an earlier day as the last day: there are no figures of "
                    "the future."
                ),
            )
        elif (last - first).days + 1 > LONGEST:
            self.add_error("tot", _("Choose a period of at most ten years."))
        return cleaned

    @classmethod
    def for_query(cls, query) -> PeriodForm:
        """The form of the address's query; showing this year so far when it names no
        period."""
        if "van" in query or "tot" in query:
            return cls(query)
        default = year_so_far(timezone.localdate())
        return cls(initial={"van": default.first_day, "tot": default.last_day})

    def chosen_period(self) -> Period | None:
        """The period to show: this year so far when the address names none, None when the
        one it names is wrong (the form says why)."""
        if not self.is_bound:
            return Period(self.initial["van"], self.initial["tot"])
        if not self.is_valid():
            return None
        return Period(self.cleaned_data["van"], self.cleaned_data["tot"])


def _within_range(day: date) -> date:
    if not EARLIEST <= day <= LATEST:
        raise forms.ValidationError(
            _("Choose a date between %(earliest)s and %(latest)s."),
            params={"earliest": EARLIEST.year, "latest": LATEST.year},
        )
    return day


def period_query(period: Period) -> str:
    """The query string that names `period`, as the form shows it: `van=01-01-2026&tot=...`."""
    return urlencode(
        {
            "van": period.first_day.strftime(DATE_FORMAT),
            "tot": period.last_day.strftime(DATE_FORMAT),
        }
    )


def year_so_far(today: date) -> Period:
    """From 1 January to `today`: this year, without the days that have no figures yet."""
    return Period(date(today.year, 1, 1), today)


def quick_periods(today: date) -> list[tuple[str, Period]]:
    """The periods one click away: this year so far, last year, the last twelve months
    (this month and the eleven before it)."""
    months = today.year * 12 + today.month - 1 - 11
    return [
        (_("This year"), year_so_far(today)),
        (_("Last year"), Period.of_year(today.year - 1)),
        (_("The last 12 months"), Period(date(months // 12, months % 12 + 1, 1), today)),
    ]
