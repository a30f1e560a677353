from django.urls import path

from atelier.page_cache import cached_page
from atelier.security import personal

from . import views

app_name = "knowledge"

urlpatterns = [
    path("", views.library, name="library"),
    path("nieuw/", views.create, name="create"),
    path(
        "feed/",
        cached_page(areas=("library", "members"))(views.PublicItemsFeed()),
        name="feed",
    ),
    path("co-auteurschap/", personal(views.coauthor_requests), name="coauthor_requests"),
    path("reacties/<int:pk>/bewerken/", views.edit_comment, name="edit_comment"),
    path("reacties/<int:pk>/verwijderen/", views.delete_comment, name="delete_comment"),
    path("reacties/<int:pk>/verbergen/", views.hide_comment, name="hide_comment"),
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/bewerken/", views.edit, name="edit"),
    path("<slug:slug>/auteur-af/", views.leave, name="leave"),
    path("<slug:slug>/reacties/", views.comment, name="comment"),
    path("<slug:slug>/bijlagen/<int:pk>/<str:name>", views.attachment, name="attachment"),
    path(
        "<slug:slug>/bijlagen/<int:pk>/verwijderen/",
        views.delete_attachment,
        name="delete_attachment",
    ),
]
