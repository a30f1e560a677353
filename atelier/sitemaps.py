"""The sitemap's common ground: addresses on SITE_URL, and the site's own fixed pages.

Each app gives the sitemap of what it publishes (sessions_app/sitemaps.py,
knowledge/sitemaps.py); atelier/urls.py lists them, one line per section.
"""

from urllib.parse import urlsplit

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .addresses import absolute_url, site_domain


class SiteSitemap(Sitemap):
    """A sitemap whose addresses are built on SITE_URL, not on the request's host."""

    def get_domain(self, site=None):
        return site_domain()

    def get_protocol(self, protocol=None):
        return urlsplit(absolute_url("/")).scheme


class FixedPagesSitemap(SiteSitemap):
    """The pages that are always there: home, about, privacy, the agenda, the library."""

    def items(self):
        return [
            "home",
            "about",
            "privacy",
            "agenda:upcoming",
            "agenda:archive",
            "knowledge:library",
        ]

    def location(self, item):
        return reverse(item)
