from django.urls import path

from . import views

app_name = "value"

# /opbrengst/<jaar>/ stays free for the yearly report.
urlpatterns = [
    path("", views.story_list, name="list"),
    path("nieuw/", views.create, name="create"),
    path("verhalen/<int:pk>/", views.detail, name="detail"),
    path("verhalen/<int:pk>/bewerken/", views.edit, name="edit"),
    path("verhalen/<int:pk>/verwijderen/", views.delete, name="delete"),
]
