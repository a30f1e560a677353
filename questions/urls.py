from django.urls import include, path

from atelier.page_cache import cached_page

from . import views
from .feeds import PublicQuestionsFeed

app_name = "questions"

urlpatterns = [
    path("", views.question_list, name="list"),
    path("nieuw/", views.ask, name="ask"),
    path(
        "feed/",
        cached_page(areas=("questions", "members"))(PublicQuestionsFeed()),
        name="feed",
    ),
    path("antwoorden/<int:pk>/bewerken/", views.edit_answer, name="edit_answer"),
    path("antwoorden/<int:pk>/verbergen/", views.hide_answer, name="hide_answer"),
    # "Who can help" and asking a member directly (questions/help_views.py).
    path("", include("questions.help_urls")),
    # A question to the library and to a meeting's agenda (questions/library_views.py).
    path("", include("questions.library_urls")),
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/bewerken/", views.edit, name="edit"),
    path("<slug:slug>/publiceren/", views.publish, name="publish"),
    path("<slug:slug>/antwoorden/", views.answer, name="answer"),
    path("<slug:slug>/hielp/", views.mark_helped, name="mark_helped"),
]
