"""The demo's yearly report for `make run`: last year's report, published, with an
introduction and two public value stories (demo/reports/, one file a report; the header
holds `years_ago`, `published` and the stories by title, the text is the introduction).

A report whose year exists is left alone, so a second run adds nothing and changes
nothing. Load the stories first (value/demo.py).
"""

from dataclasses import dataclass, field

from django.utils import timezone

from atelier.content_files import DEMO_FOLDER, read_content_folder
from value.models import ValueStory

from . import year_reports
from .models import YearReport

FOLDER = DEMO_FOLDER / "reports"


@dataclass(frozen=True)
class DemoReport:
    years_ago: int
    introduction: str
    published: bool = False
    stories: list[str] = field(default_factory=list)  # titles of public demo stories


def demo_reports() -> list[DemoReport]:
    """The demo reports of demo/reports/."""
    return [file.build(DemoReport, introduction=file.body) for file in read_content_folder(FOLDER)]


def load_reports() -> int:
    """Add the demo reports whose year has none yet; returns how many."""
    created = 0
    for demo in demo_reports():
        year = timezone.localdate().year - demo.years_ago
        if YearReport.objects.filter(year=year).exists():
            continue
        report = YearReport.objects.create(year=year, introduction=demo.introduction)
        stories = ValueStory.objects.filter(title__in=demo.stories)
        if len(stories) != len(demo.stories):
            raise ValueError(f"{FOLDER}: a story named in a report is not in demo/stories/")
        year_reports.pick_stories(report, stories)
        year_reports.take_figures(report)
        if demo.published:
            year_reports.publish(report)
        created += 1
    return created
