from atelier.sitemaps import SiteSitemap

from .models import Event


class PublicEventsSitemap(SiteSitemap):
    """Published public events, past ones too (their pages link the reports)."""

    def items(self):
        return Event.objects.public().published().order_by("-start")

    def lastmod(self, event):
        return event.updated_at
