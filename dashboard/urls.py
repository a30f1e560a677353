"""The coordinator's dashboard, under the admin's address (/admin/overzicht/)."""

from django.urls import path

from . import views

app_name = "dashboard"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("<slug:key>.csv", views.figure_csv, name="figure_csv"),
]
