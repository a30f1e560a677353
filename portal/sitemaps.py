from django.urls import reverse

from atelier.sitemaps import SiteSitemap


class FixedPagesSitemap(SiteSitemap):
    """The pages that are always there: home, about, privacy, the agenda, the library,
    the questions."""

    def items(self):
        return [
            "home",
            "about",
            "privacy",
            "agenda:upcoming",
            "agenda:archive",
            "knowledge:library",
            "questions:list",
        ]

    def location(self, item):
        return reverse(item)
