from atelier.sitemaps import SiteSitemap

from .models import YearReport


class PublishedReportsSitemap(SiteSitemap):
    """The published yearly reports; one not published yet never."""

    def items(self):
        return YearReport.objects.published().only("year", "updated_at")

    def lastmod(self, report):
        return report.updated_at
