"""The yearly report as PDF (dashboard/report_pdf.py): a real PDF that holds the year, the
introduction and the picked stories; a published report's PDF is stored once and made
again after any change to what it prints; a preview is never stored."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from dashboard import report_pdf
from dashboard.models import ReportPdf

from .factories import make_coordinator, make_member, make_story, make_year_report
from .helpers import media_files, pdf_bytes, pdf_text, pdf_words

pytestmark = pytest.mark.django_db

YEAR = timezone.localdate().year - 1


@pytest.fixture
def render_count(monkeypatch):
    """How often a report was rendered (the real rendering still runs)."""
    counted = {"renders": 0}
    render = report_pdf.render_report

    def counting(*args, **kwargs):
        counted["renders"] += 1
        return render(*args, **kwargs)

    monkeypatch.setattr(report_pdf, "render_report", counting)
    return counted


@pytest.fixture
def report(db):
    author = make_member("schrijver@example.org", display_name="Sara Schrijver")
    story = make_story(author, "public", title="De buurt aan tafel")
    return make_year_report(
        YEAR, [story], introduction="## Ons jaar\n\nWe leerden **veel** van elkaar."
    )


def download(client, year=YEAR):
    return client.get(reverse("year_report:pdf", args=[year]))


def test_the_pdf_is_a_pdf_with_the_year_the_introduction_and_the_stories(client, report):
    response = download(client)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="opbrengst-{YEAR}.pdf"'
    body = pdf_bytes(response)
    assert body.startswith(b"%PDF-")
    text = pdf_words(body)
    assert f"Opbrengst {YEAR}" in text
    assert "Ons jaar" in text and "We leerden veel van elkaar." in text
    assert "De buurt aan tafel" in text and "Sara Schrijver" in text


def test_a_published_pdf_is_stored_once(client, report, render_count):
    download(client)
    download(client)

    assert render_count["renders"] == 1
    assert ReportPdf.objects.get(report=report).size > 0


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda report: report.save(), id="the report"),
        pytest.param(lambda report: report.stories.clear(), id="its stories"),
        pytest.param(lambda report: report.stories.get().save(), id="a story"),
        pytest.param(
            lambda report: report.stories.get().author.profile.save(), id="an author's name"
        ),
    ],
)
def test_a_change_to_what_it_prints_removes_the_stored_pdf_and_its_file(
    client, report, render_count, change, django_capture_on_commit_callbacks
):
    download(client)
    assert len(media_files()) == 1

    with django_capture_on_commit_callbacks(execute=True):
        change(report)

    assert not ReportPdf.objects.exists()
    assert media_files() == []
    download(client)
    assert render_count["renders"] == 2


def test_the_preview_is_rendered_for_the_coordinator_and_never_stored(client, report):
    report.published_at = None
    report.save()
    client.force_login(make_coordinator())

    response = download(client)

    assert response.status_code == 200
    assert "Voorbeeld: nog niet gepubliceerd." in pdf_text(response)
    assert not ReportPdf.objects.exists()


def test_a_second_download_reads_the_stored_file(client, report):
    ReportPdf.objects.create(report=report, size=9).file.save(
        "opbrengst.pdf", ContentFile(b"%PDF-1.7 stored")
    )

    assert pdf_bytes(download(client)) == b"%PDF-1.7 stored"
