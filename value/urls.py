from django.urls import path

from atelier.conditional_feeds import conditional_feed
from atelier.page_cache import cached_page

from . import views
from .feeds import PublicStoriesFeed

app_name = "value"
# How long a feed reader may use its copy of the feed before it asks again.
FEED_MAX_AGE = 60 * 60

# /opbrengst/<jaar>/ stays free for the yearly report.
urlpatterns = [
    path("", views.story_list, name="list"),
    path("nieuw/", views.create, name="create"),
    path(
        "feed/",
        # The writers' names, and the feed's title (a site text).
        conditional_feed(areas=("value", "members", "site-texts"), max_age=FEED_MAX_AGE)(
            cached_page(areas=("value", "members"))(PublicStoriesFeed())
        ),
        name="feed",
    ),
    path("verhalen/<int:pk>/", views.detail, name="detail"),
    path("verhalen/<int:pk>/bewerken/", views.edit, name="edit"),
    path("verhalen/<int:pk>/verwijderen/", views.delete, name="delete"),
]
