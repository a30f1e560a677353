from atelier.sitemaps import SiteSitemap

from .models import Resource


class PublicItemsSitemap(SiteSitemap):
    """Published public library items; members-only items and drafts never."""

    def items(self):
        return Resource.objects.public().order_by("-published_at", "pk").only("slug", "updated_at")

    def lastmod(self, item):
        return item.updated_at
