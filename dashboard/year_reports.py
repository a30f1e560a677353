"""The yearly report's rules: which stories it may hold, taking its figures, publishing.

A report's figures are a snapshot, taken when the coordinator starts the report and again
only when they choose "update figures": what they previewed is what they publish, and a
published report is a document that reads the same for the research group next month as
today. The page then reads one row instead of counting years of data.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from knowledge.item_links import Link
from value.models import ValueStory

from .figure_snapshots import from_snapshot, to_snapshot
from .figures import Figure
from .models import YearReport, eligible_stories
from .report_figures import figures_of_year

# How many stories the coordinator chooses from: the newest public ones of the year.
STORIES_TO_CHOOSE = 100


def stories_to_choose(year: int, keep: Iterable[int] = ()) -> QuerySet[ValueStory]:
    """The newest public stories of `year` (and the next) to pick from, and those already
    picked that are still public: a bounded list of checkboxes, never thousands."""
    newest = eligible_stories(year).values("pk")[:STORIES_TO_CHOOSE]
    return eligible_stories(year).filter(Q(pk__in=[*keep]) | Q(pk__in=newest))


def pick_stories(report: YearReport, stories: Iterable[ValueStory]) -> None:
    """Put exactly `stories` in the report; each must be one everyone may read."""
    stories = list(stories)
    narrowed = [story.title for story in stories if not story.is_public]
    if narrowed:
        raise ValidationError(
            _("Only stories their authors let everyone read can be in the report: %(titles)s.")
            % {"titles": ", ".join(narrowed)}
        )
    report.stories.set(stories)


def take_figures(report: YearReport) -> None:
    """Count the report's year now and keep the figures with the report, in the report's
    language (Dutch) whatever the language of whoever asks."""
    # Some figures' texts hold a number (a note, a counted line) and are made as they are
    # counted, so the counting too happens in the report's language.
    with translation.override(settings.LANGUAGE_CODE):
        figures = figures_of_year(report.period)
    report.figures = [to_snapshot(figure) for figure in figures]
    report.figures_taken_at = timezone.now()
    report.save(update_fields=["figures", "figures_taken_at", "updated_at"])


def shown_figures(report: YearReport) -> list[Figure]:
    """The figures as they were taken."""
    return [from_snapshot(data) for data in report.figures]


def publish(report: YearReport) -> None:
    """Make the report readable by everyone at its address (its figures as they are)."""
    if not report.is_published:
        report.published_at = timezone.now()
        report.save(update_fields=["published_at", "updated_at"])


def unpublish(report: YearReport) -> None:
    """Take the report back: only the coordinator can read it again."""
    if report.is_published:
        report.published_at = None
        report.save(update_fields=["published_at", "updated_at"])


def report_links() -> list[Link]:
    """The published reports as links, newest year first (for /opbrengst/): one query."""
    return [
        Link(str(report), report.get_absolute_url())
        for report in YearReport.objects.published().only("year")
    ]
