"""The Atom feed of public questions: members-only questions and drafts never appear."""

from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy

from atelier.addresses import absolute_url
from atelier.feeds import SiteFeed

from .models import Question

FEED_SIZE = 30
SUMMARY_WORDS = 60


class PublicQuestionsFeed(SiteFeed):
    title = gettext_lazy("Leeratelier Samenlevingsopbouw: questions from practice")
    subtitle = gettext_lazy("Questions from the practice of community development work.")

    def link(self):
        return absolute_url(reverse("questions:list"))

    def feed_url(self):
        return absolute_url(reverse("questions:feed"))

    def items(self):
        return Question.objects.public().newest_activity_first().for_list()[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        # The situation as plain text (atelier/feeds.py sends summaries as text).
        return Truncator(strip_tags(item.body_html)).words(SUMMARY_WORDS)

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.last_activity_at

    def item_authors(self, item):
        return [item.asker_name()]

    def item_categories(self, item):
        return [tag.name for tag in item.tag_list()]
