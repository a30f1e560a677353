from django.urls import path

from atelier.conditional_feeds import conditional_feed
from atelier.page_cache import cached_page
from atelier.security import personal

from . import handout_views, uptake_views, version_views, views

app_name = "knowledge"
# How long a feed reader may use its copy of the feed before it asks again.
FEED_MAX_AGE = 60 * 60

urlpatterns = [
    path("", views.library, name="library"),
    path("nieuw/", views.create, name="create"),
    path(
        "feed/",
        conditional_feed(areas=("library", "members", "site-texts"), max_age=FEED_MAX_AGE)(
            cached_page(areas=("library", "members"))(views.PublicItemsFeed())
        ),
        name="feed",
    ),
    path("co-auteurschap/", personal(views.coauthor_requests), name="coauthor_requests"),
    path("reacties/<int:pk>/bewerken/", views.edit_comment, name="edit_comment"),
    path("reacties/<int:pk>/verwijderen/", views.delete_comment, name="delete_comment"),
    path("reacties/<int:pk>/verbergen/", views.hide_comment, name="hide_comment"),
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>.pdf", handout_views.handout, name="handout"),
    path("<slug:slug>/bewerken/", views.edit, name="edit"),
    path("<slug:slug>/auteur-af/", views.leave, name="leave"),
    path("<slug:slug>/reacties/", views.comment, name="comment"),
    path("<slug:slug>/versies/", version_views.version_list, name="versions"),
    path("<slug:slug>/versies/<int:version_id>/", version_views.version_detail, name="version"),
    path(
        "<slug:slug>/versies/<int:version_id>/terugzetten/",
        version_views.restore,
        name="restore_version",
    ),
    path("<slug:slug>/bijlagen/<int:pk>/<str:name>", views.attachment, name="attachment"),
    path(
        "<slug:slug>/bijlagen/<int:pk>/verwijderen/",
        views.delete_attachment,
        name="delete_attachment",
    ),
    # Experiences of using a tool or case, below the item (no slug of their own to reserve).
    path("<slug:slug>/gebruikt/", uptake_views.account_list, name="uptake_list"),
    path("<slug:slug>/gebruikt/nieuw/", uptake_views.record, name="record_uptake"),
    path("<slug:slug>/gebruikt/<int:pk>/", uptake_views.account_detail, name="uptake"),
    path("<slug:slug>/gebruikt/<int:pk>/bewerken/", uptake_views.edit, name="edit_uptake"),
    path("<slug:slug>/gebruikt/<int:pk>/verwijderen/", uptake_views.delete, name="delete_uptake"),
]
