from atelier.sitemaps import SiteSitemap

from .models import Question


class PublicQuestionsSitemap(SiteSitemap):
    """Published public questions; members-only questions and drafts never."""

    def items(self):
        return Question.objects.public().order_by("-published_at", "pk").only("slug", "updated_at")

    def lastmod(self, item):
        return item.updated_at
