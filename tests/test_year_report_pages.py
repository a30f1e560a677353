"""The yearly report's page at /opbrengst/<jaar>/ (dashboard/report_views.py): linked from
/opbrengst/ and the sitemap once published, never before; the coordinator's preview
says it is one and keeps search engines out."""

import pytest
from django.urls import reverse
from django.utils import timezone

from dashboard.report_contents import contents_of
from dashboard.year_reports import take_figures

from .factories import make_coordinator, make_member, make_year_report
from .helpers import text

pytestmark = pytest.mark.django_db


@pytest.fixture
def reports(db):
    return make_year_report(2024), make_year_report(2025, published=False)


def test_the_value_page_links_the_published_reports_only(client, reports):
    page = text(client.get(reverse("value:list")))

    assert "Opbrengst 2024" in page
    assert "Opbrengst 2025" not in page


def test_publishing_puts_the_report_on_the_stored_value_page(client, reports):
    published, unpublished = reports
    assert "Opbrengst 2025" not in text(client.get(reverse("value:list")))

    unpublished.published_at = published.published_at
    unpublished.save()

    assert "Opbrengst 2025" in text(client.get(reverse("value:list")))


def test_the_sitemap_lists_the_published_reports_only(client, reports):
    sitemap = client.get(reverse("sitemap")).content.decode()

    assert "/opbrengst/2024/" in sitemap
    assert "/opbrengst/2025/" not in sitemap


def test_the_coordinators_preview_says_so_and_is_not_indexed(client, reports):
    client.force_login(make_coordinator())

    page = text(client.get(reverse("year_report:page", args=[2025])))

    assert "Voorbeeld: alleen jij kunt dit verslag lezen" in page
    assert '<meta name="robots" content="noindex">' in page


def test_a_published_report_says_when_and_may_be_indexed(client, reports):
    page = text(client.get(reverse("year_report:page", args=[2024])))

    assert "Gepubliceerd" in page
    assert "noindex" not in page


def test_each_figure_is_a_chart_with_its_table_on_the_page_and_in_the_pdf(client):
    make_member("lid@example.org")
    year = timezone.localdate().year
    report = make_year_report(year)
    take_figures(report)
    shown = contents_of(report)["figures"]
    charts = [table for table in shown if table.chart is not None]
    assert charts, "a report with a member has figures to draw"

    page = client.get(reverse("year_report:page", args=[year])).content.decode()

    svg = '<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img"'
    assert page.count(svg) == len(charts)
    for table in charts:
        assert f'id="{table.chart.title_id}"' in page
    assert page.count("<table") == len(shown)
    pdf = client.get(reverse("year_report:pdf", args=[year]))
    assert pdf.status_code == 200 and b"".join(pdf.streaming_content).startswith(b"%PDF")
