"""The demo's yearly report (demo/reports/, dashboard/demo.py): last year's, published, with
an introduction, two public stories and the year's figures, linked from /opbrengst/;
loading twice adds nothing."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from dashboard.demo import demo_reports, load_reports
from dashboard.models import YearReport

from .helpers import text

pytestmark = pytest.mark.django_db

LAST_YEAR = timezone.localdate().year - 1


@pytest.fixture
def demo(db):
    call_command("load_demo", stdout=StringIO())


def test_last_years_report_is_published_with_two_public_stories(demo):
    report = YearReport.objects.get()
    assert report.year == LAST_YEAR and report.is_published
    assert "<h2>Wat we deden</h2>" in report.introduction_html
    assert [story.is_public for story in report.stories.all()] == [True, True]
    assert report.figures and report.figures_taken_at is not None


def test_a_visitor_finds_it_on_the_value_page_and_reads_it(demo, client):
    value_page = client.get(reverse("value:list")).content.decode()
    address = reverse("year_report:page", args=[LAST_YEAR])
    assert f'href="{address}"' in value_page

    page = text(client.get(address))
    for story in YearReport.objects.get().stories.all():
        assert story.title in page


def test_loading_again_adds_nothing(demo):
    assert len(demo_reports()) == 1
    assert load_reports() == 0
    assert YearReport.objects.count() == 1


def test_its_figures_tell_the_year_its_introduction_and_stories_speak_of(demo):
    """The introduction speaks of meetings and a public afternoon, and the stories picked
    were written in the year: the figures count them (events and stories dated last year,
    demo/README.md)."""
    report = YearReport.objects.get()
    figures = {figure["key"]: figure["rows"] for figure in report.figures}
    public_event, meetings = figures["events-with-attendance"]
    assert public_event[0] == "Praktijkmiddag: laten zien wat opbouwwerk doet"
    assert public_event[3] > 0  # attended
    assert meetings[0] == "2 bijeenkomsten voor leden" and meetings[3] > 0
    stories_told = sum(row[1] for row in figures["stories-per-cycle"])
    assert stories_told > 0
    for story in report.stories.all():
        assert timezone.localtime(story.created_at).year == LAST_YEAR, story.title
