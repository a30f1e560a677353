"""The Atom feed of public value stories: those for members or the coordinator never appear."""

from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy

from atelier.addresses import absolute_url
from atelier.feeds import SiteFeed

from .models import ValueStory

FEED_SIZE = 30
SUMMARY_WORDS = 60


class PublicStoriesFeed(SiteFeed):
    title = gettext_lazy("Leeratelier Samenlevingsopbouw: value stories")
    subtitle = gettext_lazy("What taking part in the atelier brought members, in their own words.")

    def link(self):
        return absolute_url(reverse("value:list"))

    def feed_url(self):
        return absolute_url(reverse("value:feed"))

    def items(self):
        return ValueStory.objects.public().newest_first().for_list()[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        # The first cycle told, as plain text (atelier/feeds.py sends summaries as text).
        first = item.told_cycles()[0]
        return f"{first.label}: {Truncator(first.text).words(SUMMARY_WORDS)}"

    def item_pubdate(self, item):
        return item.created_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_authors(self, item):
        return [item.author_name()]
