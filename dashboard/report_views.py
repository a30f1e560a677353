"""The yearly report's pages: /opbrengst/<jaar>/ and its PDF.

Everyone reads a published report; the coordinator also reads one not yet published (the
preview); anyone else gets a 404, as for anything they may not see.
"""

from django.http import FileResponse, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from atelier.page_areas import MEMBERS, VALUE
from atelier.page_cache import cached_page

from . import report_pdf
from .models import YearReport
from .report_contents import contents_of


def _report(request, year: int) -> YearReport:
    return get_object_or_404(YearReport.objects.visible_to(request.user), year=year)


@require_safe
# The report and its stories (VALUE), the stories' authors' names (MEMBERS); its figures
# are kept with the report.
@cached_page(areas=(VALUE, MEMBERS))
def page(request, year):
    report = _report(request, year)
    return render(request, "dashboard/year_report.html", contents_of(report))


@require_safe
def pdf(request, year):
    """The published report's stored PDF; the preview's rendered for each download."""
    report = _report(request, year)
    filename = f"opbrengst-{report.year}.pdf"
    if report.is_published:
        response = FileResponse(
            report_pdf.stored_pdf(report).file.open("rb"),
            content_type="application/pdf",
            as_attachment=True,
            filename=filename,
        )
    else:
        response = HttpResponse(report_pdf.render_report(report), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    # Never kept by a shared cache: a story can leave the report at any moment.
    response["Cache-Control"] = "private, no-cache"
    return response
