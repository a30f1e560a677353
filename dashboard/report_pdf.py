"""The yearly report as an A4 PDF, rendered by WeasyPrint as the library's handouts are
(knowledge/handouts.py).

A published report's PDF is made at its first download and stored (`ReportPdf`), so later
downloads read a file; it is removed whenever anything it prints changes (dashboard/models.py)
and made again at the next download. A report not yet published is rendered for each
preview and never stored: the coordinator is still writing it.
"""

from __future__ import annotations

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import translation
from weasyprint import HTML
from weasyprint.urls import URLFetcher

from atelier.addresses import absolute_url

from .models import ReportPdf, YearReport
from .report_contents import contents_of

# Nothing from outside: the charts are inline SVG, and a link in the introduction must
# never make the server fetch it.
NOTHING_FETCHED = URLFetcher(allowed_protocols={"data"})


def report_html(report: YearReport) -> str:
    """The page WeasyPrint prints. In Dutch, the language of the report: one stored file
    serves every reader."""
    with translation.override(settings.LANGUAGE_CODE):
        return render_to_string(
            "dashboard/year_report_pdf.html",
            {
                **contents_of(report),
                "address": absolute_url(report.get_absolute_url()),
                "site_name": settings.SITE_NAME,
            },
        )


def render_report(report: YearReport) -> bytes:
    """The report as it is now, as PDF bytes."""
    return HTML(
        string=report_html(report),
        base_url=absolute_url(report.get_absolute_url()),
        url_fetcher=NOTHING_FETCHED,
    ).write_pdf()


def stored_pdf(report: YearReport) -> ReportPdf:
    """The published report's stored PDF: the one there is, or rendered and stored now."""
    existing = ReportPdf.objects.filter(report=report).first()
    if existing is not None:
        return existing
    pdf = render_report(report)
    stored = ReportPdf(report=report, size=len(pdf))
    stored.file.save(f"opbrengst-{report.year}.pdf", ContentFile(pdf), save=False)
    try:
        with transaction.atomic():
            stored.save()
    except IntegrityError:
        # Another download stored it first: serve that one.
        stored.file.delete(save=False)
        return ReportPdf.objects.get(report=report)
    return stored
