"""The sitemap's common ground: addresses on SITE_URL.

Each app gives the sitemap of what it publishes (sessions_app/sitemaps.py,
knowledge/sitemaps.py); portal/urls.py lists them, one line per section, beside the
fixed pages (portal/sitemaps.py).
"""

from urllib.parse import urlsplit

from django.contrib.sitemaps import Sitemap

from .addresses import absolute_url, site_domain


class SiteSitemap(Sitemap):
    """A sitemap whose addresses are built on SITE_URL, not on the request's host."""

    def get_domain(self, site=None):
        return site_domain()

    def get_protocol(self, protocol=None):
        return urlsplit(absolute_url("/")).scheme
