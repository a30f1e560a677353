"""Atom feeds as feed readers need them: plain text as text, and whole addresses.

A feed reader renders a `type="html"` summary as markup, with none of the site's own
protection (its escaping, its Content-Security-Policy). Summaries on this site are
plain text, so they go out as `type="text"`, and "a < b" reads as "a < b". Every
address is built on SITE_URL (atelier/addresses.py), not on the request's host, and an
item with several authors names each in an <author> of its own (RFC 4287, 4.2.1).
"""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed

from .addresses import absolute_url


class AtomFeed(Atom1Feed):
    """Django's Atom feed with a plain-text summary and one <author> per author."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, {**item, "description": None, "author_name": None})
        for name in item.get("authors", ()):
            handler.startElement("author", {})
            handler.addQuickElement("name", name)
            handler.endElement("author")
        if item["description"]:
            handler.addQuickElement("summary", item["description"], {"type": "text"})


class SiteFeed(Feed):
    """A feed of the site's own items: each item's page, its summary and its authors.

    Subclasses give `link()` and `feed_url()` as whole addresses, and `item_authors()`.
    """

    feed_type = AtomFeed

    def author_name(self) -> str:
        """The feed's own author: an entry without one is then still valid Atom."""
        return settings.SITE_NAME

    def item_link(self, item):
        return absolute_url(item.get_absolute_url())

    def item_authors(self, item) -> list[str]:
        return []

    def item_extra_kwargs(self, item):
        return {"authors": self.item_authors(item)}
