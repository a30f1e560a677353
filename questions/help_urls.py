from django.urls import path

from . import help_views

urlpatterns = [
    path(
        "<slug:slug>/vraag-hulp/<int:member_id>/",
        help_views.ask_for_help,
        name="ask_for_help",
    ),
]
